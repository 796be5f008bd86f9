#include "capturecommand.h"

#include "clierror.h"
#include "capturereporter.h"
#include "libraryoption.h"
#include "prometheusoptions.h"
#include "unixsignalwatcher.h"

#include "live/capturefilerecorder.h"
#include "live/libraryrecorder.h"
#include "live/livesource.h"
#include "live/livesourcespec.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <cmath>
#include <csignal>
#include <memory>

namespace nightwatt::cli {

namespace {

constexpr int kDefaultIntervalMs = LiveSourceSpec::kDefaultIntervalMs;
// How long, after the capture ended, the run library gets to store the last samples and the
// final status (its own busy timeout included) before the command gives up waiting.
constexpr int kLibraryFinishGraceMs = 15000;

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Capture power while it is measured and keep it in a log Nightwatt reads.\n\n"
        "SOURCE is one of:\n"
        "  nvidia-smi      runs nvidia-smi --query-gpu=timestamp,index,name,power.draw --format=csv -lms N\n"
        "  powermetrics    runs powermetrics -i N --samplers cpu_power,gpu_power (macOS, needs root)\n"
        "  macmon          runs macmon pipe -i N (Apple silicon, no root)\n"
        "  tegrastats      runs tegrastats --interval N (NVIDIA Jetson)\n"
        "  rocm-smi        runs rocm-smi --showpower --json every N ms (AMD GPUs)\n"
        "  amd-smi         runs amd-smi metric --power --json every N ms (AMD GPUs, ROCm 6 and newer)\n"
        "  rapl            reads Linux powercap/RAPL energy counters every N ms\n"
        "  hwmon           reads Linux hwmon power sensors (amdgpu PPT, energy counters) every N ms\n"
        "                  (default 250), without root\n"
        "  follow:PATH     follows a growing log in any format Nightwatt reads (like tail -f)\n"
        "  replay:PATH     plays a recorded log back at --speed times real time\n"
        "  prom+http://HOST:PORT  polls a Prometheus query (--query PRESET|EXPR) every --interval-ms\n"
        "                  (a counter: no faster than the server scrapes; see Polling below)\n"
        "Or give any sampler program after --, as separate arguments (never a shell string):\n"
        "  nightwatt capture -o gpu.csv -- nvidia-smi --query-gpu=timestamp,power.draw --format=csv -lms 500\n\n"
        "Every capture is also a run in the run library (--library), committed every half second; its\n"
        "id is printed. If the library cannot be used, the capture goes on into -o and says so.\n"
        "-o keeps the sampler's own output (for rapl, hwmon and Prometheus: a nightwatt-capture log), written as\n"
        "it arrives and synced to disk every second. Ctrl+C or SIGTERM stops cleanly and keeps every complete sample.\n"
        "Exit: 0 done, 1 usage, 2 no samples, 3 the source failed or the sampler died."));
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringLiteral("source"), QStringLiteral("Where samples come from (see above)."), QStringLiteral("SOURCE")));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write the captured log to FILE."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval-ms"),
                                        QStringLiteral("Sampling interval of the preset samplers, rapl and Prometheus; for replay, the pace of a log without timing (default %1).").arg(kDefaultIntervalMs),
                                        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringLiteral("speed"), QStringLiteral("replay: times real time (default 1)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("from-end"), QStringLiteral("follow: only what is appended from now on.")));
    parser.addOption(QCommandLineOption(QStringLiteral("rapl-root"),
                                        QStringLiteral("rapl: the powercap folder (default $NIGHTWATT_POWERCAP_ROOT or /sys/class/powercap)."),
                                        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("hwmon-root"),
                                        QStringLiteral("hwmon: the hwmon folder (default $NIGHTWATT_HWMON_ROOT or /sys/class/hwmon)."),
                                        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read the input as this format instead of recognising it."),
                                        QStringLiteral("ID")));
    addLibraryOption(parser);
    addPrometheusOptions(parser, false);
}

std::optional<double> positiveNumber(const QCommandLineParser &parser, const QString &name, QString *error)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !(value > 0) || !std::isfinite(value)) {
        *error = QStringLiteral("--%1 needs a positive number, not \"%2\"").arg(name, parser.value(name));
        return std::nullopt;
    }
    return value;
}

LiveSourceSpec sourceSpec(const QCommandLineParser &parser, const QStringList &program, QString *error)
{
    LiveSourceSpec spec;
    spec.source = parser.value(QStringLiteral("source"));
    spec.program = program;
    spec.intervalMs = positiveNumber(parser, QStringLiteral("interval-ms"), error);
    spec.speed = positiveNumber(parser, QStringLiteral("speed"), error);
    spec.fromEnd = parser.isSet(QStringLiteral("from-end"));
    spec.raplRoot = parser.value(QStringLiteral("rapl-root"));
    spec.hwmonRoot = parser.value(QStringLiteral("hwmon-root"));
    spec.formatId = parser.value(QStringLiteral("format"));
    if (isPrometheusUrl(spec.source))
        spec.prometheus = prometheusSpecFrom(parser, spec.source);
    else if (hasPrometheusOptions(parser) && error->isEmpty())
        *error = QStringLiteral("--query and the other Prometheus options need --source prom+http://HOST:PORT");
    return spec;
}

