#include "io/logloader.h"
#include "library/runlibrary.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace nightwatt;

// Every `nightwatt capture` is also a run in the run library: run as real processes, with
// tests/fixtures/fake_sampler as the sampler, including the faults (Nightwatt killed, the sampler
// killed, the library locked by another program).
class TestCaptureLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void captureIsARunInTheLibrary();
    void libraryFollowsTheEnvironment();
    void killedNightwattLeavesAnInterruptedRun();
    void killedSamplerIsSaidAndKept();
    void lockedLibraryStillCapturesToTheFile();
    void lockedLibraryWithoutFileStopsAndSaysSo();
    void libraryThatStopsStoringFailsTheCapture();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments, int timeoutMs = 30000, const QProcessEnvironment &environment = {});
    QJsonArray runsJson(const QString &library);
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString library() const { return path(QStringLiteral("library.sqlite")); }
    static QString sampler() { return QStringLiteral(NIGHTWATT_FAKE_SAMPLER); }
    // Lines "k epoch_ms" that fake_sampler --record wrote: how many samples it had printed by then.
    static std::pair<int, int> printedBefore(const QString &record, qint64 killedAtMs);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCaptureLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

TestCaptureLibrary::Run TestCaptureLibrary::run(const QStringList &arguments, int timeoutMs, const QProcessEnvironment &environment)
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QJsonArray TestCaptureLibrary::runsJson(const QString &libraryPath)
{
    const Run r = run({QStringLiteral("runs"), QStringLiteral("--json"), QStringLiteral("--library"), libraryPath});
    if (r.exitCode != 0)
        qWarning("runs --json failed: %s", qPrintable(r.err));
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

std::pair<int, int> TestCaptureLibrary::printedBefore(const QString &record, qint64 killedAtMs)
{
    QFile file(record);
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0};
    int printed = 0, beforeLastSecond = 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 2)
            continue;
        ++printed;
        if (fields[1].toLongLong() <= killedAtMs - 1000)
            ++beforeLastSecond;
    }
    return {printed, beforeLastSecond};
}

void TestCaptureLibrary::captureIsARunInTheLibrary()
{
    const QString out = path(QStringLiteral("run.txt"));
    const Run r = run({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("-o"), out, QStringLiteral("--"), sampler(),
                       QStringLiteral("--count"), QStringLiteral("5"), QStringLiteral("--interval-ms"), QStringLiteral("20")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("recording into the run library as run:1")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("library  run:1 in %1 (5 samples stored)").arg(library())), qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("run:1\n"));

    const QJsonArray runs = runsJson(library());
    QCOMPARE(runs.size(), 1);
    const QJsonObject captured = runs.first().toObject();
    QCOMPARE(captured.value(QStringLiteral("kind")).toString(), QStringLiteral("captured"));
    QCOMPARE(captured.value(QStringLiteral("status")).toString(), QStringLiteral("complete"));
    QCOMPARE(captured.value(QStringLiteral("samples")).toInt(), 5);
    QCOMPARE(captured.value(QStringLiteral("format")).toString(), QStringLiteral("powermetrics-text"));
    QCOMPARE(captured.value(QStringLiteral("source_path")).toString(),
             sampler() + QStringLiteral(" --count 5 --interval-ms 20"));
    // Five 20-ms windows: 0.1 s. Energy: (1.00 + 1.01 + 1.02 + 1.03 + 1.04 W CPU + 5 × 0.5 W GPU)
    // × 0.02 s = 7.6 W × 0.02 s = 0.152 J = 4.222e-5 Wh.
    QCOMPARE(qRound(captured.value(QStringLiteral("duration_s")).toDouble() * 1000), 100);
    QCOMPARE(qRound(captured.value(QStringLiteral("energy_wh")).toDouble() * 3600 * 1000), 152);

    // The library run and the -o file hold the same samples.
    const LoadedLog file = LogLoader::loadFile(out);
    RunLibrary lib;
    QVERIFY(lib.open(library()));
    const LoadedLog stored = lib.loadRun(1);
    QCOMPARE(stored.trace.size(), file.trace.size());
    for (qsizetype i = 0; i < stored.trace.size(); ++i)
        QCOMPARE(stored.trace.value(0, i), file.trace.value(0, i));
}

