#include "prometheus/prometheusinput.h"

#include <QEventLoop>
#include <QRegularExpression>

namespace nightwatt {

namespace {

constexpr QLatin1String kSchemePrefix("prom+");

std::optional<qint64> unitMs(const QString &unit)
{
    if (unit == QLatin1String("ms"))
        return 1;
    if (unit == QLatin1String("s"))
        return 1000;
    if (unit == QLatin1String("m"))
        return 60 * 1000;
    if (unit == QLatin1String("h"))
        return 3600 * 1000;
    if (unit == QLatin1String("d"))
        return 24 * 3600 * 1000;
    if (unit == QLatin1String("w"))
        return 7 * 24 * 3600 * 1000;
    return std::nullopt;
}

bool parseHeader(const QString &text, QPair<QByteArray, QByteArray> &header)
{
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    qsizetype split = text.indexOf(u'=');
    const qsizetype colon = text.indexOf(u':');
    if (colon >= 0 && (split < 0 || colon < split))
        split = colon;
    if (split <= 0)
        return false;
    const QString name = text.left(split).trimmed();
    const QString value = text.mid(split + 1).trimmed();
    if (!token.match(name).hasMatch() || value.contains(u'\n') || value.contains(u'\r'))
        return false;
    header = {name.toLatin1(), value.toUtf8()};
    return true;
}

} // namespace

bool isPrometheusUrl(const QString &input)
{
    return input.startsWith(QLatin1String("prom+http://"), Qt::CaseInsensitive)
        || input.startsWith(QLatin1String("prom+https://"), Qt::CaseInsensitive);
}

std::optional<qint64> parsePrometheusDurationMs(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const double plain = t.toDouble(&ok);
    if (ok)
        return plain > 0 && plain < 1e10 ? std::optional<qint64>(qint64(plain * 1000.0 + 0.5)) : std::nullopt;
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)"));
    static const QRegularExpression whole(QStringLiteral("^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d|w))+$"));
    if (!whole.match(t).hasMatch())
        return std::nullopt;
    double ms = 0;
    for (auto it = part.globalMatch(t); it.hasNext();) {
        const auto m = it.next();
        ms += m.captured(1).toDouble() * double(*unitMs(m.captured(2)));
    }
    if (ms <= 0 || ms > 1e13)
        return std::nullopt;
    return qint64(ms + 0.5);
}

std::optional<qint64> parseDurationOptionMs(const QString &option, const QString &text, NumberRange rangeS, QString *error)
{
    const std::optional<qint64> ms = parsePrometheusDurationMs(text);
    if (!checkOptionRange(option, text, ms ? std::optional<double>(double(*ms) / 1000.0) : std::nullopt, rangeS,
                          QStringLiteral("a duration (30s, 2m, 1h)"), QStringLiteral(" s"), error))
        return std::nullopt;
    return ms;
}

std::optional<QDateTime> parsePrometheusTime(const QString &text, const QDateTime &now)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    if (t == QLatin1String("now"))
        return now;
    if (t.startsWith(QLatin1String("now-")))
        t = t.mid(3);
    if (t.startsWith(u'-')) {
        const auto ago = parsePrometheusDurationMs(t.mid(1));
        if (!ago)
            return std::nullopt;
        return now.addMSecs(-*ago);
    }
    bool ok = false;
    const double unix = t.toDouble(&ok);
    if (ok) {
        // Milliseconds by mistake would land tens of thousands of years ahead: refuse them.
        if (unix < 0 || unix > 1.0e11)
            return std::nullopt;
        return QDateTime::fromMSecsSinceEpoch(qint64(unix * 1000.0 + 0.5), Qt::UTC);
    }
    QDateTime parsed = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!parsed.isValid() || (!t.endsWith(u'Z') && !t.contains(QRegularExpression(QStringLiteral("[+-]\\d\\d:?\\d\\d$")))))
        return std::nullopt; // a time without zone is ambiguous; RFC 3339 requires one
    return parsed.toUTC();
}

