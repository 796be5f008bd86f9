#include "capturecommand.h"

#include "clierror.h"
#include "capturereporter.h"
#include "libraryoption.h"
#include "numberoption.h"
#include "prometheusoptions.h"

#include "io/fileidentity.h"
#include "library/libraryconnection.h"
#include "live/capturefilerecorder.h"
#include "live/libraryrecorder.h"
#include "live/livesource.h"
#include "live/livesourcespec.h"
#include "platform/platform.h"
#include "platform/stopsignalwatcher.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <memory>

namespace nightwatt::cli {

namespace {

constexpr int kDefaultIntervalMs = LiveSourceSpec::kDefaultIntervalMs;
// How long, after the capture ended, the run library gets to store the last samples and the
// final status (its own busy timeout included) before the command gives up waiting.
constexpr int kLibraryFinishGraceMs = 15000;

// A default folder of the system for the help text, or what to do on a system without one.
QString systemFolder(const QString &folder)
{
    return folder.isEmpty() ? QStringLiteral("none on this system") : folder;
}

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
        "it arrives and synced to disk every second. It holds what the run holds: it is created by the first\n"
        "bytes (a capture that never starts leaves no file), and follow:PATH --from-end keeps only the log's\n"
        "header of what was skipped. -o never replaces a file that holds data unless --overwrite is given, and\n"
        "never names the run library, the source or another input of the capture (symlinks, .. and hard\n"
        "links included): either is a usage error before anything is written.\n"
        "--markers FILE follows the marker file a training script appends to (a CSV time,event,label; event\n"
        "start, stop or mark) while capturing: the file may appear later and grow at any time, and each phase is\n"
        "stored with the samples around it, so a killed capture keeps the phases written up to its last second.\n"
        "Clock times are placed by the capture's wall clock, small numbers as seconds from its first sample. A\n"
        "phase still open when the capture ends is closed at its last sample, with an issue saying so. A\n"
        "nightwatt-capture -o (rapl, hwmon, Prometheus) keeps the markers as marker records; for the other\n"
        "sources -o is the sampler's own text, and the marker file itself is the record of the phases.\n"
        "Ctrl+C or SIGTERM stops cleanly and keeps every complete sample.\n"
        "Exit: 0 done, 1 usage, 2 no samples, 3 the source failed, the sampler died, or -o or the library could not keep every sample."));
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringLiteral("source"), QStringLiteral("Where samples come from (see above)."), QStringLiteral("SOURCE")));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write the captured log to FILE."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("overwrite"), QStringLiteral("Let -o replace a file that already holds data.")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval-ms"),
                                        QStringLiteral("Sampling interval of the preset samplers, rapl and Prometheus; for replay, the pace of a log without timing (default %1).").arg(kDefaultIntervalMs),
                                        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringLiteral("speed"), QStringLiteral("replay: times real time (default 1)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("from-end"), QStringLiteral("follow: only what is appended from now on.")));
    parser.addOption(QCommandLineOption(QStringLiteral("rapl-root"),
                                        QStringLiteral("rapl: the powercap folder (default $NIGHTWATT_POWERCAP_ROOT or %1).").arg(systemFolder(platform::powercapRoot())),
                                        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("hwmon-root"),
                                        QStringLiteral("hwmon: the hwmon folder (default $NIGHTWATT_HWMON_ROOT or %1).").arg(systemFolder(platform::hwmonRoot())),
                                        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read the input as this format instead of recognising it."),
                                        QStringLiteral("ID")));
    parser.addOption(QCommandLineOption(QStringLiteral("markers"),
                                        QStringLiteral("Follow the training phases in this marker file while capturing (see above)."),
                                        QStringLiteral("FILE")));
    addLibraryOption(parser);
    addPrometheusOptions(parser, false);
}

// A timer runs up to 2^31 ms (about 24 days): a longer --duration could not be kept.
constexpr NumberRange kDurationRangeS{0.001, 2.0e6};
constexpr NumberRange kSpeedRange{0.001, 1e6};

