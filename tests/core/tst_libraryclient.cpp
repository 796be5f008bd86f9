#include "analysis/tracestats.h"
#include "io/logloader.h"
#include "library/libraryclient.h"
#include "library/runlibrary.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

namespace {

// 100 W every 6 s for 36 s: 100 W × 36 s = 3600 J = 1 Wh.
const QByteArray kOneWh = "time_s,power_w\n0,100\n6,100\n12,100\n18,100\n24,100\n30,100\n36,100\n";
// 250 W every 12 s for 72 s: 250 W × 72 s = 18000 J = 5 Wh.
const QByteArray kFiveWh = "time_s,power_w\n0,250\n12,250\n24,250\n36,250\n48,250\n60,250\n72,250\n";

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

} // namespace

class TestLibraryClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void importsAndLists();
    void reopenedFileIsTheSameRun();
    void renamePersists();
    void deleteRemoves();
    void scenarioRoundTrip();
    void loadsRun();
    void callsReturnWhileTheLibraryIsLocked();
    void unusableLibraryAnswersWithReasons_data();
    void unusableLibraryAnswersWithReasons();
    void pendingSaveSurvivesShutdown();

private:
    // Opens a fresh library in m_dir with both files imported; their ids in m_one and m_five.
    void openWithTwoRuns(LibraryClient &client);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_libraryPath;
    qint64 m_one = 0;
    qint64 m_five = 0;
};

void TestLibraryClient::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_libraryPath = m_dir->filePath(QStringLiteral("library.sqlite"));
}

void TestLibraryClient::openWithTwoRuns(LibraryClient &client)
{
    QSignalSpy opened(&client, &LibraryClient::opened);
    QSignalSpy imported(&client, &LibraryClient::imported);
    client.open(m_libraryPath);
    client.importFile(writeFile(*m_dir, QStringLiteral("one-wh.csv"), kOneWh));
    client.importFile(writeFile(*m_dir, QStringLiteral("five-wh.csv"), kFiveWh));
    QTRY_COMPARE(imported.count(), 2);
    QCOMPARE(opened.count(), 1);
    m_one = imported.at(0).at(1).toLongLong();
    m_five = imported.at(1).at(1).toLongLong();
    QVERIFY(m_one > 0 && m_five > m_one);
    QCOMPARE(imported.at(0).at(2).toBool(), false);
}

void TestLibraryClient::importsAndLists()
{
    LibraryClient client;
    openWithTwoRuns(client);
    QSignalSpy listed(&client, &LibraryClient::runsListed);
    client.listRuns();
    QTRY_COMPARE(listed.count(), 1);
    const auto runs = listed.first().first().value<QList<RunInfo>>();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].name, QStringLiteral("one-wh.csv"));
    QCOMPARE(runs[0].formatId, QStringLiteral("csv"));
    QCOMPARE(runs[0].status, RunStatus::Complete);
    QCOMPARE(*runs[0].durationS, 36.0);
    QCOMPARE(*runs[0].energyWh, 1.0);
    QCOMPARE(runs[1].name, QStringLiteral("five-wh.csv"));
    QCOMPARE(*runs[1].durationS, 72.0);
    QCOMPARE(*runs[1].energyWh, 5.0);
}

void TestLibraryClient::reopenedFileIsTheSameRun()
{
    LibraryClient client;
    openWithTwoRuns(client);
    QSignalSpy imported(&client, &LibraryClient::imported);
    // A log the dashboard loaded already: stored without parsing again, once per content.
    const QString copy = writeFile(*m_dir, QStringLiteral("copy-of-one.csv"), kOneWh);
    auto log = std::make_shared<const LoadedLog>(LogLoader::loadFile(copy));
    QVERIFY(log->ok());
    client.importLog(log, QStringLiteral("copy"));
    const QString third = writeFile(*m_dir, QStringLiteral("third.csv"), "time_s,power_w\n0,1\n1,1\n");
    client.importLog(std::make_shared<const LoadedLog>(LogLoader::loadFile(third)), QStringLiteral("Third run"));
    QTRY_COMPARE(imported.count(), 2);
    QCOMPARE(imported.at(0).at(0).toString(), copy);
    QCOMPARE(imported.at(0).at(1).toLongLong(), m_one); // same bytes as one-wh.csv
    QCOMPARE(imported.at(0).at(2).toBool(), true);
    QCOMPARE(imported.at(1).at(2).toBool(), false);
    RunLibrary library;
    QVERIFY(library.open(m_libraryPath));
    QCOMPARE(library.runs().size(), 3);
    QCOMPARE(library.run(imported.at(1).at(1).toLongLong())->name, QStringLiteral("Third run"));
}

