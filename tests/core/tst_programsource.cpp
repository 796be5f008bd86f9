#include "formats/logformat.h"
#include "live/programsource.h"
#include "live/samplerpresets.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace nightwatt;

// Drives ProgramSource with a real child process (tests/fixtures/fake_sampler), which prints
// powermetrics blocks: sample k has CPU (1000 + 10 k) mW, GPU 500 mW, ANE 0, windows of the
// interval given.
class TestProgramSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keepsEverySampleOfAnExitingSampler();
    void reportsExitCodeAndStderr();
    void samplerKilledFromOutside();
    void samplerDiesOfASignal();
    void cutOffLastSampleIsFlagged();
    void stopKeepsSamples();
    void runsOnAWorkerThread();
    void programThatCannotStart();
    void outputThatIsNoPowerLog();
    void samplerErrorOnStdoutAndExitCode();
    void nvidiaSmiCsvWhenItsReaderExists();
    void presetsAreArgvNotShellStrings();
    void powermetricsWithoutRootExplainsTheChoices();

private:
    static SamplerCommand fake(const QStringList &arguments)
    {
        return {QStringLiteral(NIGHTWATT_FAKE_SAMPLER), arguments, {}};
    }
    static int recordedSamples(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return int(file.readAll().count('\n'));
    }
};

void TestProgramSource::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(NIGHTWATT_FAKE_SAMPLER)));
}

void TestProgramSource::keepsEverySampleOfAnExitingSampler()
{
    ProgramSource source(fake({QStringLiteral("--count"), QStringLiteral("5"), QStringLiteral("--interval-ms"), QStringLiteral("40")}));
    QSignalSpy appended(&source, &LiveSource::samplesAppended);
    QSignalSpy status(&source, &LiveSource::statusChanged);
    source.start();
    QCOMPARE(source.status().state, LiveStatus::State::Running);
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QCOMPARE(source.status().code, 0);
    QCOMPARE(source.formatId(), QStringLiteral("powermetrics-text"));
    // The last coalesced signal may come up to 40 ms after the exit.
    QTRY_COMPARE(appended.isEmpty() ? qsizetype(0) : appended.last().at(1).value<qsizetype>(), qsizetype(5));

    const Trace trace = source.trace()->snapshot();
    // The last block only ends when the sampler does: finish() must have flushed it.
    QCOMPARE(trace.size(), 5);
    QCOMPARE(trace.timing(), TimingKind::Windowed);
    const int cpu = trace.indexOf(QStringLiteral("cpu"));
    QVERIFY(cpu >= 0);
    for (int k = 0; k < 5; ++k) {
        QCOMPARE(trace.timeS(k), 0.04 * k);             // windows of exactly 40 ms, back to back
        QCOMPARE(trace.value(cpu, k), float(1.0 + 0.01 * k)); // (1000 + 10 k) mW
    }
    QCOMPARE(status.first().first().value<LiveStatus>().state, LiveStatus::State::Running);
}

void TestProgramSource::reportsExitCodeAndStderr()
{
    ProgramSource source(fake({QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--interval-ms"), QStringLiteral("10"),
                               QStringLiteral("--exit-code"), QStringLiteral("3"), QStringLiteral("--stderr"), QStringLiteral("GPU is lost")}));
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QCOMPARE(source.status().code, 3);
    QVERIFY(source.status().message.contains(QStringLiteral("GPU is lost")));
    QVERIFY(source.status().describe().startsWith(QStringLiteral("exited with code 3")));
    QVERIFY(!source.status().endedCleanly());
    QCOMPARE(source.trace()->size(), 3);
}

void TestProgramSource::samplerKilledFromOutside()
{
    QTemporaryDir dir;
    const QString record = dir.filePath(QStringLiteral("printed.txt"));
    ProgramSource source(fake({QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--interval-ms"), QStringLiteral("30"),
                               QStringLiteral("--record"), record}));
    source.start();
    QTRY_VERIFY_WITH_TIMEOUT(source.trace()->size() >= 3, 5000);
    const qint64 pid = source.processId();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Killed, 5000);
    QCOMPARE(source.status().code, int(SIGKILL));
    QVERIFY(source.status().describe().contains(QStringLiteral("SIGKILL")));
    // Every sample the sampler wrote and flushed before it died is in the trace, the last one too.
    const int printed = recordedSamples(record);
    QVERIFY(printed >= 3);
    QCOMPARE(source.trace()->size(), qsizetype(printed));
}

