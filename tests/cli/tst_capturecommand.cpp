#include "io/logloader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <QStandardPaths>

#include <csignal>
#include <unistd.h>

using namespace nightwatt;

// `nightwatt capture` run as a real process, with tests/fixtures/fake_sampler as the sampler.
class TestCaptureCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void programCaptureWritesALogThatReadsBack();
    void nvidiaSmiReportsAreCaptured();
    void readmeNvidiaSmiCommandStoresEverySample_data();
    void readmeNvidiaSmiCommandStoresEverySample();
    void samplerFailureIsTheExitCode();
    void killedNightwattLosesAtMostOneSecond();
    void sigintStopsCleanly();
    void raplCaptureWritesNightwattCaptureLog();
    void followWithDuration();
    void replayCopiesTheLog();
    void unprivilegedUserIsToldWhatToDo();
    void usageErrors_data();
    void usageErrors();

private:
    struct Run
    {
        int exitCode = -1;
        QString err;
    };
    Run run(const QStringList &arguments, int timeoutMs = 15000,
            const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    QString path(const QString &name) const { return m_dir->filePath(name); }
    static QString sampler() { return QStringLiteral(NIGHTWATT_FAKE_SAMPLER); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCaptureCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

TestCaptureCommand::Run TestCaptureCommand::run(const QStringList &arguments, int timeoutMs, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), QStringList{QStringLiteral("capture")} + arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCaptureCommand::programCaptureWritesALogThatReadsBack()
{
    const QString out = path(QStringLiteral("run.txt"));
    const Run r = run({QStringLiteral("-o"), out, QStringLiteral("--"), sampler(), QStringLiteral("--count"), QStringLiteral("5"),
                       QStringLiteral("--interval-ms"), QStringLiteral("20")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("capture ended: exited with code 0")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("samples  5 over 0.10 s"))); // five 20-ms windows
    // mean of CPU 1.00..1.04 W + GPU 0.5 W + ANE 0 = 1.52 W
    QVERIFY2(r.err.contains(QStringLiteral("power    mean 1.52 W (cpu + gpu + ane)")), qPrintable(r.err));
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("powermetrics-text"));
    QCOMPARE(log.trace.size(), 5);
}

// `capture -o F -- nvidia-smi -q -l 1`: the reports are recognised as they arrive, each is one
// sample of both GPUs, and F reads back the same.
void TestCaptureCommand::nvidiaSmiReportsAreCaptured()
{
    const QString out = path(QStringLiteral("reports.txt"));
    const Run r = run({QStringLiteral("-o"), out, QStringLiteral("--"), sampler(), QStringLiteral("--format"), QStringLiteral("nvidia-q"),
                       QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--interval-ms"), QStringLiteral("20")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("samples  3 over 2.00 s")), qPrintable(r.err)); // Timestamps 1 s apart
    // GPU 0 70, 71, 72 W and GPU 1 35.5 W: totals 105.5, 106.5, 107.5 W, a time-weighted mean of
    // ((105.5 + 106.5) / 2 + (106.5 + 107.5) / 2) / 2 = 106.5 W; the module's N/A is not a GPU.
    QVERIFY2(r.err.contains(QStringLiteral("power    mean 106.50 W (gpu0 + gpu1)")), qPrintable(r.err));
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-q"));
    QCOMPARE(log.trace.size(), 3);
    QCOMPARE(log.trace.channelCount(), 2);
    QCOMPARE(log.trace.value(0, 2), 72.0f);
    QCOMPARE(log.trace.value(1, 2), 35.5f);
    QCOMPARE(log.issueCount, qint64(0));
}

// The README's command, `capture -o F -- nvidia-smi --query-gpu=timestamp,power.draw --format=csv
// -lms 500`, with the fake sampler as nvidia-smi on PATH printing two polls: one GPU gives two
// rows without an index column, which once stored nothing ("no power data found").
void TestCaptureCommand::readmeNvidiaSmiCommandStoresEverySample_data()
{
    QTest::addColumn<int>("gpus");
    QTest::newRow("one GPU") << 1;
    QTest::newRow("two GPUs") << 2;
}

void TestCaptureCommand::readmeNvidiaSmiCommandStoresEverySample()
{
    QFETCH(int, gpus);
    QVERIFY(QFile::link(sampler(), path(QStringLiteral("nvidia-smi"))));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), m_dir->path() + u':' + environment.value(QStringLiteral("PATH")));
    environment.insert(QStringLiteral("NIGHTWATT_FAKE_GPUS"), QString::number(gpus));
    environment.insert(QStringLiteral("NIGHTWATT_FAKE_POLLS"), QStringLiteral("2"));
    const QString out = path(QStringLiteral("gpu.csv"));
    const Run r = run({QStringLiteral("-o"), out, QStringLiteral("--"), QStringLiteral("nvidia-smi"), QStringLiteral("--query-gpu=timestamp,power.draw"),
                       QStringLiteral("--format=csv"), QStringLiteral("-lms"), QStringLiteral("500")},
                      15000, environment);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("samples  2 over 0.50 s")), qPrintable(r.err));
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-csv"));
    QCOMPARE(log.trace.size(), 2);
    QCOMPARE(log.trace.channelCount(), gpus);
    QCOMPARE(log.trace.value(0, 1), 71.0f); // GPU 0 draws 70 + k W in poll k
}