void TestLibraryClient::renamePersists()
{
    {
        LibraryClient client;
        openWithTwoRuns(client);
        QSignalSpy renamed(&client, &LibraryClient::runRenamed);
        client.renameRun(m_five, QStringLiteral("ResNet50, batch 64"));
        QTRY_COMPARE(renamed.count(), 1);
        QCOMPARE(renamed.first().at(0).toLongLong(), m_five);
        QSignalSpy failed(&client, &LibraryClient::failed);
        client.renameRun(999, QStringLiteral("nothing"));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no run 999")), qPrintable(failed.first().first().toString()));
    }
    RunLibrary library;
    QVERIFY(library.open(m_libraryPath));
    QCOMPARE(library.run(m_five)->name, QStringLiteral("ResNet50, batch 64"));
    QCOMPARE(library.run(m_one)->name, QStringLiteral("one-wh.csv"));
}

void TestLibraryClient::deleteRemoves()
{
    {
        LibraryClient client;
        openWithTwoRuns(client);
        client.saveScenario(m_one, ScenarioInputs{});
        QSignalSpy deleted(&client, &LibraryClient::runDeleted);
        client.deleteRun(m_one);
        QTRY_COMPARE(deleted.count(), 1);
        QSignalSpy listed(&client, &LibraryClient::runsListed);
        client.listRuns();
        QTRY_COMPARE(listed.count(), 1);
        const auto runs = listed.first().first().value<QList<RunInfo>>();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().id, m_five);
        // A failed request before it does not make an empty library look broken.
        QSignalSpy failed(&client, &LibraryClient::failed);
        client.deleteRun(m_one);
        client.deleteRun(m_five);
        client.listRuns();
        QTRY_COMPARE(listed.count(), 2);
        QCOMPARE(failed.count(), 1); // deleting m_one again: there is no such run
        QVERIFY(listed.last().first().value<QList<RunInfo>>().isEmpty());
    }
    RunLibrary library;
    QVERIFY(library.open(m_libraryPath));
    QVERIFY(!library.run(m_one));
    QVERIFY(library.scenarios(m_one).isEmpty()); // its scenario went with it
    QVERIFY(library.runs().isEmpty());
}

void TestLibraryClient::scenarioRoundTrip()
{
    LibraryClient client;
    openWithTwoRuns(client);
    QSignalSpy loaded(&client, &LibraryClient::scenarioLoaded);
    QSignalSpy saved(&client, &LibraryClient::scenarioSaved);
    client.loadScenario(m_one);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(loaded.first().at(1).toBool(), false); // nothing saved yet

    ScenarioInputs inputs;
    inputs.meanPowerW = 42.123456789;
    inputs.runtimeMin = 1.0 / 3.0; // not a short decimal: the round trip must be exact
    inputs.runsPerWeek = 3;
    inputs.pue = 1.58;
    inputs.gridGPerKWh = 56.7;
    inputs.gridSource = QStringLiteral("typed in: my utility's 2025 bill");
    inputs.gridRegion.clear();
    inputs.gridBasis = QStringLiteral("lifecycle");
    inputs.gridYear = 2025;
    inputs.carGPerMile = 250.5;
    inputs.phoneSource = QStringLiteral("my own meter");
    client.saveScenario(m_one, inputs);
    inputs.runsPerWeek = 2; // saved again: replaces the first, not a second scenario
    client.saveScenario(m_one, inputs);
    client.loadScenario(m_one);
    client.loadScenario(m_five);
    QTRY_COMPARE(loaded.count(), 3);
    QCOMPARE(saved.count(), 2);
    QCOMPARE(saved.at(0).at(1).toLongLong(), saved.at(1).at(1).toLongLong());
    QCOMPARE(loaded.at(1).at(0).toLongLong(), m_one);
    QCOMPARE(loaded.at(1).at(1).toBool(), true);
    QVERIFY(loaded.at(1).at(2).value<ScenarioInputs>() == inputs);
    QCOMPARE(loaded.at(1).at(2).value<ScenarioInputs>().runtimeMin, 1.0 / 3.0);
    QCOMPARE(loaded.at(2).at(1).toBool(), false); // the other run has none

    RunLibrary library;
    QVERIFY(library.open(m_libraryPath));
    const QList<SavedScenario> stored = library.scenarios(m_one);
    QCOMPARE(stored.size(), 1);
    QVERIFY(stored.first().inputs == inputs);
}

