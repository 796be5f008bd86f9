#include "prometheuscommand.h"

#include "clierror.h"
#include "numberoption.h"
#include "prometheusoptions.h"

#include "prometheus/prometheusinput.h"
#include "prometheus/prometheuspoller.h"
#include "prometheus/prometheusquery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>


namespace nightwatt::cli {

namespace {

constexpr qint64 kDefaultPollIntervalMs = 15000;
constexpr NumberRange kPollIntervalRangeS{0.1, 86400};
constexpr NumberRange kCountRange{0, 1e9};

int listPresets(bool json)
{
    QTextStream out(stdout);
    if (json) {
        QJsonArray presets;
        for (const auto &p : prometheusPresets()) {
            presets.append(QJsonObject{{QStringLiteral("id"), p.id},
                                       {QStringLiteral("name"), p.name},
                                       {QStringLiteral("metrics"), QJsonArray::fromStringList(p.metrics)},
                                       {QStringLiteral("matchers"), p.matchers},
                                       {QStringLiteral("unit"), unitSymbol(p.unit)},
                                       {QStringLiteral("energy_counter"), isEnergyUnit(p.unit)},
                                       {QStringLiteral("group_label"), p.groupLabel}});
        }
        out << QJsonDocument(presets).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    for (const auto &p : prometheusPresets()) {
        out << p.id << "  " << p.name << '\n'
            << "    metrics " << p.metrics.join(QStringLiteral(", "))
            << (p.matchers.isEmpty() ? QString() : QStringLiteral(" {") + p.matchers + u'}') << ", unit "
            << unitSymbol(p.unit) << ", host label " << p.groupLabel << '\n';
    }
    return kExitOk;
}

int watch(const QCommandLineParser &parser, const QString &url)
{
    QString error;
    PrometheusInputSpec spec = prometheusSpecFrom(parser, url);
    const auto request = resolvePrometheusInput(spec, QDateTime::currentDateTimeUtc(), &error);
    if (!request) {
        printUsageError(error);
        return kExitUsage;
    }
    const qint64 intervalMs = parser.isSet(QStringLiteral("interval"))
        ? parseDurationOptionMs(QStringLiteral("interval"), parser.value(QStringLiteral("interval")), kPollIntervalRangeS, &error).value_or(0)
        : kDefaultPollIntervalMs;
    const qint64 count = wholeNumberOption(parser, QStringLiteral("count"), kCountRange, &error).value_or(0);
    if (!error.isEmpty()) {
        printUsageError(error);
        return kExitUsage;
    }
    PrometheusPoller poller(request->connection, request->query);
    poller.setIntervalMs(int(intervalMs));
    QTextStream out(stdout);
    int seen = 0;
    int failures = 0;
    QStringList said;
    auto sayOnce = [&](const QString &message) {
        if (said.contains(message))
            return;
        said.append(message);
        printError(request->connection.displayUrl(), 0, message);
    };
    QObject::connect(&poller, &PrometheusPoller::samplesReady, &poller, [&](const PrometheusLiveSamples &samples) {
        for (const QString &problem : samples.problems)
            sayOnce(problem);
        double total = 0;
        out << samples.time.toString(Qt::ISODate);
        for (qsizetype i = 0; i < samples.channels.size(); ++i) {
            out << "  " << samples.channels[i].id << '=' << QString::number(samples.valuesW[i], 'f', 2);
            if (!isMissing(samples.valuesW[i]))
                total += samples.valuesW[i];
        }
        out << "  total=" << QString::number(total, 'f', 2) << " W\n";
        out.flush();
        if (count > 0 && ++seen >= count)
            QCoreApplication::exit(kExitOk);
    });
    QObject::connect(&poller, &PrometheusPoller::notice, &poller, sayOnce);
    QObject::connect(&poller, &PrometheusPoller::pollFailed, &poller, [&](const QString &message) {
        printError(request->connection.displayUrl(), 0, message);
        if (count > 0 && ++failures >= count)
            QCoreApplication::exit(kExitNothingLoaded);
    });
    poller.start();
    return QCoreApplication::exec();
}

} // namespace

int runPrometheusCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prometheus power sources.\n"
        "  presets                         the built-in exporter presets\n"
        "  watch prom+http://HOST:PORT --query PRESET|EXPR [--interval 15s] [--count N]\n"
        "                                  poll the query and print power as it comes\n\n")
        + prometheusPollingHelp());
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("presets or watch"), QStringLiteral("presets|watch"));
    parser.addOption({QStringLiteral("json"), QStringLiteral("presets: print JSON.")});
    parser.addOption({QStringLiteral("interval"), QStringLiteral("watch: time between polls (default 15s); raised to the scrape interval for a counter (see above)."), QStringLiteral("S")});
    parser.addOption({QStringLiteral("count"), QStringLiteral("watch: stop after N samples (0 = until interrupted)."), QStringLiteral("N")});
    addPrometheusOptions(parser, false);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, prometheusHelp()))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (action == QLatin1String("presets") && positional.size() == 1)
        return listPresets(parser.isSet(QStringLiteral("json")));
    if (action == QLatin1String("watch") && positional.size() == 2)
        return watch(parser, positional[1]);
    printUsageError(QStringLiteral("prometheus wants `presets` or `watch prom+http://HOST:PORT --query ...`"));
    return kExitUsage;
}

} // namespace nightwatt::cli