// No --library: NIGHTWATT_LIBRARY decides, as for import and runs.
void TestCaptureLibrary::libraryFollowsTheEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NIGHTWATT_LIBRARY"), library());
    const Run r = run({QStringLiteral("capture"), QStringLiteral("--"), sampler(), QStringLiteral("--format"), QStringLiteral("nvidia-csv"),
                       QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--interval-ms"), QStringLiteral("20")},
                      30000, environment);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonArray runs = runsJson(library());
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().toObject().value(QStringLiteral("format")).toString(), QStringLiteral("nvidia-smi-csv"));
    QCOMPARE(runs.first().toObject().value(QStringLiteral("samples")).toInt(), 3);
}

// SIGKILL to `nightwatt capture` after 2.5 s of a sampler printing every 100 ms: the library run
// holds every sample printed up to one second before the kill, in order and without a hole, and
// the next `runs` (a new open of the library) reports it interrupted.
void TestCaptureLibrary::killedNightwattLeavesAnInterruptedRun()
{
    const QString out = path(QStringLiteral("killed.txt"));
    const QString record = path(QStringLiteral("printed.txt"));
    QProcess nightwatt;
    nightwatt.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                    {QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("-o"), out, QStringLiteral("--"),
                     sampler(), QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--interval-ms"), QStringLiteral("100"),
                     QStringLiteral("--record"), record});
    QVERIFY(nightwatt.waitForStarted());
    QTest::qWait(2500);
    const qint64 killedAtMs = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(::kill(pid_t(nightwatt.processId()), SIGKILL), 0);
    QVERIFY(nightwatt.waitForFinished());
    QCOMPARE(nightwatt.exitStatus(), QProcess::CrashExit);
    QTest::qWait(300); // the orphaned sampler dies of SIGPIPE at its next write

    const auto [printed, printedBeforeLastSecond] = printedBefore(record, killedAtMs);
    QVERIFY2(printedBeforeLastSecond >= 10, qPrintable(QString::number(printedBeforeLastSecond))); // ~15 in 1.5 s

    const QJsonArray runs = runsJson(library());
    QCOMPARE(runs.size(), 1);
    const QJsonObject killed = runs.first().toObject();
    QCOMPARE(killed.value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
    const int stored = killed.value(QStringLiteral("samples")).toInt();
    const LoadedLog file = LogLoader::loadFile(out);
    qInfo("sampler printed %d samples (%d up to 1 s before the kill); the file holds %lld, the library %d", printed,
          printedBeforeLastSecond, qlonglong(file.trace.size()), stored);
    QVERIFY(stored >= printedBeforeLastSecond);
    QVERIFY(stored <= file.trace.size());

    RunLibrary lib;
    QVERIFY(lib.open(library()));
    const LoadedLog run = lib.loadRun(killed.value(QStringLiteral("id")).toInteger());
    QVERIFY2(run.ok(), qPrintable(run.error));
    const int cpu = run.trace.indexOf(QStringLiteral("cpu"));
    for (qsizetype k = 0; k < run.trace.size(); ++k) {
        // Sample k: CPU 1000 + 10 k mW, in 100-ms windows: no sample lost or repeated before the last one.
        QCOMPARE(run.trace.value(cpu, k), float(1000 + 10 * k) / 1000.0f);
        QCOMPARE(run.trace.value(cpu, k), file.trace.value(cpu, k));
    }
}

void TestCaptureLibrary::killedSamplerIsSaidAndKept()
{
    const Run r = run({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("--"), sampler(),
                       QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--interval-ms"), QStringLiteral("20"),
                       QStringLiteral("--partial"), QStringLiteral("--die-with"), QString::number(SIGKILL)});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("capture ended: killed by signal 9 (SIGKILL)")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("samples  3")));
    QVERIFY2(r.err.contains(QStringLiteral("(3 samples stored)")), qPrintable(r.err));
    const QJsonArray runs = runsJson(library());
    QCOMPARE(runs.size(), 1);
    // The cut-off fourth sample (--partial) is not a sample; the three complete ones are kept.
    QCOMPARE(runs.first().toObject().value(QStringLiteral("samples")).toInt(), 3);
    QCOMPARE(runs.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
    RunLibrary lib;
    QVERIFY(lib.open(library()));
    QCOMPARE(lib.loadRun(1).metadata.value(QStringLiteral("capture.ended")), QStringLiteral("killed by signal 9 (SIGKILL)"));
}