void TestLibraryClient::loadsRun()
{
    LibraryClient client;
    openWithTwoRuns(client);
    QSignalSpy loaded(&client, &LibraryClient::runLoaded);
    client.loadRun(m_five);
    QTRY_COMPARE(loaded.count(), 1);
    const auto log = loaded.first().at(1).value<std::shared_ptr<const LoadedLog>>();
    QVERIFY2(log && log->ok(), log ? qPrintable(log->error) : "no log");
    QCOMPARE(log->path, QStringLiteral("run:%1").arg(m_five));
    QCOMPARE(log->trace.size(), qsizetype(7));
    QCOMPARE(*analyzeTrace(log->trace).total.energyWh, 5.0);
}

// Another program holds the write lock: the calls still return at once, and the answer (a
// "busy" failure after the timeout) arrives later as a signal.
void TestLibraryClient::callsReturnWhileTheLibraryIsLocked()
{
    LibraryClient client;
    openWithTwoRuns(client);
    LibraryOptions options;
    options.busyTimeoutMs = 700;
    client.open(m_libraryPath, options);

    LibraryConnection other;
    QVERIFY(other.open(m_libraryPath));
    QSqlQuery lock(other.db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

    QSignalSpy failed(&client, &LibraryClient::failed);
    QSignalSpy renamed(&client, &LibraryClient::runRenamed);
    QElapsedTimer timer;
    timer.start();
    client.renameRun(m_one, QStringLiteral("blocked"));
    client.saveScenario(m_one, ScenarioInputs{});
    client.deleteRun(m_five);
    client.listRuns();
    // Four requests, each waiting up to 0.7 s on the lock on the worker: queued in far less.
    QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 10000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("busy")) || message.contains(QStringLiteral("locked")), qPrintable(message));

    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    client.renameRun(m_one, QStringLiteral("after the lock"));
    QTRY_VERIFY_WITH_TIMEOUT(!renamed.isEmpty() && renamed.last().at(1).toString() == QStringLiteral("after the lock"), 10000);
}

void TestLibraryClient::unusableLibraryAnswersWithReasons_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not a database") << QByteArray("these are not the runs you are looking for\n") << QStringLiteral("not a Nightwatt run library");
    QTest::newRow("truncated header") << QByteArray("SQLite format 3") << QStringLiteral("not a Nightwatt run library");
}

void TestLibraryClient::unusableLibraryAnswersWithReasons()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString path = writeFile(*m_dir, QStringLiteral("broken.sqlite"), bytes);
    LibraryClient client;
    QSignalSpy unavailable(&client, &LibraryClient::unavailable);
    QSignalSpy failed(&client, &LibraryClient::failed);
    client.open(path);
    client.listRuns();
    client.saveScenario(1, ScenarioInputs{});
    QTRY_COMPARE(failed.count(), 2);
    QCOMPARE(unavailable.count(), 1);
    QCOMPARE(unavailable.first().at(0).toString(), path);
    QVERIFY2(unavailable.first().at(1).toString().contains(reason), qPrintable(unavailable.first().at(1).toString()));
    QVERIFY2(failed.at(0).at(0).toString().startsWith(QStringLiteral("listing the runs: ")), qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(failed.at(0).at(0).toString().contains(reason));
    // Refused without a byte written.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
}

// Closing the window right after an edit: the queued save is written before the thread stops.
void TestLibraryClient::pendingSaveSurvivesShutdown()
{
    ScenarioInputs inputs;
    inputs.runsPerWeek = 7;
    {
        LibraryClient client;
        openWithTwoRuns(client);
        client.saveScenario(m_five, inputs);
    }
    RunLibrary library;
    QVERIFY(library.open(m_libraryPath));
    QCOMPARE(library.scenarios(m_five).size(), 1);
    QCOMPARE(library.scenarios(m_five).first().inputs.runsPerWeek, 7.0);
}

QTEST_GUILESS_MAIN(TestLibraryClient)
#include "tst_libraryclient.moc"
