#include "prometheus/prometheusapi.h"

#include "io/messagetext.h"
#include "prometheus/prometheusconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

#include <cmath>
#include <limits>

namespace nightwatt {

namespace {

// What the server said, as a message may show it: its own secrets masked while they are whole,
// then the bounded, escaped excerpt every message quotes.
QString serverText(QStringView text, const PrometheusConnection &connection)
{
    return inputExcerpt(connection.redact(text.first(std::min<qsizetype>(text.size(), 16 * kQuotedInputChars)).toString()));
}

QString firstLine(const QByteArray &body, const PrometheusConnection &connection)
{
    const QString text = QString::fromUtf8(body.left(4096)).trimmed();
    return serverText(text.section(u'\n', 0, 0).trimmed(), connection);
}

QString authHint(const PrometheusConnection &connection)
{
    return connection.hasCredentials()
        ? QStringLiteral("the credentials given were refused")
        : QStringLiteral("no credentials were given: use --bearer-token-file, or --basic-user with --basic-password-file");
}

QString networkMessage(QNetworkReply *reply, const PrometheusConnection &connection)
{
    const QString where = connection.displayUrl();
    const QString redirect = reply->property(kPrometheusRefusedRedirectProperty).toString();
    if (!redirect.isEmpty()) {
        return QStringLiteral("Prometheus at %1 redirected to %2, another origin (scheme, host or port): refused, so that "
                              "credentials and headers meant for %1 are never sent there (give the address it redirects to, if that is right)")
            .arg(where, inputExcerpt(redirect));
    }
    if (reply->property(kPrometheusDeadlineProperty).toBool())
        return QStringLiteral("Prometheus at %1 did not answer within %2 s (--timeout, for the whole request)").arg(where).arg(connection.timeoutMs / 1000.0);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("cannot reach Prometheus at %1: connection refused (is it running, and is the port right?)").arg(where);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("cannot reach Prometheus at %1: host not found").arg(where);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("Prometheus at %1 did not answer within %2 s").arg(where).arg(connection.timeoutMs / 1000.0);
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("Prometheus at %1 closed the connection before answering (did the server stop?)").arg(where);
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS with %1 failed: %2 (for a private CA give it with --cacert)")
            .arg(where, serverText(reply->errorString(), connection));
    default:
        break;
    }
    return QStringLiteral("cannot reach Prometheus at %1: %2").arg(where, serverText(reply->errorString(), connection));
}

double parseValue(const QJsonValue &value, bool *ok)
{
    // Prometheus sends sample values as strings so that NaN and infinities survive JSON.
    const QString text = value.toString();
    *ok = true;
    if (text == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return -std::numeric_limits<double>::infinity();
    return text.toDouble(ok);
}

bool parsePoint(const QJsonValue &pair, PrometheusPoint &point)
{
    const QJsonArray a = pair.toArray();
    if (a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isString())
        return false;
    bool ok = false;
    point.timeS = a.at(0).toDouble();
    point.value = parseValue(a.at(1), &ok);
    return ok;
}

QMap<QString, QString> labelsOf(const QJsonObject &metric)
{
    QMap<QString, QString> labels;
    for (auto it = metric.begin(); it != metric.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

} // namespace

PrometheusReply readPrometheusReply(QNetworkReply *reply, const PrometheusConnection &connection)
{
    PrometheusReply out;
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    out.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto error = reply->error();
    // Codes below 200 are transport and proxy failures: nothing the server said is complete.
    const bool refusedOrLate = reply->property(kPrometheusRefusedRedirectProperty).isValid() || reply->property(kPrometheusDeadlineProperty).isValid();
    if (error != QNetworkReply::NoError && (int(error) < 200 || out.httpStatus == 0 || refusedOrLate)) {
        out.unreachable = true;
        out.error = networkMessage(reply, connection);
        return out;
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = doc.object();
    const QString status = root.value(QLatin1String("status")).toString();
    const bool auth = out.httpStatus == 401 || out.httpStatus == 403;
    if (status == QLatin1String("success") && error == QNetworkReply::NoError) {
        out.data = root.value(QLatin1String("data")).toObject();
        for (const auto &w : root.value(QLatin1String("warnings")).toArray())
            out.warnings.append(serverText(w.toString(), connection));
        return out;
    }
    if (status == QLatin1String("error")) {
        const QString type = serverText(root.value(QLatin1String("errorType")).toString(), connection);
        const QString message = serverText(root.value(QLatin1String("error")).toString(), connection);
        if (auth) {
            out.error = QStringLiteral("Prometheus at %1 answered HTTP %2 (%3): %4")
                            .arg(connection.displayUrl()).arg(out.httpStatus).arg(message, authHint(connection));
        } else if (type == QLatin1String("timeout")) {
            out.error = QStringLiteral("the query timed out on the server (timeout): %1; ask for a shorter range or a larger --step").arg(message);
        } else {
            out.error = QStringLiteral("Prometheus rejected the query (%1): %2").arg(type, message);
        }
        return out;
    }
    const QString text = firstLine(body, connection);
    if (auth) {
        out.error = QStringLiteral("Prometheus at %1 answered HTTP %2%3: %4")
                        .arg(connection.displayUrl()).arg(out.httpStatus)
                        .arg(text.isEmpty() ? QString() : QStringLiteral(" (") + text + u')', authHint(connection));
    } else if (out.httpStatus == 404) {
        out.error = QStringLiteral("no Prometheus API under %1 (HTTP 404%2): check the address and path prefix")
                        .arg(connection.displayUrl(), text.isEmpty() ? QString() : QStringLiteral(": ") + text);
    } else if (out.httpStatus >= 300 || error != QNetworkReply::NoError) {
        out.error = QStringLiteral("Prometheus at %1 answered HTTP %2%3")
                        .arg(connection.displayUrl()).arg(out.httpStatus)
                        .arg(text.isEmpty() ? QString() : QStringLiteral(": ") + text);
    } else {
        out.error = QStringLiteral("the answer from %1 is not Prometheus API JSON%2")
                        .arg(connection.displayUrl(),
                             parseError.error != QJsonParseError::NoError ? QStringLiteral(" (") + parseError.errorString() + u')' : QString());
    }
    return out;
}

bool parsePrometheusResult(const QJsonObject &data, QList<PrometheusSeries> &series, QString *error)
{
    const QString type = data.value(QLatin1String("resultType")).toString();
    const QJsonValue result = data.value(QLatin1String("result"));
    PrometheusPoint point;
    if (type == QLatin1String("scalar")) {
        if (!parsePoint(result, point)) {
            *error = QStringLiteral("a scalar result without [time, \"value\"]");
            return false;
        }
        series.append({{}, {point}});
        return true;
    }
    if (type != QLatin1String("matrix") && type != QLatin1String("vector")) {
        *error = QStringLiteral("the query returned a %1, not numbers over time").arg(type.isEmpty() ? QStringLiteral("malformed result") : quoteInput(type));
        return false;
    }
    const bool matrix = type == QLatin1String("matrix");
    for (const auto &entry : result.toArray()) {
        const QJsonObject object = entry.toObject();
        PrometheusSeries s;
        s.labels = labelsOf(object.value(QLatin1String("metric")).toObject());
        if (matrix) {
            const QJsonArray values = object.value(QLatin1String("values")).toArray();
            s.points.reserve(size_t(values.size()));
            for (const auto &v : values) {
                if (!parsePoint(v, point)) {
                    *error = QStringLiteral("series %1 has a malformed sample").arg(describeLabels(s.labels));
                    return false;
                }
                s.points.push_back(point);
            }
        } else {
            if (!parsePoint(object.value(QLatin1String("value")), point)) {
                *error = QStringLiteral("series %1 has a malformed sample").arg(describeLabels(s.labels));
                return false;
            }
            s.points.push_back(point);
        }
        series.append(std::move(s));
    }
    return true;
}

QString seriesKey(const QMap<QString, QString> &labels)
{
    QString key;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        key += it.key() + QChar(0x1F) + it.value() + QChar(0x1E);
    return key;
}

QString describeLabels(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts.append(inputExcerpt(it.key()) + u'=' + quoteInput(it.value()));
    return u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

} // namespace nightwatt