// Another program holds the library's write lock the whole time: the capture runs to its end into
// -o, the person is told the run is not in the library and how to import it, and exits 0.
void TestCaptureLibrary::lockedLibraryStillCapturesToTheFile()
{
    QVERIFY(RunLibrary().open(library())); // an existing, empty library
    QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
    holder.setDatabaseName(library());
    QVERIFY(holder.open());
    {
        QSqlQuery q(holder);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const QString out = path(QStringLiteral("locked.txt"));
        const Run r = run({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("-o"), out, QStringLiteral("--"),
                           sampler(), QStringLiteral("--count"), QStringLiteral("80"), QStringLiteral("--interval-ms"), QStringLiteral("100")});
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("the run library is busy")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("this capture is NOT in the run library; it goes on into %1, nothing is lost").arg(out)));
        QVERIFY(r.err.contains(QStringLiteral("nightwatt import %1").arg(out)));
        QVERIFY(r.err.contains(QStringLiteral("library  not stored: the run library is busy")));
        QVERIFY(r.out.isEmpty());
        const LoadedLog log = LogLoader::loadFile(out);
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE(log.trace.size(), 80); // every sample printed over the 8 s
    }
    holder.close();
    holder = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    QCOMPARE(runsJson(library()).size(), 0);
}

void TestCaptureLibrary::lockedLibraryWithoutFileStopsAndSaysSo()
{
    QVERIFY(RunLibrary().open(library()));
    QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder2"));
    holder.setDatabaseName(library());
    QVERIFY(holder.open());
    {
        QSqlQuery q(holder);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const Run r = run({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("--"), sampler(),
                           QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--interval-ms"), QStringLiteral("100")});
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("without -o FILE nothing would keep this capture, so it stops here")), qPrintable(r.err));
    }
    holder.close();
    holder = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("holder2"));
}

// The library takes the first samples, then another program keeps it locked to the end (as a
// full disk would refuse them): the run is not complete, the command fails and says how many
// samples the library and the -o file hold.
void TestCaptureLibrary::libraryThatStopsStoringFailsTheCapture()
{
    const QString out = path(QStringLiteral("partly.txt"));
    QProcess capture;
    capture.setReadChannel(QProcess::StandardError);
    capture.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                  {QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("-o"), out, QStringLiteral("--"), sampler(),
                   QStringLiteral("--count"), QStringLiteral("40"), QStringLiteral("--interval-ms"), QStringLiteral("100")});
    QByteArray err;
    while (!err.contains("recording into the run library as run:1") && capture.waitForReadyRead(10000))
        err += capture.readAllStandardError();
    QVERIFY2(err.contains("recording into the run library as run:1"), err.constData());
    QTest::qWait(1000); // a commit or two
    QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder3"));
    holder.setDatabaseName(library());
    QVERIFY(holder.open());
    {
        QSqlQuery q(holder);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(capture.waitForFinished(40000));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    }
    holder.close();
    holder = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("holder3"));
    err += capture.readAllStandardError();
    QCOMPARE(capture.exitCode(), 3);

    const QJsonObject stored = runsJson(library()).first().toObject();
    QCOMPARE(stored.value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
    const int samples = stored.value(QStringLiteral("samples")).toInt();
    QVERIFY2(samples > 0 && samples < 40, qPrintable(QString::number(samples)));
    QVERIFY2(err.contains(QStringLiteral("nightwatt: error: the run library holds only %1 of the 40 samples captured (run:1); all 40 are in %2")
                              .arg(samples)
                              .arg(out)
                              .toUtf8()),
             err.constData());
    QCOMPARE(LogLoader::loadFile(out).trace.size(), 40);
}

QTEST_GUILESS_MAIN(TestCaptureLibrary)
#include "tst_capturelibrary.moc"