void TestCaptureCommand::samplerFailureIsTheExitCode()
{
    const Run r = run({QStringLiteral("--"), sampler(), QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--interval-ms"),
                       QStringLiteral("10"), QStringLiteral("--exit-code"), QStringLiteral("4"), QStringLiteral("--stderr"),
                       QStringLiteral("no devices were found")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("capture ended: exited with code 4: no devices were found")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("samples  2")));

    const Run missing = run({QStringLiteral("--"), QStringLiteral("/nonexistent/sampler")});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY(missing.err.contains(QStringLiteral("capture failed: cannot start /nonexistent/sampler")));
}

// Nightwatt itself is killed mid-capture: the file must hold everything the sampler printed up to
// one second before the kill (in fact writes are unbuffered, so it holds all of it).
void TestCaptureCommand::killedNightwattLosesAtMostOneSecond()
{
    const QString out = path(QStringLiteral("killed.txt"));
    const QString record = path(QStringLiteral("printed.txt"));
    QProcess nightwatt;
    nightwatt.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                    {QStringLiteral("capture"), QStringLiteral("-o"), out, QStringLiteral("--"), sampler(), QStringLiteral("--count"),
                     QStringLiteral("0"), QStringLiteral("--interval-ms"), QStringLiteral("100"), QStringLiteral("--record"), record});
    QVERIFY(nightwatt.waitForStarted());
    QTest::qWait(2500);
    const qint64 killedAtMs = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(::kill(pid_t(nightwatt.processId()), SIGKILL), 0);
    QVERIFY(nightwatt.waitForFinished());
    QCOMPARE(nightwatt.exitStatus(), QProcess::CrashExit);
    QTest::qWait(300); // the orphaned sampler dies of SIGPIPE at its next write

    QFile printedFile(record);
    QVERIFY(printedFile.open(QIODevice::ReadOnly));
    int printed = 0, printedBeforeLastSecond = 0;
    for (const QByteArray &line : printedFile.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 2)
            continue;
        ++printed;
        if (fields[1].toLongLong() <= killedAtMs - 1000)
            ++printedBeforeLastSecond;
    }
    QVERIFY2(printedBeforeLastSecond >= 10, qPrintable(QString::number(printedBeforeLastSecond))); // ~15 in 1.5 s

    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    qInfo("sampler printed %d samples (%d up to 1 s before the kill); the file holds %lld", printed, printedBeforeLastSecond,
          qlonglong(log.trace.size()));
    QVERIFY(log.trace.size() >= printedBeforeLastSecond);
    QVERIFY(log.trace.size() <= printed);
}

