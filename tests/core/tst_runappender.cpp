#include "library/libraryconnection.h"
#include "library/runappender.h"
#include "library/runlibrary.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace nightwatt;

namespace {

CaptureSettings twoChannels()
{
    CaptureSettings settings;
    settings.name = QStringLiteral("live");
    settings.formatId = QStringLiteral("nvidia-smi-csv");
    settings.sourcePath = QStringLiteral("nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -lms 500");
    settings.timing = TimingKind::Points;
    settings.clockAtZero = QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC);
    settings.channels = {{QStringLiteral("gpu0"), QStringLiteral("GPU 0"), ChannelRole::Component},
                         {QStringLiteral("gpu1"), QStringLiteral("GPU 1"), ChannelRole::Component}};
    return settings;
}

} // namespace

class TestRunAppender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void appendsFromAnotherThread();
    void commitsWhileCapturing();
    void startsWithoutWaiting();
    void keepsSamplesWhileLibraryIsBusy();
    void unfinishedCaptureIsInterrupted();
    void killedWriterLosesAtMostTheLastSecond();
    void refusesBrokenLibrary();
    void fullLibraryLeavesAnInterruptedRun();

private:
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunAppender::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// 200,000 samples (three chunks of 65,536 and a partial one) from a thread that is not the
// appender's; a third channel joins at sample 100,000.
void TestRunAppender::appendsFromAnotherThread()
{
    constexpr int kSamples = 200'000;
    constexpr int kThirdFrom = 100'000;
    RunAppender appender;
    QSignalSpy finished(&appender, &RunAppender::finished);
    const auto id = appender.start(libraryPath(), twoChannels());
    QVERIFY2(id, qPrintable(appender.errorString()));

    int thirdIndex = -1;
    std::thread producer([&appender, &thirdIndex] {
        for (int i = 0; i < kSamples; ++i) {
            if (i == kThirdFrom)
                thirdIndex = appender.channel({QStringLiteral("ane"), QStringLiteral("ANE"), ChannelRole::Component});
            const float values[] = {float(i), float(i) * 2.0f, float(i) * 3.0f};
            appender.append(double(i) * 0.5, 0.0f, std::span<const float>(values, i < kThirdFrom ? 2 : 3));
            if (i == 7)
                appender.issue({8, QStringLiteral("power.draw reads [N/A]")});
        }
        appender.metadata(QStringLiteral("driver"), QStringLiteral("550.54"));
    });
    producer.join();
    QCOMPARE(thirdIndex, 2);
    appender.finish();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toLongLong(), *id);

    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto info = library.run(*id);
    QVERIFY(info);
    QCOMPARE(info->kind, RunKind::Captured);
    QCOMPARE(info->status, RunStatus::Complete);
    QCOMPARE(info->samples, kSamples);
    QCOMPARE(*info->durationS, (kSamples - 1) * 0.5); // points: first to last timestamp
    QCOMPARE(info->issueCount, 1);
    const LoadedLog log = library.loadRun(*id);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), kSamples);
    QCOMPARE(log.trace.channelCount(), 3);
    QCOMPARE(log.trace.channel(2).id, QStringLiteral("ane"));
    QCOMPARE(log.trace.clockAtZero(), QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC));
    for (int i = 0; i < kSamples; ++i) {
        if (log.trace.timeS(i) != i * 0.5 || log.trace.value(0, i) != float(i) || log.trace.value(1, i) != float(i) * 2.0f)
            QFAIL(qPrintable(QStringLiteral("sample %1 differs").arg(i)));
        const float third = log.trace.value(2, i);
        if (i < kThirdFrom ? !isMissing(third) : third != float(i) * 3.0f)
            QFAIL(qPrintable(QStringLiteral("ane at sample %1 is %2").arg(i).arg(third)));
    }
    QCOMPARE(log.issues.size(), 1);
    QCOMPARE(log.issues.first().line, 8);
    QCOMPARE(log.metadata.value(QStringLiteral("driver")), QStringLiteral("550.54"));
    QVERIFY(!QFileInfo::exists(LibraryConnection::captureLockPath(libraryPath(), *id)));
}