LiveSourceSpec sourceSpec(const QCommandLineParser &parser, const QStringList &program, QString *error)
{
    LiveSourceSpec spec;
    spec.source = parser.value(QStringLiteral("source"));
    spec.program = program;
    spec.intervalMs = numberOption(parser, QStringLiteral("interval-ms"), kSamplingIntervalRangeMs, error);
    spec.speed = numberOption(parser, QStringLiteral("speed"), kSpeedRange, error);
    spec.fromEnd = parser.isSet(QStringLiteral("from-end"));
    spec.raplRoot = parser.value(QStringLiteral("rapl-root"));
    spec.hwmonRoot = parser.value(QStringLiteral("hwmon-root"));
    spec.formatId = parser.value(QStringLiteral("format"));
    spec.markerFile = parser.value(QStringLiteral("markers"));
    if (parser.isSet(QStringLiteral("markers")) && (spec.markerFile.isEmpty() || QFileInfo(spec.markerFile).isDir()) && error->isEmpty())
        *error = QStringLiteral("--markers needs a file (it may not exist yet), not \"%1\"").arg(spec.markerFile);
    if (isPrometheusUrl(spec.source))
        spec.prometheus = prometheusSpecFrom(parser, spec.source);
    else if (hasPrometheusOptions(parser) && error->isEmpty())
        *error = QStringLiteral("--query and the other Prometheus options need --source prom+http://HOST:PORT");
    return spec;
}

// `-o` may name neither a file this capture uses (writing it would destroy it) nor, unless
// --overwrite says so, a file with something in it. Checked before anything is opened.
QString outputProblem(const QString &output, const QStringList &filesInUse, bool overwrite)
{
    if (const auto used = sameFileAmong(output, filesInUse))
        return QStringLiteral("-o %1 is %2, which this capture reads or writes; choose another file").arg(output, *used);
    if (!overwrite && holdsData(output))
        return QStringLiteral("-o %1 already holds data; give --overwrite to replace it, or choose another file").arg(output);
    return {};
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
    const std::optional<double> durationS = numberOption(parser, QStringLiteral("duration"), kDurationRangeS, &optionError);
    const LiveSourceSpec spec = sourceSpec(parser, program, &optionError);
    if (!optionError.isEmpty()) {
        printUsageError(optionError);
        return kExitUsage;
    }
    const QString output = parser.value(QStringLiteral("output"));
    const QString library = libraryPath(parser);
    if (parser.isSet(QStringLiteral("output"))) {
        const QString problem = outputProblem(output, LibraryConnection::files(library) + spec.inputFiles(),
                                              parser.isSet(QStringLiteral("overwrite")));
        if (!problem.isEmpty()) {
            printUsageError(problem);
            return kExitUsage;
        }
    }
    LiveSourceChoice choice = createLiveSourceToStart(spec);
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
        recorder = std::make_unique<CaptureFileRecorder>(output);
        source.addRecorder(recorder.get());
    }
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
    QObject::connect(&libraryRecorder, &LibraryRecorder::finished, &reporter, &CaptureReporter::libraryFinished);
    QObject::connect(&libraryRecorder, &LibraryRecorder::finished, &loop, &QEventLoop::quit);
    QObject::connect(&libraryRecorder, &LibraryRecorder::unavailable, &loop, [&](const QString &message) {
        reporter.libraryUnavailable(message);
        if (!recorder) {
            // Without -o nothing would keep this capture: better to stop now and say how to go on.
            source.stop();
        }
        loop.quit();
    });
    platform::StopSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &platform::StopSignalWatcher::received, &source, [&](int) {
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
            durationTimer.start(int(*durationS * 1000.0));
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
    // So did one whose run in the library misses samples.
    if (exitCode == kExitOk && reporter.libraryIncomplete())
        return kExitCaptureFailed;
    return exitCode;
}

} // namespace nightwatt::cli