std::optional<PrometheusRangeRequest> resolvePrometheusInput(const PrometheusInputSpec &spec, const QDateTime &now,
                                                             QString *error)
{
    PrometheusRangeRequest request;
    PrometheusConnection &c = request.connection;
    if (!isPrometheusUrl(spec.url)) {
        *error = QStringLiteral("a Prometheus input starts with prom+http:// or prom+https://");
        return std::nullopt;
    }
    c.baseUrl = QUrl(spec.url.mid(kSchemePrefix.size()), QUrl::StrictMode);
    if (!c.baseUrl.isValid() || c.baseUrl.host().isEmpty()) {
        *error = QStringLiteral("not a valid Prometheus address: %1").arg(c.displayUrl());
        return std::nullopt;
    }
    if (!c.baseUrl.password().isEmpty()) {
        *error = QStringLiteral("a password in the address would show in process lists and logs: use --basic-password-file or $%1")
                     .arg(QLatin1String(kPrometheusPasswordEnv));
        return std::nullopt;
    }
    c.basicUser = spec.basicUser.isEmpty() ? c.baseUrl.userName() : spec.basicUser;
    c.baseUrl.setUserInfo({});
    c.baseUrl.setQuery(QString());

    QString secretError;
    if (!spec.bearerTokenFile.isEmpty()) {
        c.bearerToken = readSecretFile(spec.bearerTokenFile, &secretError);
    } else if (qEnvironmentVariableIsSet(kPrometheusTokenEnv)) {
        c.bearerToken = qgetenv(kPrometheusTokenEnv).trimmed();
    }
    if (!c.basicUser.isEmpty()) {
        if (!spec.basicPasswordFile.isEmpty())
            c.basicPassword = readSecretFile(spec.basicPasswordFile, &secretError);
        else
            c.basicPassword = qgetenv(kPrometheusPasswordEnv).trimmed();
    } else if (!spec.basicPasswordFile.isEmpty()) {
        secretError = QStringLiteral("--basic-password-file needs --basic-user");
    }
    if (!secretError.isEmpty()) {
        *error = secretError;
        return std::nullopt;
    }
    for (const QString &text : spec.headers) {
        QPair<QByteArray, QByteArray> header;
        if (!parseHeader(text, header)) {
            *error = QStringLiteral("--header wants NAME=VALUE, e.g. X-Scope-OrgID=team-a");
            return std::nullopt;
        }
        c.headers.append(header);
    }
    c.caFile = spec.caFile;
    if (!spec.timeout.isEmpty()) {
        const auto timeout = parseDurationOptionMs(QStringLiteral("timeout"), spec.timeout, kPrometheusTimeoutRangeS, error);
        if (!timeout)
            return std::nullopt;
        c.timeoutMs = int(*timeout);
    }

    PrometheusQueryOptions queryOptions;
    queryOptions.presetOrExpression = spec.query;
    queryOptions.metrics = spec.metrics;
    queryOptions.groupLabel = spec.groupLabel;
    if (!spec.unit.isEmpty()) {
        queryOptions.unit = parsePrometheusUnit(spec.unit);
        if (!queryOptions.unit) {
            *error = QStringLiteral("unknown unit %1: use W, mW, uW (power) or J, mJ, uJ (energy counters)").arg(spec.unit);
            return std::nullopt;
        }
    }
    const auto query = resolvePrometheusQuery(queryOptions, error);
    if (!query)
        return std::nullopt;
    request.query = *query;

    const auto from = parsePrometheusTime(spec.from, now);
    const auto to = parsePrometheusTime(spec.to, now);
    if (!from || !to) {
        *error = QStringLiteral("--%1 wants RFC 3339 with a zone (2023-11-14T20:00:00Z), unix seconds, now, or -1h: %2")
                     .arg(from ? QStringLiteral("to") : QStringLiteral("from"), from ? spec.to : spec.from);
        return std::nullopt;
    }
    request.from = *from;
    request.to = *to;
    if (!spec.step.isEmpty()) {
        const auto step = parseDurationOptionMs(QStringLiteral("step"), spec.step, kPrometheusStepRangeS, error);
        if (!step)
            return std::nullopt;
        request.stepMs = *step;
    }
    return request;
}

LoadedLog loadPrometheusRange(const PrometheusRangeRequest &request)
{
    PrometheusRangeImport import;
    QEventLoop loop;
    QObject::connect(&import, &PrometheusRangeImport::finished, &loop, &QEventLoop::quit);
    import.start(request);
    loop.exec();
    return import.takeResult();
}

} // namespace nightwatt
