#include "exportcommand.h"

#include "clierror.h"
#include "markerfile.h"
#include "numberoption.h"
#include "prometheusoptions.h"
#include "scenariooptions.h"

#include "charts/chartstate.h"
#include "io/inputresolver.h"
#include "analysis/phases.h"
#include "io/logloader.h"
#include "pngexport.h"
#include "runloader.h"
#include "scenariomodel.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace nightwatt::cli {

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw the dashboard, or the power chart alone, for one log into a PNG."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A power log, run:ID, or prom+http://HOST:PORT[/prefix] with --query."));
    parser.addOption(QCommandLineOption(QStringLiteral("png"), QStringLiteral("The PNG file to write."), QStringLiteral("OUT")));
    parser.addOption(QCommandLineOption(QStringLiteral("view"), QStringLiteral("chart or dashboard (default dashboard)."), QStringLiteral("VIEW"),
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
    if (!parser.isSet(QStringLiteral("png"))) {
        printUsageError(QStringLiteral("export needs --png OUT"));
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

    const QImage image = renderExport(request, run, &model, ChartViewState{});
    const QString out = parser.value(QStringLiteral("png"));
    if (!image.save(out, "PNG")) {
        printError(out, 0, QStringLiteral("cannot write the PNG file"));
        return kExitNothingLoaded;
    }
    return kExitOk;
}

} // namespace nightwatt::cli
