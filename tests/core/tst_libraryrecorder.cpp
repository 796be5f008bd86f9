#include "io/logloader.h"
#include "library/runlibrary.h"
#include "live/libraryrecorder.h"
#include "live/livesource.h"
#include "live/livesourcespec.h"
#include "live/programsource.h"
#include "live/replaysource.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace nightwatt;

// The capture → run library path (LibraryRecorder) and the source factory the CLI and the window share.
class TestLibraryRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void replayIsStoredAsImported_data();
    void replayIsStoredAsImported();
    void killedSamplerKeepsItsSamplesAsInterrupted();
    void samplerWithoutSamplesLeavesNoRun();
    void unusableLibraryDoesNotStopTheCapture();
    void endsComplete_data();
    void endsComplete();
    void createLiveSource_data();
    void createLiveSource();
    void describeForLibraryHidesSecrets_data();
    void describeForLibraryHidesSecrets();

private:
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }
    static QString sampler() { return QStringLiteral(NIGHTWATT_FAKE_SAMPLER); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLibraryRecorder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLibraryRecorder::replayIsStoredAsImported_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("powermetrics m1") << QStringLiteral("powermetrics-m1-macbookair10_1-codecarbon.txt");
    QTest::newRow("nvidia-smi 2 gpus, cut-off line") << QStringLiteral("nvidia-smi-query-titanx-2gpu-partial-last-line-training_profile.csv");
    QTest::newRow("macmon jsonl") << QStringLiteral("macmon-pipe-8gb-mac-codecarbon.jsonl");
}

// A replay at high speed, recorded into the library, reads back exactly like importing the file:
// same times, windows, channels, values, format and issue count; status complete.
void TestLibraryRecorder::replayIsStoredAsImported()
{
    QFETCH(QString, file);
    const QString path = QStringLiteral(NIGHTWATT_TEST_DATA "/") + file;
    const LoadedLog imported = LogLoader::loadFile(path);
    QVERIFY2(imported.ok(), qPrintable(imported.error));

    LibraryRecorder recorder(libraryPath());
    recorder.setSourceDescription(QStringLiteral("replay:") + path);
    QSignalSpy finished(&recorder, &LibraryRecorder::finished);
    QSignalSpy started(&recorder, &LibraryRecorder::started);
    ReplaySource source(path, 100000.0);
    source.addRecorder(&recorder);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(started.size(), 1);
    const qint64 id = finished.first().first().toLongLong();
    QCOMPARE(id, recorder.runId());
    QVERIFY(!recorder.isStoring());

    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto info = library.run(id);
    QVERIFY(info);
    QCOMPARE(info->kind, RunKind::Captured);
    QCOMPARE(info->status, RunStatus::Complete);
    QCOMPARE(info->formatId, imported.formatId);
    QCOMPARE(info->sourcePath, QStringLiteral("replay:") + path);
    QCOMPARE(info->samples, imported.trace.size());
    QCOMPARE(info->issueCount, imported.issueCount);
    const LoadedLog stored = library.loadRun(id);
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    QCOMPARE(stored.trace.timing(), imported.trace.timing());
    QCOMPARE(stored.trace.channelCount(), imported.trace.channelCount());
    for (int c = 0; c < stored.trace.channelCount(); ++c)
        QCOMPARE(stored.trace.channel(c).id, imported.trace.channel(c).id);
    for (qsizetype i = 0; i < stored.trace.size(); ++i) {
        QCOMPARE(stored.trace.timeS(i), imported.trace.timeS(i));
        QCOMPARE(stored.trace.windowS(i), imported.trace.windowS(i));
        for (int c = 0; c < stored.trace.channelCount(); ++c) {
            const float a = stored.trace.value(c, i);
            const float b = imported.trace.value(c, i);
            QVERIFY(a == b || (isMissing(a) && isMissing(b)));
        }
    }
    QCOMPARE(stored.metadata.value(QStringLiteral("capture.ended")), QStringLiteral("exited with code 0: end of the recorded log"));
}

