#include "comparecommand.h"

#include "clierror.h"
#include "exportoptions.h"
#include "numberoption.h"
#include "scenariooptions.h"
#include "libraryoption.h"
#include "markerfile.h"
#include "prometheusoptions.h"
#include "scenariospec.h"

#include "charts/comparisonbarchart.h"
#include "io/inputresolver.h"
#include "report/comparison.h"
#include "report/phaseselection.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QTextStream>

#include <algorithm>

namespace nightwatt::cli {

namespace {

constexpr int kExitFailed = kExitNothingLoaded;

const QString kDescription = QStringLiteral(
    "Scenarios side by side, with the change of each against the first.\n\n"
    "Each SCENARIO is SOURCE[,setting=value...]:\n"
    "  SOURCE is a power log FILE, run:ID (a run in the library), power:W (a typed mean power) or\n"
    "  prom+http://HOST:PORT (a Prometheus range: --query, --from, --to apply to all, or per\n"
    "  scenario as query=, unit=, from=, to=, step= settings; a query with commas goes in --query).\n"
    "  Settings are the scenario options without \"--\" and apply to that scenario only, over\n"
    "  the options given for all; label=NAME names it (a FILE goes by its name without folder and\n"
    "  extension; the text table lists the full path), format=ID reads its FILE as that format.\n"
    "  markers=FILE reads the training phases of a marker file onto the log, and phase=LABEL\n"
    "  takes the scenario's power and runtime from the phases whose label matches (a wildcard:\n"
    "  phase=eval* takes every evaluation together: energies and durations summed).\n"
    "  A typed scenario may also start with its settings: power-w=17.02,runtime-min=1100.\n\n"
    "Example: MPS vs CPU-only, 5 vs 3 nights, US vs France:\n"
    "  nightwatt compare power:17.02,label=MPS \\\n"
    "      power:17.02,runtime-min=1100,label=CPU \\\n"
    "      power:17.02,runs-per-week=3,label=3-nights \\\n"
    "      power:17.02,grid=FR,label=France --runtime-min 709\n\n"
    "Example: training only against the whole run, and epoch 1 against epoch 2:\n"
    "  nightwatt compare power.csv,markers=markers.csv,phase=run power.csv\n"
    "  nightwatt compare \"power.csv,markers=m.csv,phase=epoch 1\" \"power.csv,markers=m.csv,phase=epoch 2\"");

struct Loaded
{
    RunSummary summary;
    QString label;
};

// Builds one scenario: measurement first, then the options for all, then its own settings.
// Returns the exit status on failure (the error already printed), or 0.
// Takes a setting that is not a scenario value (query=, markers=, phase=) out of the settings.
std::optional<QString> takeSetting(QList<std::pair<QString, QString>> &settings, const QString &name)
{
    std::optional<QString> value;
    for (auto it = settings.begin(); it != settings.end();) {
        if (it->first == name) {
            value = it->second;
            it = settings.erase(it);
        } else {
            ++it;
        }
    }
    return value;
}

// Takes the Prometheus settings (query=, from=, ...) out of a prom+http:// scenario's settings.
PrometheusInputSpec prometheusSpec(const QCommandLineParser &parser, const QString &url, QList<std::pair<QString, QString>> &settings)
{
    PrometheusInputSpec prom = prometheusSpecFrom(parser, url);
    const QHash<QString, QString *> fields = {{QStringLiteral("query"), &prom.query}, {QStringLiteral("unit"), &prom.unit},
                                              {QStringLiteral("from"), &prom.from},   {QStringLiteral("to"), &prom.to},
                                              {QStringLiteral("step"), &prom.step}};
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (const std::optional<QString> value = takeSetting(settings, it.key()))
            *it.value() = *value;
    }
    return prom;
}

QString describeSpec(const PrometheusInputSpec &prom)
{
    return QStringList{prom.query, prom.unit, prom.from, prom.to, prom.step}.join(u'\n');
}

int buildScenario(const ScenarioSpec &spec, const QCommandLineParser &parser, QHash<QString, RunSummary::Input> &logs, Loaded &out)
{
    QList<std::pair<QString, QString>> settings = spec.settings;
    const bool prometheus = isPrometheusUrl(spec.file);
    const PrometheusInputSpec prom = prometheus ? prometheusSpec(parser, spec.file, settings) : PrometheusInputSpec{};
    const QString markers = takeSetting(settings, QStringLiteral("markers")).value_or(QString());
    const QString phase = takeSetting(settings, QStringLiteral("phase")).value_or(QString());
    out.label = spec.label;
    const auto ownSetting = [&](const QString &name) {
        return std::any_of(settings.cbegin(), settings.cend(), [&](const auto &s) { return s.first == name; });
    };
    RunSummary &summary = out.summary;
    const QString source = spec.runId.isEmpty() ? spec.file : QStringLiteral("run:") + spec.runId;
    if (!source.isEmpty()) {
        const QString formatId = spec.formatId.isEmpty() ? parser.value(QStringLiteral("format")) : spec.formatId;
        const QString key = formatId + u'\n' + source + u'\n' + markers
                          + (prometheus ? QString(QStringLiteral("\n") + describeSpec(prom)) : QString());
        if (!logs.contains(key)) {
            InputOptions options;
            options.load.formatId = formatId;
            options.libraryPath = libraryPath(parser);
            options.prometheus = prom;
            LoadedLog log = InputResolver::load(source, options);
            if (!log.ok()) {
                printError(source, log.errorLine, log.error);
                return kExitFailed;
            }
            RunSummary::Input input;
            if (!summaryInputWithMarkers(log, markers, input))
                return kExitFailed;
            printIssueWarnings(input.markersPath, input.markerIssues, input.markerIssueCount, kWarningsShown);
            logs.insert(key, input);
        }
        summary.input = logs.value(key);
        applyMeasurementToScenario(*summary.input, summary.scenario);
        if (!phase.isEmpty()) {
            const std::optional<PhaseSelection> selection = selectPhases(summary.input->phases, phase);
            if (!selection) {
                printError(source, 0, QStringLiteral("\"%1\": %2").arg(spec.text, noPhaseMessage(summary.input->phases, phase)));
                return kExitUsage;
            }
            applyPhaseMeasurement(*selection, summary.scenario);
        }
        const bool durationKnown = summary.input->stats.durationS && *summary.input->stats.durationS > 0;
        if (!durationKnown && !hasRuntimeOption(parser) && !ownSetting(QStringLiteral("runtime-min"))) {
            printError(source, 0, QStringLiteral("the log has no timing, so the runtime of a run is unknown: add runtime-min=MIN or --runtime-min"));
            return kExitUsage;
        }
    } else {
        if (!hasPowerOption(parser) && !ownSetting(QStringLiteral("power-w"))) {
            printUsageError(QStringLiteral("\"%1\": a scenario needs a FILE, run:ID, power:W or power-w=W").arg(spec.text));
            return kExitUsage;
        }
        if (!hasRuntimeOption(parser) && !ownSetting(QStringLiteral("runtime-min"))) {
            printUsageError(QStringLiteral("\"%1\": a typed power needs runtime-min=MIN or --runtime-min").arg(spec.text));
            return kExitUsage;
        }
    }
    if (const QString error = applyScenarioOptions(parser, summary.scenario); !error.isEmpty()) {
        printUsageError(error);
        return kExitUsage;
    }
    if (const QString error = applyScenarioValues(settings, summary.scenario); !error.isEmpty()) {
        printUsageError(QStringLiteral("\"%1\": %2").arg(spec.text, error));
        return kExitUsage;
    }
    summary.result = computeScenario(summary.scenario);
    return kExitOk;
}

} // namespace

int runCompareCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(kDescription);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SCENARIO"), QStringLiteral("Two or more: FILE, run:ID or power:W, each with ,setting=value overrides."),
                                 QStringLiteral("SCENARIO SCENARIO..."));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print {\"scenarios\": [summary JSON...], \"deltas\": [...]}.")));
    addExportOptions(parser, QStringLiteral("bars of kWh, CO2 and gasoline a year per scenario"));
    parser.addOption(QCommandLineOption(QStringLiteral("size"), QStringLiteral("Drawing size in pixels (default 1200x700)."), QStringLiteral("WxH")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read every FILE as this format instead of recognising it."),
                                        QStringLiteral("ID")));
    addLibraryOption(parser);
    addScenarioOptions(parser);
    addPrometheusOptions(parser);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, prometheusHelp()))
        return *done;
    const QStringList specs = parser.positionalArguments();
    if (specs.size() < 2) {
        printUsageError(QStringLiteral("compare needs two or more scenarios (summary shows one)"));
        return kExitUsage;
    }
    QString sizeError;
    const QSize size = sizeOption(parser, QStringLiteral("size"), {150, 10000}, &sizeError).value_or(QSize(1200, 700));
    if (!sizeError.isEmpty()) {
        printUsageError(sizeError);
        return kExitUsage;
    }

    ScenarioComparison comparison;
    QHash<QString, RunSummary::Input> logs; // a log named twice is read once
    for (const auto &text : specs) {
        ScenarioSpec spec;
        if (const QString error = parseScenarioSpec(text, spec); !error.isEmpty()) {
            printUsageError(error);
            return kExitUsage;
        }
        Loaded loaded;
        if (const int status = buildScenario(spec, parser, logs, loaded); status != kExitOk)
            return status;
        comparison.scenarios.append(loaded.summary);
        comparison.labels.append(loaded.label);
        comparison.sources.append(spec.runId.isEmpty() ? spec.file : QStringLiteral("run:") + spec.runId);
    }

    if (!writeExportTargets(exportTargets(parser), size,
                            [&](QPainter &painter, QSize at) { paintComparisonChart(painter, comparison, at); }))
        return kExitFailed;
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json"))) {
        out << QJsonDocument(comparisonToJson(comparison)).toJson(QJsonDocument::Indented);
    } else {
        // As `summary` does: each log's issues once, however many scenarios read it.
        QSet<QString> warned;
        for (const RunSummary &summary : std::as_const(comparison.scenarios)) {
            if (summary.input && !warned.contains(summary.input->path)) {
                warned.insert(summary.input->path);
                printIssueWarnings(summary.input->path, summary.input->issues, summary.input->issueCount, kWarningsShown);
            }
        }
        out << comparisonToText(comparison);
    }
    return kExitOk;
}

} // namespace nightwatt::cli