void TestRunAppender::commitsWhileCapturing()
{
    RunAppender appender;
    QSignalSpy committed(&appender, &RunAppender::committed);
    const auto id = appender.start(libraryPath(), twoChannels());
    QVERIFY(id);
    for (int i = 0; i < 10; ++i) {
        const float values[] = {1.0f, 2.0f};
        appender.append(i, 0.0f, values);
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY(committed.wait(2000));
    QVERIFY2(timer.elapsed() <= 1000, "a commit comes within a second");
    RunLibrary reader; // another connection sees the capture grow, and sees it as still running
    QVERIFY(reader.open(libraryPath()));
    QCOMPARE(reader.run(*id)->status, RunStatus::Capturing);
    QCOMPARE(reader.run(*id)->samples, 10);
    QCOMPARE(reader.loadRun(*id).trace.size(), 10);
}

// What the GUI does: start without waiting, append at once; nothing appended early is lost.
void TestRunAppender::startsWithoutWaiting()
{
    RunAppender appender;
    QSignalSpy started(&appender, &RunAppender::started);
    QSignalSpy finished(&appender, &RunAppender::finished);
    appender.startAsync(libraryPath(), twoChannels());
    for (int i = 0; i < 100; ++i) {
        const float values[] = {float(i), 1.0f};
        appender.append(i, 0.0f, values);
    }
    QVERIFY(started.wait(5000));
    const qint64 id = started.first().first().toLongLong();
    QCOMPARE(appender.runId(), id);
    appender.finish();
    QVERIFY(finished.wait(5000));
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const LoadedLog log = library.loadRun(id);
    QCOMPARE(log.trace.size(), 100);
    QCOMPARE(log.trace.value(0, 99), 99.0f);
    QCOMPARE(library.run(id)->status, RunStatus::Complete);

    // A library "inside" a plain file cannot be created: the failure comes back as a signal.
    QFile plain(m_dir->filePath(QStringLiteral("plain.txt")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    RunAppender broken;
    QSignalSpy failed(&broken, &RunAppender::failed);
    broken.startAsync(m_dir->filePath(QStringLiteral("plain.txt/library.sqlite")), twoChannels());
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("cannot create the folder")),
             qPrintable(failed.first().first().toString()));
}

// Another program holds the write lock for a while: commits fail and say so once, the samples
// wait in memory, and all of them reach the file once the lock is released.
void TestRunAppender::keepsSamplesWhileLibraryIsBusy()
{
    RunAppender appender;
    QSignalSpy failed(&appender, &RunAppender::failed);
    QSignalSpy finished(&appender, &RunAppender::finished);
    LibraryOptions options;
    options.busyTimeoutMs = 100;
    const auto id = appender.start(libraryPath(), twoChannels(), options);
    QVERIFY(id);
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        holder.setDatabaseName(libraryPath());
        QVERIFY(holder.open());
        QSqlQuery q(holder);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        for (int i = 0; i < 50; ++i) {
            const float values[] = {float(i), 0.5f};
            appender.append(i, 0.0f, values);
        }
        QVERIFY(failed.wait(3000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("busy")), qPrintable(failed.first().first().toString()));
        QTest::qWait(1200); // two more ticks fail; the message is not repeated
        QCOMPARE(failed.size(), 1);
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        holder.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    appender.finish();
    QVERIFY(finished.wait(5000));
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QCOMPARE(library.loadRun(*id).trace.size(), 50);
    QCOMPARE(library.run(*id)->status, RunStatus::Complete);
}

void TestRunAppender::unfinishedCaptureIsInterrupted()
{
    qint64 id = 0;
    {
        RunAppender appender;
        id = appender.start(libraryPath(), twoChannels()).value_or(0);
        QVERIFY(id > 0);
        const float values[] = {4.0f, 6.0f};
        appender.append(0, 0.0f, values);
        appender.append(1, 0.0f, values);
    } // destroyed without finish(): the samples are kept, the run says it was cut short
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QCOMPARE(library.run(id)->status, RunStatus::Interrupted);
    QCOMPARE(library.run(id)->samples, 2);
    // (4 + 6) W for 1 s = 10 J.
    QCOMPARE(qRound(*library.run(id)->energyWh * 3600 * 1000), 10000);
}

// The fixture appends one sample every 10 ms of its own clock and closes a phase every 100 ms;
// after a SIGKILL the samples that reached the file must run, without a hole, to within about a
// second of the kill, and the phases with them: every one up to the last committed sample.
void TestRunAppender::killedWriterLosesAtMostTheLastSecond()
{
    QProcess writer;
    writer.start(QStringLiteral(NIGHTWATT_CAPTURE_FIXTURE), {libraryPath()});
    QVERIFY(writer.waitForStarted());
    QVERIFY(writer.waitForReadyRead(10000));
    QElapsedTimer sinceStart; // starts after the fixture's clock, so it undercounts its runtime
    sinceStart.start();
    const QByteArray line = writer.readLine().trimmed();
    QVERIFY2(line.startsWith("run "), line.constData());
    const qint64 id = line.mid(4).toLongLong();
    QTest::qWait(2500);
    const double killedAtS = double(sinceStart.elapsed()) / 1000.0;
    writer.kill(); // SIGKILL: no destructor, no final commit
    QVERIFY(writer.waitForFinished(5000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    RunLibrary library;
    QVERIFY2(library.open(libraryPath()), qPrintable(library.errorString()));
    const auto info = library.run(id);
    QVERIFY(info);
    QCOMPARE(info->status, RunStatus::Interrupted); // its lock has no living owner
    const LoadedLog log = library.loadRun(id);
    QVERIFY2(log.ok(), qPrintable(log.error));
    const qsizetype n = log.trace.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (log.trace.value(0, i) != float(i))
            QFAIL(qPrintable(QStringLiteral("sample %1 reads %2: a hole in what was committed").arg(i).arg(log.trace.value(0, i))));
    }
    const double lastS = log.trace.timeS(n - 1);
    qInfo("killed after %.2f s; committed samples reach %.2f s (%lld samples)", killedAtS, lastS, qint64(n));
    // Commits come every 0.5 s; allow 0.2 s for scheduling on a loaded machine.
    QVERIFY2(lastS >= killedAtS - 1.0 - 0.2, qPrintable(QStringLiteral("lost %1 s").arg(killedAtS - lastS)));
    // Phase k ends at sample 10 k: committed with it, never without it, and none skipped.
    const QList<Marker> &phases = log.trace.markers();
    const qsizetype closed = (n - 1) / 10;
    // Only a phase closed by the very last stored sample may miss that commit (the fixture hands
    // it over just after the sample).
    QVERIFY2(phases.size() == closed || (phases.size() == closed - 1 && (n - 1) % 10 == 0),
             qPrintable(QStringLiteral("%1 phases for %2 samples").arg(phases.size()).arg(n)));
    for (qsizetype k = 0; k < phases.size(); ++k) {
        const qsizetype endSample = 10 * (k + 1);
        QCOMPARE(phases[k].label, QStringLiteral("epoch %1").arg(k + 1));
        QCOMPARE(phases[k].kind, MarkerKind::Epoch);
        QCOMPARE(phases[k].startS, log.trace.timeS(endSample - 10));
        QCOMPARE(phases[k].endS, std::optional<double>(log.trace.timeS(endSample)));
    }
    QVERIFY(!QFileInfo::exists(LibraryConnection::captureLockPath(libraryPath(), id)));
}

void TestRunAppender::refusesBrokenLibrary()
{
    QFile file(libraryPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is a text file, not a library\n");
    file.close();
    RunAppender appender;
    QVERIFY(!appender.start(libraryPath(), twoChannels()));
    QVERIFY2(appender.errorString().contains(QStringLiteral("not an SQLite database")), qPrintable(appender.errorString()));
    const float values[] = {1.0f};
    appender.append(0, 0.0f, values); // harmless after a failed start
}

// The library runs out of room mid-capture (as on a full disk): what was committed stays, the
// run is not called complete, and the capture's end says how much is missing.
void TestRunAppender::fullLibraryLeavesAnInterruptedRun()
{
    int pages = 0;
    {
        RunLibrary library;
        QVERIFY(library.open(libraryPath()));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        pages = q.value(0).toInt();
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pages"));
    QVERIFY(pages > 0);

    RunAppender appender;
    QSignalSpy committed(&appender, &RunAppender::committed);
    QSignalSpy failed(&appender, &RunAppender::failed);
    QSignalSpy finished(&appender, &RunAppender::finished);
    LibraryOptions options;
    options.maxPageCount = pages + 8; // room for the run and a few hundred samples, not for 100,000
    const auto id = appender.start(libraryPath(), twoChannels(), options);
    QVERIFY(id);
    for (int i = 0; i < 100; ++i) {
        const float values[] = {float(i), 0.5f};
        appender.append(i, 0.0f, values);
    }
    QVERIFY(committed.wait(3000));
    QCOMPARE(committed.last().first().toLongLong(), 100);
    // Noise, so the chunk cannot be packed small.
    for (int i = 100; i < 100'000; ++i) {
        const float values[] = {float(i) * 1.37f, float((i * 7919) % 1000) / 3.0f};
        appender.append(i, 0.0f, values);
    }
    QVERIFY(failed.wait(3000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("full")), qPrintable(failed.first().first().toString()));
    appender.finish();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toLongLong(), *id);
    QCOMPARE(finished.first().at(1).toLongLong(), 100);
    QCOMPARE(finished.first().at(2).toBool(), false);
    QVERIFY2(failed.last().first().toString().contains(QStringLiteral("run:%1 keeps 100 of its 100000 samples and is marked interrupted").arg(*id)),
             qPrintable(failed.last().first().toString()));

    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QCOMPARE(library.run(*id)->status, RunStatus::Interrupted);
    QCOMPARE(library.run(*id)->samples, 100);
    QCOMPARE(library.loadRun(*id).trace.size(), 100);
}

QTEST_GUILESS_MAIN(TestRunAppender)
#include "tst_runappender.moc"