void TestProgramSource::samplerDiesOfASignal()
{
    ProgramSource source(fake({QStringLiteral("--count"), QStringLiteral("4"), QStringLiteral("--interval-ms"), QStringLiteral("10"),
                               QStringLiteral("--die-with"), QString::number(SIGSEGV)}));
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Killed, 5000);
    QCOMPARE(source.status().code, int(SIGSEGV));
    QCOMPARE(source.trace()->size(), 4);
}

void TestProgramSource::cutOffLastSampleIsFlagged()
{
    // Three whole samples, then a header and "CPU Power: 12" without its unit and newline.
    ProgramSource source(fake({QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--interval-ms"), QStringLiteral("10"),
                               QStringLiteral("--partial")}));
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QCOMPARE(source.trace()->size(), 3);
    QVERIFY(source.trace()->issueCount() >= 1);
    bool cutOff = false;
    for (const ParseIssue &issue : source.trace()->issues())
        cutOff = cutOff || issue.message.contains(QStringLiteral("cut off"));
    QVERIFY(cutOff);
}

void TestProgramSource::stopKeepsSamples()
{
    ProgramSource source(fake({QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--interval-ms"), QStringLiteral("20")}));
    source.start();
    QTRY_VERIFY_WITH_TIMEOUT(source.trace()->size() >= 2, 5000);
    source.stop();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Stopped, 5000);
    QVERIFY(source.status().endedCleanly());
    QVERIFY(source.trace()->size() >= 2);
    QCOMPARE(source.processId(), 0);
}

// As the dashboard will use it: the source and its process live on a worker thread, this thread
// only reads the trace and receives the (queued) signals.
void TestProgramSource::runsOnAWorkerThread()
{
    QThread worker;
    worker.start();
    auto *source = new ProgramSource(fake({QStringLiteral("--count"), QStringLiteral("6"), QStringLiteral("--interval-ms"), QStringLiteral("20")}));
    source->moveToThread(&worker);
    QList<LiveStatus> statuses;
    QList<QThread *> signalThreads;
    connect(source, &LiveSource::statusChanged, this, [&](const LiveStatus &status) {
        statuses.append(status);
        signalThreads.append(QThread::currentThread());
    });
    qsizetype appendedUpTo = 0;
    connect(source->trace(), &LiveTrace::samplesAppended, this, [&](qsizetype, qsizetype end) { appendedUpTo = end; });
    QMetaObject::invokeMethod(source, &LiveSource::start);
    QTRY_VERIFY_WITH_TIMEOUT(!statuses.isEmpty() && statuses.last().state == LiveStatus::State::Exited, 5000);
    QTRY_COMPARE(appendedUpTo, 6);
    QCOMPARE(source->trace()->size(), 6);
    for (QThread *thread : std::as_const(signalThreads))
        QCOMPARE(thread, QThread::currentThread());
    worker.quit();
    worker.wait();
    delete source;
}

void TestProgramSource::programThatCannotStart()
{
    ProgramSource source(SamplerCommand{QStringLiteral("/nonexistent/nightwatt-no-such-sampler"), {}, QStringLiteral("install it first")});
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Failed, 5000);
    QVERIFY(source.status().message.startsWith(QStringLiteral("cannot start /nonexistent/nightwatt-no-such-sampler")));
    QVERIFY(source.status().message.endsWith(QStringLiteral("install it first")));
}

void TestProgramSource::outputThatIsNoPowerLog()
{
    // 50 lines of nothing Nightwatt knows is enough to say so (and stop the program).
    ProgramSource source(fake({QStringLiteral("--format"), QStringLiteral("garbage"), QStringLiteral("--count"), QStringLiteral("0"),
                               QStringLiteral("--interval-ms"), QStringLiteral("2")}));
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Failed, 5000);
    QVERIFY(source.status().message.contains(QStringLiteral("not a power log Nightwatt knows")));
    QVERIFY(source.status().message.contains(QStringLiteral("this is not a power log, line 0")));
    QCOMPARE(source.processId(), 0);
}

