#include "summarycommand.h"

#include "clierror.h"
#include "libraryoption.h"
#include "markerfile.h"
#include "numberoption.h"
#include "prometheusoptions.h"
#include "scenariooptions.h"

#include "io/logloader.h"
#include "report/phaseselection.h"
#include "report/runsummary.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

namespace nightwatt::cli {

namespace {

void printIssues(const RunSummary::Input &input)
{
    printIssueWarnings(input.path, input.issues, input.issueCount, kWarningsShown);
    printIssueWarnings(input.markersPath, input.markerIssues, input.markerIssueCount, kWarningsShown);
}

} // namespace

LoadedLog loadSummaryFile(const QString &input, const QCommandLineParser &parser, QString &shownAs, bool &usageError)
{
    shownAs = input;
    LoadedLog log;
    if (hasPrometheusOptions(parser)) {
        usageError = true;
        log.error = prometheusOptionsWithoutUrlError();
        return log;
    }
    LoadOptions options;
    options.formatId = parser.value(QStringLiteral("format"));
    options.powerColumn = parser.value(QStringLiteral("power-column"));
    options.intervalMs = parser.value(QStringLiteral("interval-ms")).toInt();
    return LogLoader::loadFile(input, options);
}

int runSummaryCommand(const QStringList &arguments, SummaryInputLoader loadInput)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Figures for one power log, or for a typed power."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A power log, run:ID from the run library, or prom+http://HOST:PORT[/prefix] with --query (omit with --power-w)."), QStringLiteral("[FILE]"));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the stable JSON summary.")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read FILE as this format instead of recognising it."), QStringLiteral("ID")));
    parser.addOption(QCommandLineOption(QStringLiteral("power-column"),
                                        QStringLiteral("Read only this column (by its header name) as the power, in CSV logs."),
                                        QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval-ms"),
                                        QStringLiteral("Logs without timestamps (tegrastats without --logfile): the sampling "
                                                       "interval they were taken at (default: the tool's own, 1000 for tegrastats)."),
                                        QStringLiteral("MS")));
    addLibraryOption(parser);
    addMarkersOption(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("runtime-from-phase"),
                                        QStringLiteral("Take the runtime of a run from the phases of --markers whose label matches "
                                                       "(a wildcard: run, epoch*), their durations summed."),
                                        QStringLiteral("LABEL")));
    addScenarioOptions(parser);
    addPrometheusOptions(parser);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, prometheusHelp()))
        return *done;
    const QStringList files = parser.positionalArguments();
    QString intervalError;
    wholeNumberOption(parser, QStringLiteral("interval-ms"), kSamplingIntervalRangeMs, &intervalError);
    if (!intervalError.isEmpty()) {
        printUsageError(intervalError);
        return kExitUsage;
    }
    if (files.size() > 1) {
        printUsageError(QStringLiteral("summary takes one FILE (use compare for several)"));
        return kExitUsage;
    }
    if (files.isEmpty() && !hasPowerOption(parser)) {
        printUsageError(QStringLiteral("summary needs a FILE or --power-w"));
        return kExitUsage;
    }

    RunSummary summary;
    if (!files.isEmpty()) {
        QString shownAs;
        bool usageError = false;
        LoadedLog log = loadInput(files.first(), parser, shownAs, usageError);
        if (usageError) {
            printUsageError(log.error);
            return kExitUsage;
        }
        if (!log.ok()) {
            printError(shownAs, log.errorLine, log.error);
            return kExitNothingLoaded;
        }
        summary.input = RunSummary::Input{};
        if (!summaryInputWithMarkers(log, markersPath(parser), *summary.input))
            return kExitNothingLoaded;
        applyMeasurementToScenario(*summary.input, summary.scenario);
        if (const QString phase = parser.value(QStringLiteral("runtime-from-phase")); !phase.isEmpty()) {
            const std::optional<PhaseSelection> selection = selectPhases(summary.input->phases, phase);
            if (!selection) {
                printError(shownAs, 0, noPhaseMessage(summary.input->phases, phase));
                return kExitUsage;
            }
            applyPhaseRuntime(*selection, summary.scenario);
        }
        const bool durationKnown = summary.input->stats.durationS && *summary.input->stats.durationS > 0;
        if (!durationKnown && !hasRuntimeOption(parser)) {
            printError(shownAs, 0,
                       QStringLiteral("the log has no timing, so the runtime of a run is unknown: give it with --runtime-min"));
            return kExitUsage;
        }
    } else if (!hasRuntimeOption(parser)) {
        printUsageError(QStringLiteral("--power-w needs --runtime-min"));
        return kExitUsage;
    }
    if (const QString error = applyScenarioOptions(parser, summary.scenario); !error.isEmpty()) {
        printUsageError(error);
        return kExitUsage;
    }
    summary.result = computeScenario(summary.scenario);

    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json"))) {
        out << QJsonDocument(summaryToJson(summary)).toJson(QJsonDocument::Indented);
    } else {
        if (summary.input)
            printIssues(*summary.input);
        out << summaryToText(summary);
    }
    return kExitOk;
}

} // namespace nightwatt::cli