void TestCaptureCommand::sigintStopsCleanly()
{
    const QString out = path(QStringLiteral("interrupted.txt"));
    QProcess nightwatt;
    nightwatt.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {QStringLiteral("capture"), QStringLiteral("-o"), out, QStringLiteral("--"),
                                                           sampler(), QStringLiteral("--count"), QStringLiteral("0"),
                                                           QStringLiteral("--interval-ms"), QStringLiteral("50")});
    QVERIFY(nightwatt.waitForStarted());
    QTest::qWait(800);
    QCOMPARE(::kill(pid_t(nightwatt.processId()), SIGINT), 0);
    QVERIFY(nightwatt.waitForFinished(5000));
    QCOMPARE(nightwatt.exitStatus(), QProcess::NormalExit);
    QCOMPARE(nightwatt.exitCode(), 0);
    const QString err = QString::fromUtf8(nightwatt.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("capture ended: stopped by Ctrl+C/SIGTERM")), qPrintable(err));
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QVERIFY(log.trace.size() >= 8); // ~16 printed in 0.8 s
}

void TestCaptureCommand::raplCaptureWritesNightwattCaptureLog()
{
    QDir root(path(QStringLiteral("powercap")));
    QVERIFY(root.mkpath(QStringLiteral("intel-rapl:0")));
    auto write = [&](const QString &file, const QByteArray &text) {
        QFile f(root.filePath(file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    write(QStringLiteral("intel-rapl:0/name"), "package-0\n");
    write(QStringLiteral("intel-rapl:0/energy_uj"), "1000\n");
    write(QStringLiteral("intel-rapl:0/max_energy_range_uj"), "262143328850\n");
    const QString out = path(QStringLiteral("rapl.txt"));
    const Run r = run({QStringLiteral("--source"), QStringLiteral("rapl"), QStringLiteral("--rapl-root"), root.path(),
                       QStringLiteral("--interval-ms"), QStringLiteral("50"), QStringLiteral("--duration"), QStringLiteral("0.4"),
                       QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("capture ended: stopped")));
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nightwatt-capture"));
    QVERIFY(log.trace.size() >= 4); // ~8 intervals of 50 ms in 0.4 s
    QCOMPARE(log.trace.value(0, 0), 0.0f); // the counter did not move: 0 W, a real reading

    // The same folder through NIGHTWATT_POWERCAP_ROOT instead of --rapl-root.
    QProcess viaEnvironment;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NIGHTWATT_POWERCAP_ROOT"), root.path());
    viaEnvironment.setProcessEnvironment(environment);
    viaEnvironment.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("rapl"),
                                                                QStringLiteral("--interval-ms"), QStringLiteral("50"),
                                                                QStringLiteral("--duration"), QStringLiteral("0.2")});
    QVERIFY(viaEnvironment.waitForFinished(10000));
    const QString err = QString::fromUtf8(viaEnvironment.readAllStandardError());
    QCOMPARE(viaEnvironment.exitCode(), 0);
    QVERIFY2(err.contains(QStringLiteral("RAPL energy counters in ") + root.path()), qPrintable(err));
}

void TestCaptureCommand::followWithDuration()
{
    const QString followed = path(QStringLiteral("growing.txt"));
    QFile file(followed);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("nightwatt-capture\t1\ntiming\tpoints\nchannel\tgpu0\tcomponent\tGPU 0\nsample\t0\t0\t100\nsample\t1\t0\t200\n");
    file.close();
    const Run r = run({QStringLiteral("--source"), QStringLiteral("follow:") + followed, QStringLiteral("--duration"), QStringLiteral("0.3")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("samples  2 over 1.00 s")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("power    mean 150.00 W (gpu0)"))); // trapezoid of 100 → 200 W
}

void TestCaptureCommand::replayCopiesTheLog()
{
    const QString source = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
    const QString out = path(QStringLiteral("replayed.txt"));
    const Run r = run({QStringLiteral("--source"), QStringLiteral("replay:") + source, QStringLiteral("--speed"), QStringLiteral("100000"),
                       QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("samples  10")));
    QFile a(source), b(out);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
}

// Run as an ordinary user (nobody): RAPL counters that only root may read, and powermetrics,
// which only runs as root, both end with an explanation of what to do instead.
void TestCaptureCommand::unprivilegedUserIsToldWhatToDo()
{
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (::geteuid() != 0 || setpriv.isEmpty())
        QSKIP("needs root and setpriv to run nightwatt as an ordinary user");
    QDir root(path(QStringLiteral("powercap")));
    QVERIFY(root.mkpath(QStringLiteral("intel-rapl:0")));
    QFile name(root.filePath(QStringLiteral("intel-rapl:0/name")));
    QVERIFY(name.open(QIODevice::WriteOnly));
    name.write("package-0\n");
    name.close();
    QFile energy(root.filePath(QStringLiteral("intel-rapl:0/energy_uj")));
    QVERIFY(energy.open(QIODevice::WriteOnly));
    energy.write("1000\n");
    energy.close();
    // As on Linux since CVE-2020-8694: energy_uj is 0400 root.
    QVERIFY(energy.setPermissions(QFileDevice::ReadOwner));
    const auto traversable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
        | QFileDevice::ExeOther;
    for (const QString &dir : {m_dir->path(), root.path(), root.filePath(QStringLiteral("intel-rapl:0"))})
        QVERIFY(QFile::setPermissions(dir, traversable));

    auto runAsNobody = [&](const QStringList &arguments) {
        QProcess process;
        process.start(setpriv, QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                                           QStringLiteral(NIGHTWATT_EXECUTABLE), QStringLiteral("capture")}
                                   + arguments);
        const bool finished = process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit;
        return std::make_pair(finished ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardError()));
    };
    // A build folder nobody cannot reach (a checkout under /root, a parent folder of mode 700)
    // stops nightwatt before it does anything: it cannot be started at all, or starts without its
    // command-line module. Nothing this test checks can be seen then.
    if (const auto [probeExit, probeErr] = runAsNobody({QStringLiteral("--help")}); probeExit != 0)
        QSKIP(qPrintable(QStringLiteral("the build folder is not reachable by nobody: ") + probeErr.trimmed()));
    const auto [raplExit, raplErr] = runAsNobody({QStringLiteral("--source"), QStringLiteral("rapl"), QStringLiteral("--rapl-root"), root.path()});
    QCOMPARE(raplExit, 3);
    QVERIFY2(raplErr.contains(QStringLiteral("intel-rapl:0/energy_uj: permission denied")), qPrintable(raplErr));
    QVERIFY(raplErr.contains(QStringLiteral("CVE-2020-8694")));
    QVERIFY(raplErr.contains(QStringLiteral("sudo chmod o+r")));

    const auto [pmExit, pmErr] = runAsNobody({QStringLiteral("--source"), QStringLiteral("powermetrics")});
    QCOMPARE(pmExit, 3);
    QVERIFY2(pmErr.contains(QStringLiteral("powermetrics only runs as root")), qPrintable(pmErr));
    QVERIFY(pmErr.contains(QStringLiteral("sudo nightwatt capture --source powermetrics")));
}

void TestCaptureCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList() << QStringLiteral("capture needs --source SOURCE or a program after --");
    QTest::newRow("both") << QStringList{QStringLiteral("--source"), QStringLiteral("rapl"), QStringLiteral("--"), QStringLiteral("x")}
                          << QStringLiteral("give either --source or a program after --, not both");
    QTest::newRow("unknown source") << QStringList{QStringLiteral("--source"), QStringLiteral("gpu")}
                                    << QStringLiteral("unknown source \"gpu\"");
    QTest::newRow("speed without replay") << QStringList{QStringLiteral("--source"), QStringLiteral("rapl"), QStringLiteral("--speed"),
                                                         QStringLiteral("2")}
                                          << QStringLiteral("--speed is for replay:PATH only");
    QTest::newRow("empty program") << QStringList{QStringLiteral("--")} << QStringLiteral("nothing after --");
    QTest::newRow("zero interval") << QStringList{QStringLiteral("--source"), QStringLiteral("rapl"), QStringLiteral("--interval-ms"),
                                                  QStringLiteral("0")}
                                   << QStringLiteral("--interval-ms takes a number from 1 to 3600000, not \"0\"");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("nvidia-smi")} << QStringLiteral("unexpected \"nvidia-smi\"");
}

void TestCaptureCommand::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCaptureCommand)
#include "tst_capturecommand.moc"
