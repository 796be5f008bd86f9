#include "prometheus/prometheusconnection.h"

#include <QFile>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace nightwatt {

QString PrometheusConnection::displayUrl() const
{
    return baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
}

QString PrometheusConnection::redact(const QString &text) const
{
    QString out = text;
    for (const QByteArray &secret : {bearerToken, basicPassword}) {
        if (secret.size() >= 3)
            out.replace(QString::fromUtf8(secret), QStringLiteral("***"));
    }
    return out;
}

QNetworkRequest PrometheusConnection::request(const QString &apiPath, const Parameters &parameters, QString *error) const
{
    QUrl url = baseUrl;
    url.setUserInfo({});
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + apiPath);
    QByteArray encoded;
    for (const auto &[key, value] : parameters) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (timeoutMs > 0)
        request.setTransferTimeout(timeoutMs);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!bearerToken.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + bearerToken);
    } else if (!basicUser.isEmpty()) {
        const QByteArray pair = basicUser.toUtf8() + ':' + basicPassword;
        request.setRawHeader("Authorization", "Basic " + pair.toBase64());
    }
    if (!caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1: no PEM certificate could be read (--cacert)").arg(caFile);
            return request;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(cas);
        request.setSslConfiguration(ssl);
    }
    return request;
}

QByteArray readSecretFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read the secret file: %2").arg(path, file.errorString());
        return {};
    }
    constexpr qint64 kMaxSecretBytes = 64 * 1024;
    QByteArray secret = file.read(kMaxSecretBytes).trimmed();
    if (secret.isEmpty() && error)
        *error = QStringLiteral("%1: the secret file is empty").arg(path);
    return secret;
}

} // namespace nightwatt