void TestProgramSource::samplerErrorOnStdoutAndExitCode()
{
    // Like nvidia-smi without a driver: one line of error on stdout, exit code 9.
    ProgramSource source(fake({QStringLiteral("--format"), QStringLiteral("garbage"), QStringLiteral("--count"), QStringLiteral("1"),
                               QStringLiteral("--exit-code"), QStringLiteral("9")}));
    QSignalSpy status(&source, &LiveSource::statusChanged);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Failed, 5000);
    const QString message = source.status().message;
    QVERIFY2(message.contains(QStringLiteral("the first line is \"this is not a power log, line 0\"")), qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral("fake_sampler exited with code 9)")), qPrintable(message));
}

void TestProgramSource::nvidiaSmiCsvWhenItsReaderExists()
{
    if (!sniffLogFormat("timestamp, index, name, power.draw [W]\n2026/11/27 10:00:00.000, 0, NVIDIA Fake GPU, 70.00 W\n").format)
        QSKIP("no nvidia-smi CSV reader registered in this build");
    // Two GPUs per poll: GPU 0 draws (70 + k) W, GPU 1 35.5 W.
    ProgramSource source(fake({QStringLiteral("--format"), QStringLiteral("nvidia-csv"), QStringLiteral("--count"), QStringLiteral("4"),
                               QStringLiteral("--interval-ms"), QStringLiteral("20")}));
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    const Trace trace = source.trace()->snapshot();
    QVERIFY(trace.size() >= 4);
    QCOMPARE(trace.channelCount(), 2);
    double sumFirst = 0;
    for (int c = 0; c < trace.channelCount(); ++c)
        sumFirst += double(trace.value(c, 0));
    QCOMPARE(sumFirst, 105.5); // 70 + 35.5
}

void TestProgramSource::presetsAreArgvNotShellStrings()
{
    const SamplerPreset nvidia = samplerPreset(QStringLiteral("nvidia-smi"), 500, {});
    QVERIFY(nvidia.command);
    QCOMPARE(nvidia.command->program, QStringLiteral("nvidia-smi"));
    QCOMPARE(nvidia.command->arguments, (QStringList{QStringLiteral("--query-gpu=timestamp,index,name,power.draw"),
                                                     QStringLiteral("--format=csv"), QStringLiteral("-lms"), QStringLiteral("500")}));
    const SamplerPreset macmon = samplerPreset(QStringLiteral("macmon"), 250, {});
    QVERIFY(macmon.command);
    QCOMPARE(macmon.command->arguments, (QStringList{QStringLiteral("pipe"), QStringLiteral("-i"), QStringLiteral("250")}));
    const SamplerPreset powermetrics = samplerPreset(QStringLiteral("powermetrics"), 1000, SamplerEnvironment{true});
    QVERIFY(powermetrics.command);
    QCOMPARE(powermetrics.command->arguments, (QStringList{QStringLiteral("-i"), QStringLiteral("1000"), QStringLiteral("--samplers"),
                                                           QStringLiteral("cpu_power,gpu_power")}));
    QVERIFY(!samplerPreset(QStringLiteral("nvidia-smi; rm -rf /"), 1000, {}).command);
}

void TestProgramSource::powermetricsWithoutRootExplainsTheChoices()
{
    const SamplerPreset preset = samplerPreset(QStringLiteral("powermetrics"), 500, SamplerEnvironment{false});
    QVERIFY(!preset.command);
    QVERIFY(preset.error.contains(QStringLiteral("only runs as root")));
    QVERIFY(preset.error.contains(QStringLiteral("never asks for, passes or stores a password")));
    QVERIFY(preset.error.contains(QStringLiteral("sudo nightwatt capture --source powermetrics --interval-ms 500")));
    QVERIFY(preset.error.contains(QStringLiteral("NOPASSWD: /usr/bin/powermetrics")));
    QVERIFY(preset.error.contains(QStringLiteral("sudo -n /usr/bin/powermetrics -i 500")));
}

QTEST_GUILESS_MAIN(TestProgramSource)
#include "tst_programsource.moc"
