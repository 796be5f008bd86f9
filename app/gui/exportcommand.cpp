#include "exportcommand.h"

#include "clierror.h"
#include "exportoptions.h"
#include "markerfile.h"
#include "numberoption.h"
#include "prometheusoptions.h"
#include "scenariooptions.h"

#include "charts/chartstate.h"
#include "io/inputresolver.h"
#include "analysis/phases.h"
#include "io/logloader.h"
#include "dashboardexport.h"
#include "runloader.h"
#include "scenariomodel.h"

#include <QCommandLineParser>

namespace nightwatt::cli {

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Draw one log's report (title, power chart, the dashboard's figures and the sources of every\n"
        "factor) or its power chart alone, as a PNG picture or as SVG or PDF that stay vector."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A power log, run:ID, or prom+http://HOST:PORT[/prefix] with --query."));
    addExportOptions(parser, QStringLiteral("the drawing"));
    parser.addOption(QCommandLineOption(QStringLiteral("view"), QStringLiteral("dashboard (the report) or chart (default dashboard)."), QStringLiteral("VIEW"),
                                        QStringLiteral("dashboard")));
    parser.addOption(QCommandLineOption(QStringLiteral("size"),
                                        QStringLiteral("Image size in pixels, WxH (default 1600x1000, 1200x600 for the chart)."),
                                        QStringLiteral("WxH")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read FILE as this format instead of recognising it."),
                                        QStringLiteral("ID")));
    addMarkersOption(parser);
    addScenarioOptions(parser);
    addPrometheusOptions(parser);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, prometheusHelp()))
        return *done;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        printUsageError(QStringLiteral("export takes one FILE"));
        return kExitUsage;
    }
    const QList<ExportTarget> targets = exportTargets(parser);
    if (targets.isEmpty()) {
        printUsageError(QStringLiteral("export needs --png, --svg or --pdf OUT"));
        return kExitUsage;
    }
    const auto view = parseExportView(parser.value(QStringLiteral("view")));
    if (!view) {
        printUsageError(QStringLiteral("--view takes chart or dashboard, not \"%1\"").arg(parser.value(QStringLiteral("view"))));
        return kExitUsage;
    }
    ExportRequest request{*view, defaultExportSize(*view)};
    QString sizeError;
    request.size = sizeOption(parser, QStringLiteral("size"), kExportSideRange, &sizeError).value_or(request.size);
    if (!sizeError.isEmpty()) {
        printUsageError(sizeError);
        return kExitUsage;
    }

    const bool prometheus = isPrometheusUrl(files.first());
    if (!prometheus && hasPrometheusOptions(parser)) {
        printUsageError(prometheusOptionsWithoutUrlError());
        return kExitUsage;
    }
    InputOptions options;
    options.load.formatId = parser.value(QStringLiteral("format"));
    if (prometheus)
        options.prometheus = prometheusSpecFrom(parser, files.first());
    OpenRun run = RunLoader::loadRun(files.first(), options);
    if (!run.log->ok()) {
        printError(prometheus ? run.log->path : files.first(), run.log->errorLine, run.log->error);
        return kExitNothingLoaded;
    }
    if (const QString markers = markersPath(parser); !markers.isEmpty()) {
        auto marked = std::make_shared<LoadedLog>(*run.log);
        MarkerFileIssues issues;
        if (!readMarkerFile(markers, marked->trace, issues))
            return kExitNothingLoaded;
        printIssueWarnings(markers, issues.issues, issues.count, kWarningsShown);
        run.log = std::move(marked);
        run.phases = analyzePhases(run.log->trace, run.stats);
    }
    // Same defaults as `summary` (not the dashboard's remembered assumptions), so a script's
    // picture does not depend on what someone last typed into the window.
    ScenarioModel model;
    model.setMeasurement(run.stats, run.title);
    ScenarioInputs inputs = model.inputs();
    if (const QString error = applyScenarioOptions(parser, inputs); !error.isEmpty()) {
        printUsageError(error);
        return kExitUsage;
    }
    model.setAssumptions(inputs, model.longestRuntimeMin());
    if (hasPowerOption(parser))
        model.setMeanPowerW(inputs.meanPowerW);
    if (hasRuntimeOption(parser))
        model.setRuntimeMin(inputs.runtimeMin);

    const bool written = writeExportTargets(targets, request.size, [&](QPainter &painter, QSize) {
        paintExport(painter, request, run, model, ChartViewState{});
    });
    return written ? kExitOk : kExitNothingLoaded;
}

} // namespace nightwatt::cli
