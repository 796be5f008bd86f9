#include "capturecommand.h"

#include "clierror.h"
#include "capturereporter.h"
#include "unixsignalwatcher.h"

#include "live/capturefilerecorder.h"
#include "live/followsource.h"
#include "live/programsource.h"
#include "live/raplsource.h"
#include "live/replaysource.h"
#include "live/samplerpresets.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <cmath>
#include <csignal>
#include <memory>

namespace nightwatt::cli {

namespace {

constexpr int kDefaultIntervalMs = 1000;

struct SourceChoice
{
    std::unique_ptr<LiveSource> source;
    QString error;     // usage problem
    QString failure;   // the source cannot run here (powermetrics without root)
};

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Capture power while it is measured and keep it in a log Nightwatt reads.\n\n"
        "SOURCE is one of:\n"
        "  nvidia-smi      runs nvidia-smi --query-gpu=timestamp,index,name,power.draw --format=csv -lms N\n"
        "  powermetrics    runs powermetrics -i N --samplers cpu_power,gpu_power (macOS, needs root)\n"
        "  macmon          runs macmon pipe -i N (Apple silicon, no root)\n"
        "  rapl            reads Linux powercap/RAPL energy counters every N ms\n"
        "  follow:PATH     follows a growing log in any format Nightwatt reads (like tail -f)\n"
        "  replay:PATH     plays a recorded log back at --speed times real time\n"
        "Or give any sampler program after --, as separate arguments (never a shell string):\n"
        "  nightwatt capture -o gpu.csv -- nvidia-smi --query-gpu=timestamp,power.draw --format=csv -lms 500\n\n"
        "-o keeps the sampler's own output (for rapl: a nightwatt-capture log), written as it arrives\n"
        "and synced to disk every second. Ctrl+C or SIGTERM stops cleanly and keeps every complete sample.\n"
        "Exit: 0 done, 1 usage, 2 no samples, 3 the source failed or the sampler died."));
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringLiteral("source"), QStringLiteral("Where samples come from (see above)."), QStringLiteral("SOURCE")));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write the captured log to FILE."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval-ms"),
                                        QStringLiteral("Sampling interval of the preset samplers and rapl; for replay, the pace of a log without timing (default %1).").arg(kDefaultIntervalMs),
                                        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringLiteral("speed"), QStringLiteral("replay: times real time (default 1)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("from-end"), QStringLiteral("follow: only what is appended from now on.")));
    parser.addOption(QCommandLineOption(QStringLiteral("rapl-root"),
                                        QStringLiteral("rapl: the powercap folder (default $NIGHTWATT_POWERCAP_ROOT or /sys/class/powercap)."),
                                        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read the input as this format instead of recognising it."),
                                        QStringLiteral("ID")));
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

SourceChoice chooseSource(const QCommandLineParser &parser, const QStringList &program)
{
    SourceChoice choice;
    const QString source = parser.value(QStringLiteral("source"));
    QString error;
    const std::optional<double> interval = positiveNumber(parser, QStringLiteral("interval-ms"), &error);
    const std::optional<double> speed = positiveNumber(parser, QStringLiteral("speed"), &error);
    if (!error.isEmpty()) {
        choice.error = error;
        return choice;
    }
    const int intervalMs = interval ? std::max(1, int(*interval)) : kDefaultIntervalMs;

    if (!program.isEmpty()) {
        if (!source.isEmpty()) {
            choice.error = QStringLiteral("give either --source or a program after --, not both");
            return choice;
        }
        choice.source = std::make_unique<ProgramSource>(SamplerCommand{program.first(), program.mid(1), {}});
    } else if (source.isEmpty()) {
        choice.error = QStringLiteral("capture needs --source SOURCE or a program after --");
    } else if (source == QLatin1String("rapl")) {
        const QString root = parser.isSet(QStringLiteral("rapl-root")) ? parser.value(QStringLiteral("rapl-root")) : RaplSource::defaultRoot();
        choice.source = std::make_unique<RaplSource>(root, intervalMs);
    } else if (source.startsWith(QLatin1String("follow:")) && source.size() > 7) {
        const auto startAt = parser.isSet(QStringLiteral("from-end")) ? FollowSource::StartAt::End : FollowSource::StartAt::Beginning;
        choice.source = std::make_unique<FollowSource>(source.mid(7), startAt);
    } else if (source.startsWith(QLatin1String("replay:")) && source.size() > 7) {
        auto replay = std::make_unique<ReplaySource>(source.mid(7), speed.value_or(1.0));
        if (interval)
            replay->setUntimedIntervalMs(intervalMs);
        choice.source = std::move(replay);
    } else if (isSamplerPreset(source)) {
        const SamplerPreset preset = samplerPreset(source, intervalMs, SamplerEnvironment::current());
        if (!preset.command)
            choice.failure = preset.error;
        else
            choice.source = std::make_unique<ProgramSource>(*preset.command);
    } else {
        choice.error = QStringLiteral("unknown source \"%1\" (nvidia-smi, powermetrics, macmon, rapl, follow:PATH, replay:PATH)").arg(source);
    }
    if (choice.source && speed && !source.startsWith(QLatin1String("replay:")))
        choice.error = QStringLiteral("--speed is for replay:PATH only");
    return choice;
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
    if (!parser.parse(ours)) {
        printUsageError(parser.errorText());
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return kExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printUsageError(QStringLiteral("unexpected \"%1\" (a sampler program goes after --)").arg(parser.positionalArguments().first()));
        return kExitUsage;
    }
    QString durationError;
    const std::optional<double> durationS = positiveNumber(parser, QStringLiteral("duration"), &durationError);
    SourceChoice choice = chooseSource(parser, program);
    if (choice.error.isEmpty())
        choice.error = durationError;
    if (!choice.error.isEmpty()) {
        printUsageError(choice.error);
        return kExitUsage;
    }
    if (!choice.failure.isEmpty()) {
        printError({}, 0, choice.failure);
        return kExitCaptureFailed;
    }

    LiveSource &source = *choice.source;
    source.setFormatId(parser.value(QStringLiteral("format")));
    std::unique_ptr<CaptureFileRecorder> recorder;
    if (parser.isSet(QStringLiteral("output"))) {
        recorder = std::make_unique<CaptureFileRecorder>(parser.value(QStringLiteral("output")));
        source.addRecorder(recorder.get());
    }
    // The run library will be another recorder here once it exists.

    CaptureReporter reporter(source, recorder.get());
    QEventLoop loop;
    bool interrupted = false;
    QObject::connect(&source, &LiveSource::statusChanged, &loop, [&loop](const LiveStatus &status) {
        if (status.hasEnded())
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
        loop.exec();
    }

    const LiveStatus status = source.status();
    // Ctrl+C reaches the sampler too (same process group): its death by SIGINT is our stop.
    const bool killedByOurSignal = interrupted && status.state == LiveStatus::State::Killed
        && (status.code == SIGINT || status.code == SIGTERM);
    reporter.printSummary(status, interrupted || killedByOurSignal);
    const int exitCode = exitCodeFor(status, source.trace()->size(), interrupted);
    // The -o file is what was asked for: when it could not be written whole, the capture failed.
    if (exitCode == kExitOk && recorder && recorder->failed())
        return kExitCaptureFailed;
    return exitCode;
}

} // namespace nightwatt::cli