int exitCodeFor(const LiveStatus &status, qsizetype samples, bool interrupted)
{
    if (status.state == LiveStatus::State::Failed)
        return kExitCaptureFailed;
    if (samples == 0)
        return kExitNothingLoaded;
    if (status.endedCleanly() || interrupted)
        return kExitOk;
    return kExitCaptureFailed;
}

} // namespace

int runCaptureCommand(const QStringList &arguments)
{
    // Everything after "--" is the sampler's argv, untouched: its options are not ours.
    const qsizetype separator = arguments.indexOf(QStringLiteral("--"));
    const QStringList ours = separator < 0 ? arguments : arguments.first(separator);
    const QStringList program = separator < 0 ? QStringList() : arguments.mid(separator + 1);
    if (separator >= 0 && program.isEmpty()) {
        printUsageError(QStringLiteral("nothing after --: give the sampler program and its arguments"));
        return kExitUsage;
    }

    QCommandLineParser parser;
    addOptions(parser);
    if (const std::optional<int> done = parseCommandLine(parser, ours, prometheusHelp() + prometheusPollingHelp()))
        return *done;
    if (!parser.positionalArguments().isEmpty()) {
        printUsageError(QStringLiteral("unexpected \"%1\" (a sampler program goes after --)").arg(parser.positionalArguments().first()));
        return kExitUsage;
    }
    QString optionError;
    const std::optional<double> durationS = positiveNumber(parser, QStringLiteral("duration"), &optionError);
    const LiveSourceSpec spec = sourceSpec(parser, program, &optionError);
    if (!optionError.isEmpty()) {
        printUsageError(optionError);
        return kExitUsage;
    }
    LiveSourceChoice choice = createLiveSource(spec);
    if (!choice.error.isEmpty()) {
        printUsageError(choice.error);
        return kExitUsage;
    }
    if (!choice.failure.isEmpty()) {
        printError({}, 0, choice.failure);
        return kExitCaptureFailed;
    }

    LiveSource &source = *choice.source;
    std::unique_ptr<CaptureFileRecorder> recorder;
    if (parser.isSet(QStringLiteral("output"))) {
        recorder = std::make_unique<CaptureFileRecorder>(parser.value(QStringLiteral("output")));
        source.addRecorder(recorder.get());
    }
    const QString library = libraryPath(parser);
    LibraryRecorder libraryRecorder(library);
    libraryRecorder.setSourceDescription(spec.describeForLibrary());
    source.addRecorder(&libraryRecorder);

    CaptureReporter reporter(source, recorder.get());
    reporter.setLibrary(library);
    QEventLoop loop;
    bool interrupted = false;
    QObject::connect(&source, &LiveSource::statusChanged, &loop, [&loop](const LiveStatus &status) {
        if (status.hasEnded())
            loop.quit();
    });
    QObject::connect(&libraryRecorder, &LibraryRecorder::started, &reporter, &CaptureReporter::libraryStarted);
    QObject::connect(&libraryRecorder, &LibraryRecorder::committed, &reporter, &CaptureReporter::libraryCommitted);
    QObject::connect(&libraryRecorder, &LibraryRecorder::warning, &reporter, &CaptureReporter::note);
    QObject::connect(&libraryRecorder, &LibraryRecorder::finished, &loop, &QEventLoop::quit);
    QObject::connect(&libraryRecorder, &LibraryRecorder::unavailable, &loop, [&](const QString &message) {
        reporter.libraryUnavailable(message);
        if (!recorder) {
            // Without -o nothing would keep this capture: better to stop now and say how to go on.
            source.stop();
        }
        loop.quit();
    });
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::received, &source, [&](int) {
        interrupted = true;
        source.stop();
    });
    QTimer durationTimer;
    durationTimer.setSingleShot(true);
    QObject::connect(&durationTimer, &QTimer::timeout, &source, &LiveSource::stop);

    source.start();
    if (source.status().isRunning()) {
        reporter.started();
        if (durationS)
            durationTimer.start(int(std::min(*durationS * 1000.0, 2.0e9)));
        while (!source.status().hasEnded())
            loop.exec();
    }
    // The source ended; the library stores its last samples and final status on its own thread.
    if (libraryRecorder.isStoring()) {
        QTimer grace;
        grace.setSingleShot(true);
        QObject::connect(&grace, &QTimer::timeout, &loop, &QEventLoop::quit);
        grace.start(kLibraryFinishGraceMs);
        while (libraryRecorder.isStoring() && grace.isActive())
            loop.exec();
    }

    const LiveStatus status = source.status();
    // Ctrl+C reaches the sampler too (same process group): its death by SIGINT is our stop.
    const bool killedByOurSignal = interrupted && status.state == LiveStatus::State::Killed
        && (status.code == SIGINT || status.code == SIGTERM);
    reporter.printSummary(status, interrupted || killedByOurSignal);
    if (reporter.libraryRunId() > 0)
        QTextStream(stdout) << "run:" << reporter.libraryRunId() << '\n';
    const int exitCode = exitCodeFor(status, source.trace()->size(), interrupted);
    if (exitCode == kExitOk && reporter.libraryRunId() == 0 && !recorder)
        return kExitCaptureFailed; // nothing kept the samples
    // The -o file is what was asked for: when it could not be written whole, the capture failed.
    if (exitCode == kExitOk && recorder && recorder->failed())
        return kExitCaptureFailed;
    return exitCode;
}

} // namespace nightwatt::cli