// fake_sampler prints 4 samples 20 ms apart, then dies of SIGKILL: the run keeps the 4 samples,
// is interrupted, and says how the sampler ended.
void TestLibraryRecorder::killedSamplerKeepsItsSamplesAsInterrupted()
{
    LibraryRecorder recorder(libraryPath());
    QSignalSpy finished(&recorder, &LibraryRecorder::finished);
    ProgramSource source(SamplerCommand{sampler(),
                                        {QStringLiteral("--count"), QStringLiteral("4"), QStringLiteral("--interval-ms"), QStringLiteral("20"),
                                         QStringLiteral("--die-with"), QString::number(SIGKILL)},
                                        {}});
    source.addRecorder(&recorder);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Killed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);

    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto info = library.run(recorder.runId());
    QVERIFY(info);
    QCOMPARE(info->status, RunStatus::Interrupted);
    QCOMPARE(info->samples, 4);
    QCOMPARE(info->formatId, QStringLiteral("powermetrics-text"));
    const LoadedLog stored = library.loadRun(recorder.runId());
    QCOMPARE(stored.metadata.value(QStringLiteral("capture.ended")), QStringLiteral("killed by signal 9 (SIGKILL)"));
    // Sample 3: CPU 1000 + 10 × 3 = 1030 mW.
    QCOMPARE(stored.trace.value(stored.trace.indexOf(QStringLiteral("cpu")), 3), 1.03f);
}

void TestLibraryRecorder::samplerWithoutSamplesLeavesNoRun()
{
    LibraryRecorder recorder(libraryPath());
    ProgramSource source(SamplerCommand{QStringLiteral("/nonexistent/sampler"), {}, {}});
    source.addRecorder(&recorder);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Failed, 5000);
    QVERIFY(!recorder.isStoring());
    QCOMPARE(recorder.runId(), 0);
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QVERIFY(library.runs().isEmpty());
}

