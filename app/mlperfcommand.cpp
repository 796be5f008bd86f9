#include "mlperfcommand.h"

#include "clierror.h"

#include "analysis/phases.h"
#include "formats/mlperfrun.h"
#include "io/logloader.h"
#include "io/mlperfrunfiles.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <optional>

namespace nightwatt::cli {

namespace {

constexpr double kJoulesPerWh = 3600.0;

const char *const kHelp =
    "\nFor every result_N.txt of BENCHMARK_DIR (a submission's results/<system>/<benchmark>/ folder) and\n"
    "its power/result_N/ files:\n"
    "  energy_j           MLCommons' score of the run: per node file, the readings between\n"
    "                     power_measurement_start and _stop, each weighted by the time since the one\n"
    "                     before, give the mean power; times conversion_eff (absent: 1) and time to\n"
    "                     train. A switch file with interconnect_power_est adds that estimate times\n"
    "                     conversion_eff and time to train; one without it counts like a node.\n"
    "  measured_energy_j  Nightwatt's integration: the nodes' and switches' wall power, trapezoid\n"
    "                     between readings from run_start to run_stop, without conversion_eff.\n"
    "The benchmark's energy: runs ordered by time to train, the fastest and the slowest dropped, the\n"
    "rest averaged, times scaling.json's scaling_factor (absent: 1).\n";

struct RunRow
{
    QString file;
    QString error;
    std::optional<double> timeToTrainS;
    std::optional<int> nodes;
    std::optional<int> switches;
    std::optional<double> conversionEff;
    std::optional<double> energyJ;
    std::optional<double> measuredJ;
};

std::optional<double> metadataNumber(const LoadedLog &log, const char *key)
{
    bool ok = false;
    const double value = log.metadata.value(QLatin1String(key)).toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<double> runPhaseEnergyJ(const LoadedLog &log)
{
    const TraceStats whole = analyzeTrace(log.trace);
    for (const PhaseFigures &phase : analyzePhases(log.trace, whole)) {
        if (phase.kind == MarkerKind::Run && phase.energyWh)
            return *phase.energyWh * kJoulesPerWh;
    }
    return std::nullopt;
}

RunRow readRun(const MlperfRunFiles &files)
{
    RunRow row;
    row.file = QFileInfo(files.trainingLog).fileName();
    const LoadedLog log = LogLoader::loadFile(files.trainingLog);
    for (const ParseIssue &issue : log.issues)
        printError(files.trainingLog, issue.line, QStringLiteral("warning: ") + issue.message);
    if (!log.ok()) {
        row.error = log.error;
        return row;
    }
    row.timeToTrainS = metadataNumber(log, "mlperf.time_to_train_s");
    if (const auto nodes = metadataNumber(log, "mlperf.nodes"))
        row.nodes = int(*nodes);
    if (const auto switches = metadataNumber(log, "mlperf.switches"))
        row.switches = int(*switches);
    row.conversionEff = metadataNumber(log, "mlperf.conversion_eff");
    row.energyJ = metadataNumber(log, "mlperf.energy_j");
    row.measuredJ = runPhaseEnergyJ(log);
    return row;
}

// scaling.json's factor; 1 when there is none. Nullopt (with the error printed) when it is unreadable.
std::optional<double> scalingFactor(const QString &benchmarkDir)
{
    const QString path = benchmarkDir + QStringLiteral("/scaling.json");
    QFile file(path);
    if (!file.exists())
        return 1.0;
    if (!file.open(QIODevice::ReadOnly)) {
        printError(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
        return std::nullopt;
    }
    const QJsonValue factor = QJsonDocument::fromJson(file.readAll()).object().value(u"scaling_factor");
    if (!factor.isDouble() || factor.toDouble() <= 0) {
        printError(path, 0, QStringLiteral("no positive \"scaling_factor\" number in it"));
        return std::nullopt;
    }
    return factor.toDouble();
}

QJsonValue orNull(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QString shown(const std::optional<double> &value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : QStringLiteral("-");
}

} // namespace

int runMlperfCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Energy of an MLPerf Training benchmark's runs: MLCommons' score and "
                                                    "Nightwatt's measurement over time to train."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("BENCHMARK_DIR"), QStringLiteral("A benchmark folder with result_N.txt and power/result_N/."));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the runs and the score as JSON.")));
    if (const std::optional<int> done = parseCommandLine(parser, arguments, QString::fromLatin1(kHelp)))
        return *done;
    if (parser.positionalArguments().size() != 1) {
        printUsageError(QStringLiteral("mlperf takes one BENCHMARK_DIR"));
        return kExitUsage;
    }
    const QString dir = parser.positionalArguments().first();
    if (!QFileInfo(dir).isDir()) {
        printError(dir, 0, QStringLiteral("is not a folder"));
        return kExitNothingLoaded;
    }
    const QList<MlperfRunFiles> runs = MlperfRunFiles::inBenchmark(dir);
    if (runs.isEmpty()) {
        printError(dir, 0, QStringLiteral("no result_N.txt in it (a benchmark folder of an MLPerf Training submission)"));
        return kExitNothingLoaded;
    }
    const std::optional<double> factor = scalingFactor(dir);
    if (!factor)
        return kExitNothingLoaded;

    QList<RunRow> rows;
    QList<std::pair<double, double>> scored;
    for (const MlperfRunFiles &files : runs) {
        rows.append(readRun(files));
        const RunRow &row = rows.last();
        if (!row.error.isEmpty())
            printError(files.trainingLog, 0, row.error);
        if (row.timeToTrainS && row.energyJ)
            scored.append({*row.timeToTrainS, *row.energyJ});
    }
    // Every run counts in the score: one without a figure leaves the benchmark without one.
    const std::optional<double> benchmarkJ =
        scored.size() == rows.size() ? mlperfBenchmarkEnergyJ(scored, *factor) : std::nullopt;

    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const RunRow &row : std::as_const(rows)) {
            QJsonObject run{{QStringLiteral("file"), row.file},
                            {QStringLiteral("time_to_train_s"), orNull(row.timeToTrainS)},
                            {QStringLiteral("nodes"), row.nodes ? QJsonValue(*row.nodes) : QJsonValue()},
                            {QStringLiteral("switches"), row.switches ? QJsonValue(*row.switches) : QJsonValue()},
                            {QStringLiteral("conversion_eff"), orNull(row.conversionEff)},
                            {QStringLiteral("energy_j"), orNull(row.energyJ)},
                            {QStringLiteral("measured_energy_j"), orNull(row.measuredJ)}};
            if (!row.error.isEmpty())
                run.insert(QStringLiteral("error"), row.error);
            array.append(run);
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("energy_j"), orNull(benchmarkJ)},
                                         {QStringLiteral("scaling_factor"), *factor},
                                         {QStringLiteral("runs"), array}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(QStringLiteral("file"), -14)
                   .arg(QStringLiteral("ttt s"), 10)
                   .arg(QStringLiteral("nodes"), 5)
                   .arg(QStringLiteral("sw"), 3)
                   .arg(QStringLiteral("eff"), 5)
                   .arg(QStringLiteral("MLCommons J"), 13)
                   .arg(QStringLiteral("measured J"), 13)
                   .arg(QStringLiteral("diff %"), 7);
        for (const RunRow &row : std::as_const(rows)) {
            std::optional<double> difference;
            if (row.energyJ && row.measuredJ && *row.energyJ > 0)
                difference = (*row.measuredJ - *row.energyJ) / *row.energyJ * 100.0;
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                       .arg(row.file, -14)
                       .arg(shown(row.timeToTrainS, 3), 10)
                       .arg(row.nodes ? QString::number(*row.nodes) : QStringLiteral("-"), 5)
                       .arg(row.switches ? QString::number(*row.switches) : QStringLiteral("-"), 3)
                       .arg(shown(row.conversionEff, 2), 5)
                       .arg(shown(row.energyJ, 0), 13)
                       .arg(shown(row.measuredJ, 0), 13)
                       .arg(shown(difference, 2), 7);
        }
        out << "\nBenchmark energy (MLCommons: runs by time to train, fastest and slowest dropped, mean of the rest, x "
            << QString::number(*factor, 'g', 10) << "): " << shown(benchmarkJ, 0) << " J\n"
            << "MLCommons J includes conversion_eff; measured J is the wall power integrated from run_start to run_stop.\n";
    }
    return benchmarkJ ? kExitOk : kExitNothingLoaded;
}

} // namespace nightwatt::cli
