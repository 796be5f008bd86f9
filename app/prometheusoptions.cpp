#include "prometheusoptions.h"

#include "prometheus/prometheusquery.h"

namespace nightwatt::cli {

namespace {

const QStringList kRangeOptions = {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("step")};
const QStringList kOptions = {QStringLiteral("query"), QStringLiteral("unit"), QStringLiteral("metric"),
                              QStringLiteral("group-label"), QStringLiteral("bearer-token-file"),
                              QStringLiteral("basic-user"), QStringLiteral("basic-password-file"),
                              QStringLiteral("header"), QStringLiteral("cacert"), QStringLiteral("timeout")};

} // namespace

void addPrometheusOptions(QCommandLineParser &parser, bool withRange)
{
    parser.addOption({QStringLiteral("query"), QStringLiteral("Prometheus input: a preset (see below) or a PromQL expression."), QStringLiteral("PRESET|EXPR")});
    parser.addOption({QStringLiteral("unit"), QStringLiteral("Prometheus input: unit of the values, W/mW/uW (power gauge) or J/mJ/uJ (energy counter)."), QStringLiteral("UNIT")});
    parser.addOption({QStringLiteral("metric"), QStringLiteral("Prometheus input: metric names replacing the preset's (comma separated)."), QStringLiteral("NAMES")});
    parser.addOption({QStringLiteral("group-label"), QStringLiteral("Prometheus input: the label naming the host (preset default otherwise)."), QStringLiteral("LABEL")});
    if (withRange) {
        parser.addOption({QStringLiteral("from"), QStringLiteral("Prometheus input: start, RFC 3339, unix seconds or relative (-1h). Default -1h."), QStringLiteral("T")});
        parser.addOption({QStringLiteral("to"), QStringLiteral("Prometheus input: end, as --from. Default now."), QStringLiteral("T")});
        parser.addOption({QStringLiteral("step"), QStringLiteral("Prometheus input: resolution (15s, 1m); default the finest that fits one request, at least 15s."), QStringLiteral("S")});
    }
    parser.addOption({QStringLiteral("bearer-token-file"), QStringLiteral("Prometheus input: file holding a bearer token (else $NIGHTWATT_PROMETHEUS_TOKEN)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("basic-user"), QStringLiteral("Prometheus input: basic-auth user."), QStringLiteral("USER")});
    parser.addOption({QStringLiteral("basic-password-file"), QStringLiteral("Prometheus input: file holding the basic-auth password (else $NIGHTWATT_PROMETHEUS_PASSWORD)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("header"), QStringLiteral("Prometheus input: extra request header, e.g. X-Scope-OrgID=team-a (repeatable)."), QStringLiteral("NAME=VALUE")});
    parser.addOption({QStringLiteral("cacert"), QStringLiteral("Prometheus input: PEM file of a CA to trust for https."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Prometheus input: deadline for each whole request, however slowly the server answers (default 30s)."), QStringLiteral("S")});
}

bool hasPrometheusOptions(const QCommandLineParser &parser)
{
    for (const QString &name : kOptions + kRangeOptions) {
        if (parser.optionNames().contains(name))
            return true;
    }
    return false;
}

QString prometheusOptionsWithoutUrlError()
{
    return QStringLiteral("--query, --from, --to and the other Prometheus options need a prom+http:// input");
}

PrometheusInputSpec prometheusSpecFrom(const QCommandLineParser &parser, const QString &url)
{
    auto value = [&](const char *name) {
        const QString option = QString::fromLatin1(name);
        return parser.optionNames().contains(option) ? parser.value(option) : QString();
    };
    PrometheusInputSpec spec;
    spec.url = url;
    spec.query = value("query");
    spec.unit = value("unit");
    if (const QString metrics = value("metric"); !metrics.isEmpty())
        spec.metrics = metrics.split(u',', Qt::SkipEmptyParts);
    spec.groupLabel = value("group-label");
    if (parser.optionNames().contains(QStringLiteral("from")))
        spec.from = parser.value(QStringLiteral("from"));
    if (parser.optionNames().contains(QStringLiteral("to")))
        spec.to = parser.value(QStringLiteral("to"));
    spec.step = value("step");
    spec.bearerTokenFile = value("bearer-token-file");
    spec.basicUser = value("basic-user");
    spec.basicPasswordFile = value("basic-password-file");
    spec.headers = parser.values(QStringLiteral("header"));
    spec.caFile = value("cacert");
    spec.timeout = value("timeout");
    return spec;
}

QString prometheusHelp()
{
    QString text = QStringLiteral(
        "\nPrometheus input: prom+http://HOST:PORT[/prefix] (or prom+https://) with --query.\n"
        "Secrets never go on the command line or into settings: give a bearer token with\n"
        "--bearer-token-file FILE or $NIGHTWATT_PROMETHEUS_TOKEN, a basic-auth password with\n"
        "--basic-password-file FILE or $NIGHTWATT_PROMETHEUS_PASSWORD. Keep such a file readable by\n"
        "you only (chmod 600). Nightwatt never writes a secret anywhere: runs, logs written with -o and\n"
        "messages keep the address without user:password, and no token, password or --header value.\n"
        "Credentials and headers go to the given scheme, host and port only: a redirect elsewhere is\n"
        "refused with an error naming both addresses.\n"
        "Energy counters (J, mJ, uJ) give exact energy from their increase per step; power gauges\n"
        "(W, mW, uW) are integrated. Presets (--metric and --group-label override them):\n");
    for (const auto &preset : prometheusPresets())
        text += QStringLiteral("  %1  %2\n").arg(preset.id.leftJustified(17), preset.name);
    return text;
}

QString prometheusPollingHelp()
{
    return QStringLiteral(
        "Polling: an energy counter moves only when Prometheus scrapes it. A counter query that is a\n"
        "bare selector is read as the samples Prometheus scraped, with their own times, so each reading\n"
        "is the mean power between two scrapes; a poll that finds no new sample prints nothing. A poll\n"
        "interval shorter than the scrape interval (seen from the samples) is raised to it, and said.\n"
        "A counter expression that is not a bare selector (sum(...), rate(...)) is timed by the polls;\n"
        "poll it no faster than the server scrapes.\n");
}

} // namespace nightwatt::cli