// The library is a folder that cannot be created: the replay still runs to its end with all its
// samples, and unavailable() says why once.
void TestLibraryRecorder::unusableLibraryDoesNotStopTheCapture()
{
    QFile plain(m_dir->filePath(QStringLiteral("plain.txt")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    LibraryRecorder recorder(m_dir->filePath(QStringLiteral("plain.txt/library.sqlite")));
    QSignalSpy unavailable(&recorder, &LibraryRecorder::unavailable);
    const QString path = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
    ReplaySource source(path, 100000.0);
    source.addRecorder(&recorder);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(unavailable.size(), 1, 5000);
    QVERIFY2(unavailable.first().first().toString().contains(QStringLiteral("cannot create the folder")),
             qPrintable(unavailable.first().first().toString()));
    QCOMPARE(source.trace()->size(), 10); // the file's 10 samples
    QVERIFY(!recorder.isStoring());
}

void TestLibraryRecorder::endsComplete_data()
{
    using State = LiveStatus::State;
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("complete");
    QTest::newRow("stopped") << int(State::Stopped) << 0 << true;
    QTest::newRow("exited 0") << int(State::Exited) << 0 << true;
    QTest::newRow("exited 4") << int(State::Exited) << 4 << false;
    QTest::newRow("Ctrl+C reached the sampler") << int(State::Killed) << int(SIGINT) << true;
    QTest::newRow("SIGTERM") << int(State::Killed) << int(SIGTERM) << true;
    QTest::newRow("SIGKILL") << int(State::Killed) << int(SIGKILL) << false;
    QTest::newRow("SIGSEGV") << int(State::Killed) << int(SIGSEGV) << false;
    QTest::newRow("failed") << int(State::Failed) << 0 << false;
}

void TestLibraryRecorder::endsComplete()
{
    QFETCH(int, state);
    QFETCH(int, code);
    QFETCH(bool, complete);
    QCOMPARE(LibraryRecorder::endsComplete({LiveStatus::State(state), code, {}}), complete);
}

void TestLibraryRecorder::createLiveSource_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("program");
    QTest::addColumn<double>("speed"); // 0: not given
    QTest::addColumn<QString>("description"); // empty: an error is expected
    QTest::addColumn<QString>("error");

    QTest::newRow("program") << QString() << QStringList{QStringLiteral("sampler"), QStringLiteral("-x")} << 0.0
                             << QStringLiteral("sampler -x") << QString();
    QTest::newRow("nvidia-smi preset") << QStringLiteral("nvidia-smi") << QStringList() << 0.0
                                       << QStringLiteral("nvidia-smi --query-gpu=timestamp,index,name,power.draw --format=csv -lms 250")
                                       << QString();
    QTest::newRow("macmon preset") << QStringLiteral("macmon") << QStringList() << 0.0 << QStringLiteral("macmon pipe -i 250") << QString();
    QTest::newRow("rapl") << QStringLiteral("rapl") << QStringList() << 0.0
                          << QStringLiteral("RAPL energy counters in /tmp/powercap every 250 ms") << QString();
    QTest::newRow("follow") << QStringLiteral("follow:/tmp/a.txt") << QStringList() << 0.0 << QStringLiteral("following /tmp/a.txt") << QString();
    QTest::newRow("replay") << QStringLiteral("replay:/tmp/a.txt") << QStringList() << 4.0 << QStringLiteral("replaying /tmp/a.txt at 4×")
                            << QString();
    QTest::newRow("nothing") << QString() << QStringList() << 0.0 << QString()
                             << QStringLiteral("capture needs --source SOURCE or a program after --");
    QTest::newRow("both") << QStringLiteral("rapl") << QStringList{QStringLiteral("x")} << 0.0 << QString()
                          << QStringLiteral("give either --source or a program after --, not both");
    QTest::newRow("follow without path") << QStringLiteral("follow:") << QStringList() << 0.0 << QString()
                                         << QStringLiteral("unknown source \"follow:\"");
    QTest::newRow("unknown") << QStringLiteral("gpu") << QStringList() << 0.0 << QString()
                             << QStringLiteral("unknown source \"gpu\" (nvidia-smi, powermetrics, macmon, tegrastats, rocm-smi, amd-smi, rapl, hwmon, follow:PATH, replay:PATH, prom+http://HOST:PORT)");
    QTest::newRow("speed without replay") << QStringLiteral("rapl") << QStringList() << 2.0 << QString()
                                          << QStringLiteral("--speed is for replay:PATH only");
    QTest::newRow("empty program") << QString() << QStringList{QString()} << 0.0 << QString() << QStringLiteral("the sampler program is empty");
}

void TestLibraryRecorder::createLiveSource()
{
    QFETCH(QString, source);
    QFETCH(QStringList, program);
    QFETCH(double, speed);
    QFETCH(QString, description);
    QFETCH(QString, error);
    LiveSourceSpec spec;
    spec.source = source;
    spec.program = program;
    spec.intervalMs = 250;
    spec.raplRoot = QStringLiteral("/tmp/powercap");
    if (speed > 0)
        spec.speed = speed;
    const LiveSourceChoice choice = nightwatt::createLiveSource(spec, SamplerEnvironment{});
    if (description.isEmpty()) {
        QVERIFY(!choice.ok());
        QVERIFY2(choice.error.startsWith(error), qPrintable(choice.error));
    } else {
        QVERIFY2(choice.ok(), qPrintable(choice.error + choice.failure));
        QCOMPARE(choice.source->description(), description);
    }
}

void TestLibraryRecorder::describeForLibraryHidesSecrets_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("program");
    QTest::addColumn<QString>("stored");
    QTest::newRow("preset") << QStringLiteral("nvidia-smi") << QStringList() << QStringLiteral("nvidia-smi");
    QTest::newRow("url with password") << QStringLiteral("prom+http://alice:hunter2@prom.local:9090/api") << QStringList()
                                       << QStringLiteral("prom+http://***@prom.local:9090/api");
    QTest::newRow("query token") << QStringLiteral("prom+http://prom.local/api?query=up&token=abc123&x=1") << QStringList()
                                 << QStringLiteral("prom+http://prom.local/api?query=up&token=***&x=1");
    QTest::newRow("plain argv") << QString() << QStringList{QStringLiteral("nvidia-smi"), QStringLiteral("-lms"), QStringLiteral("500")}
                                << QStringLiteral("nvidia-smi -lms 500");
    QTest::newRow("argument with a space is quoted") << QString() << QStringList{QStringLiteral("sampler"), QStringLiteral("a b")}
                                                     << QStringLiteral("sampler 'a b'");
    QTest::newRow("--password value") << QString()
                                      << QStringList{QStringLiteral("sampler"), QStringLiteral("--password"), QStringLiteral("hunter2"),
                                                     QStringLiteral("-i"), QStringLiteral("5")}
                                      << QStringLiteral("sampler --password *** -i 5");
    QTest::newRow("--api-key=value") << QString() << QStringList{QStringLiteral("sampler"), QStringLiteral("--api-key=abc")}
                                     << QStringLiteral("sampler '--api-key=***'");
    QTest::newRow("auth header") << QString()
                                 << QStringList{QStringLiteral("curl"), QStringLiteral("-H"), QStringLiteral("Authorization: Bearer xyz"),
                                                QStringLiteral("https://u:p@host/metrics")}
                                 << QStringLiteral("curl -H 'Authorization: ***' 'https://***@host/metrics'");
}

void TestLibraryRecorder::describeForLibraryHidesSecrets()
{
    QFETCH(QString, source);
    QFETCH(QStringList, program);
    QFETCH(QString, stored);
    LiveSourceSpec spec;
    spec.source = source;
    spec.program = program;
    QCOMPARE(spec.describeForLibrary(), stored);
}

QTEST_GUILESS_MAIN(TestLibraryRecorder)
#include "tst_libraryrecorder.moc"
