#include "prometheus/prometheusconnection.h"

#include "io/messagetext.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

namespace nightwatt {

QString PrometheusConnection::displayUrl() const
{
    return baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
}

namespace {

int portOf(const QUrl &url)
{
    return url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && portOf(a) == portOf(b);
}

} // namespace

QList<QByteArray> PrometheusConnection::secrets() const
{
    QList<QByteArray> out = {bearerToken, basicPassword};
    if (!basicUser.isEmpty())
        out.append(QByteArray(basicUser.toUtf8() + ':' + basicPassword).toBase64());
    for (const auto &header : headers)
        out.append(header.second);
    return out;
}

QString PrometheusConnection::redact(const QString &text) const
{
    return redactSecrets(text, secrets());
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
    // Every redirect is looked at in get(): Qt would send our headers to any host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
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

QNetworkReply *PrometheusConnection::get(QNetworkAccessManager &network, const QString &apiPath, const Parameters &parameters,
                                         QString *error) const
{
    QString requestError;
    const QNetworkRequest prepared = request(apiPath, parameters, &requestError);
    if (!requestError.isEmpty()) {
        if (error)
            *error = requestError;
        return nullptr;
    }
    QNetworkReply *reply = network.get(prepared);
    QObject::connect(reply, &QNetworkReply::redirected, reply, [reply, origin = baseUrl](const QUrl &target) {
        const QUrl resolved = reply->url().resolved(target);
        if (sameOrigin(resolved, origin)) {
            Q_EMIT reply->redirectAllowed();
            return;
        }
        reply->setProperty(kPrometheusRefusedRedirectProperty,
                           resolved.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment));
        reply->abort();
    });
    if (timeoutMs > 0) {
        // A transfer timeout restarts with every byte, so a server dripping its answer would hold
        // the request forever: the deadline is for the whole request.
        auto *deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        QObject::connect(deadline, &QTimer::timeout, reply, [reply] {
            reply->setProperty(kPrometheusDeadlineProperty, true);
            reply->abort();
        });
        deadline->start(timeoutMs);
    }
    return reply;
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
