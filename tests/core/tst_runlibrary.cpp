#include "io/logloader.h"
#include "library/chunkcodec.h"
#include "library/libraryschema.h"
#include "library/runlibrary.h"
#include "scenario/scenariojson.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <cstring>
#include <limits>

using namespace nightwatt;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template<typename T>
bool sameBits(std::span<const T> a, std::span<const T> b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
}

// Every sample, channel, timing, clock, issue, metadata entry and marker, bit for bit (NaN included).
void compareLogs(const LoadedLog &stored, const LoadedLog &original)
{
    QCOMPARE(stored.formatId, original.formatId);
    QCOMPARE(stored.trace.timing(), original.trace.timing());
    QCOMPARE(stored.trace.clockAtZero(), original.trace.clockAtZero());
    if (original.trace.clockAtZero().isValid())
        QCOMPARE(stored.trace.clockAtZero().offsetFromUtc(), original.trace.clockAtZero().offsetFromUtc());
    QCOMPARE(stored.trace.channelCount(), original.trace.channelCount());
    for (int c = 0; c < original.trace.channelCount(); ++c) {
        QCOMPARE(stored.trace.channel(c).id, original.trace.channel(c).id);
        QCOMPARE(stored.trace.channel(c).label, original.trace.channel(c).label);
        QCOMPARE(stored.trace.channel(c).role, original.trace.channel(c).role);
        QVERIFY2(sameBits(stored.trace.values(c), original.trace.values(c)), qPrintable(original.trace.channel(c).id));
    }
    QCOMPARE(stored.trace.size(), original.trace.size());
    QVERIFY(sameBits(stored.trace.times(), original.trace.times()));
    QCOMPARE(stored.trace.hasWindows(), original.trace.hasWindows());
    std::vector<float> storedWindows(size_t(stored.trace.size())), originalWindows(size_t(original.trace.size()));
    stored.trace.copyWindows(0, storedWindows);
    original.trace.copyWindows(0, originalWindows);
    QVERIFY(sameBits(std::span<const float>(storedWindows), std::span<const float>(originalWindows)));
    QCOMPARE(stored.issueCount, original.issueCount);
    QCOMPARE(stored.issues.size(), original.issues.size());
    for (qsizetype i = 0; i < original.issues.size(); ++i) {
        QCOMPARE(stored.issues[i].line, original.issues[i].line);
        QCOMPARE(stored.issues[i].message, original.issues[i].message);
    }
    QCOMPARE(stored.metadata, original.metadata);
    QCOMPARE(stored.trace.markers(), original.trace.markers());
}

// A trace built by hand: `samples` instants of two channels (the second missing every 7th
// sample), optionally windowed, with a clock two hours east of UTC.
LoadedLog syntheticLog(qsizetype samples, TimingKind timing)
{
    LoadedLog log;
    log.path = QStringLiteral("synthetic.log");
    log.formatId = QStringLiteral("synthetic");
    log.trace.setTiming(timing);
    log.trace.setClockAtZero(QDateTime(QDate(2026, 3, 2), QTime(22, 42, 7, 250), Qt::OffsetFromUTC, 2 * 3600));
    log.trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    log.trace.ensureChannel({QStringLiteral("package"), QStringLiteral("Package (reported)"), ChannelRole::ReportedTotal});
    log.trace.reserve(samples);
    for (qsizetype i = 0; i < samples; ++i) {
        const float values[] = {float(5.0 + 0.001 * double(i % 1000)), i % 7 == 0 ? kMissing : float(i) * 0.25f};
        log.trace.append(0.1 * double(i), 0.1f, values);
    }
    log.issues = {{3, QStringLiteral("power figure is not a number: \"n/a\"")}, {0, QStringLiteral("the log ends mid-sample")}};
    log.issueCount = 5;
    log.metadata.insert(QStringLiteral("machine"), QStringLiteral("Mac16,1"));
    // A phase of every kind, an instant, and times that are not round in binary.
    log.trace.addMarker({MarkerKind::Run, QStringLiteral("run"), 0.1, 0.1 * double(samples)});
    log.trace.addMarker({MarkerKind::Init, QStringLiteral("init"), 0.1, 0.3});
    log.trace.addMarker({MarkerKind::Epoch, QStringLiteral("epoch 1"), 0.3, 1.0 / 3.0 + 7.0});
    log.trace.addMarker({MarkerKind::Block, QStringLiteral("block 1"), 0.3, 7.0});
    log.trace.addMarker({MarkerKind::Eval, QStringLiteral("eval 1"), 7.0, 7.25});
    log.trace.addMarker({MarkerKind::Marker, QStringLiteral("checkpoint saved"), 2.0 / 3.0, std::nullopt});
    return log;
}

// The tables of version 1 as it wrote them, so a test fails if a migration changes them.
QStringList version1Schema()
{
    return {
        QStringLiteral("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, kind TEXT NOT NULL,"
                       " status TEXT NOT NULL, created TEXT NOT NULL, source_path TEXT, content_sha256 TEXT,"
                       " format_id TEXT NOT NULL, timing INTEGER NOT NULL, clock_at_zero TEXT,"
                       " sample_count INTEGER NOT NULL DEFAULT 0, duration_s REAL, issue_count INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX runs_by_hash ON runs(content_sha256)"),
        QStringLiteral("CREATE TABLE run_channels (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL, channel_id TEXT NOT NULL, label TEXT NOT NULL, role INTEGER NOT NULL,"
                       " PRIMARY KEY (run_id, position))"),
        QStringLiteral("CREATE TABLE run_chunks (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " seq INTEGER NOT NULL, first_sample INTEGER NOT NULL, sample_count INTEGER NOT NULL,"
                       " data BLOB NOT NULL, PRIMARY KEY (run_id, seq))"),
        QStringLiteral("CREATE TABLE run_issues (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " seq INTEGER NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, PRIMARY KEY (run_id, seq))"),
        QStringLiteral("CREATE TABLE run_metadata (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))"),
    };
}

// What versions 2 and 3 changed, as they did it.
QStringList version3Schema()
{
    return version1Schema() + QStringList{
        QStringLiteral("ALTER TABLE runs ADD COLUMN energy_wh REAL"),
        QStringLiteral("CREATE TABLE scenarios (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
                       " run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE, created TEXT NOT NULL,"
                       " modified TEXT NOT NULL, inputs TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX scenarios_by_run ON scenarios(run_id)"),
        QStringLiteral("DROP INDEX runs_by_hash"),
        QStringLiteral("CREATE UNIQUE INDEX runs_by_content ON runs(content_sha256)"),
    };
}

// Writes a library file as an older Nightwatt left it: `statements`, then for each of `runs` one
// chunk of points at 0, 1, 2 s reading 10, 20, 30 W. Returns what failed, or empty.
QString writeOldLibrary(const QString &path, const QStringList &statements, const QList<int> &runs)
{
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        for (const auto &sql : statements) {
            if (error.isEmpty() && !q.exec(sql))
                error = q.lastError().text() + u' ' + sql;
        }
        const double times[] = {0, 1, 2};
        const float watts[] = {10, 20, 30};
        ChunkView chunk;
        chunk.times = times;
        chunk.values.emplace_back(watts);
        for (const int run : runs) {
            q.prepare(QStringLiteral("INSERT INTO run_chunks VALUES (?, 0, 0, 3, ?)"));
            q.addBindValue(run);
            q.addBindValue(encodeChunk(chunk, true));
            if (error.isEmpty() && !q.exec())
                error = q.lastError().text();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    return error;
}

} // namespace

class TestRunLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void roundTripFiles_data();
    void roundTripFiles();
    void roundTripSynthetic_data();
    void roundTripSynthetic();
    void listsRunsWithFigures();
    void sameFileIsStoredOnce();
    void renameAndDelete();
    void scenarioRoundTrip();
    void scenarioJsonKeepsDefaultsForMissingKeys();
    void migratesFromVersion1();
    void migratesFromVersion2KeepingOneRunPerContent();
    void migratesFromVersion3GainingAnEmptyMarkersTable();
    void damagedSampleCountIsReported_data();
    void damagedSampleCountIsReported();
    void refusesCorruptFile_data();
    void refusesCorruptFile();
    void refusesNewerVersion();
    void refusesForeignDatabase();
    void reportsBusyLibrary();
    void largeRunStaysSmallAndLoadsFast();
    void smoothRunIsCompressed();

private:
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRunLibrary::roundTripFiles_data()
{
    QTest::addColumn<QString>("file");
    const QString data = QStringLiteral(NIGHTWATT_TEST_DATA);
    for (const char *name : {"powermetrics-m1-macbookair10_1-codecarbon.txt", "powermetrics-m1max-macos13beta-sspdd.txt",
                             "powermetrics-m2pro-mac14_10-macos26-gpu_power-EXCERPT-beszel.txt",
                             "powermetrics-m4-mac16_6-macos15-binsquare.txt"})
        QTest::newRow(name) << data + u'/' + QString::fromLatin1(name);
    QTest::newRow("bundled sample run (16k lines)") << QStringLiteral(NIGHTWATT_TEST_DATA "/../../resources/sample/sample-run.txt");
}

void TestRunLibrary::roundTripFiles()
{
    QFETCH(QString, file);
    const LoadedLog original = LogLoader::loadFile(file);
    QVERIFY2(original.ok(), qPrintable(original.error));
    RunLibrary library;
    QVERIFY2(library.open(libraryPath()), qPrintable(library.errorString()));
    const ImportResult imported = library.importFile(file);
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QVERIFY(!imported.alreadyPresent);

    RunLibrary reopened; // a second connection reads what the first committed
    QVERIFY(reopened.open(libraryPath()));
    const LoadedLog stored = reopened.loadRun(imported.runId);
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    QCOMPARE(stored.path, QStringLiteral("run:%1").arg(imported.runId));
    compareLogs(stored, original);
    const auto info = reopened.run(imported.runId);
    QVERIFY(info);
    QCOMPARE(info->contentSha256, QString::fromLatin1(QCryptographicHash::hash(readAll(file), QCryptographicHash::Sha256).toHex()));
    QCOMPARE(info->sourcePath, QFileInfo(file).absoluteFilePath());
    QCOMPARE(info->name, QFileInfo(file).fileName());
}

void TestRunLibrary::roundTripSynthetic_data()
{
    QTest::addColumn<qsizetype>("samples");
    QTest::addColumn<TimingKind>("timing");
    QTest::newRow("one sample, points") << qsizetype(1) << TimingKind::Points;
    QTest::newRow("no timing") << qsizetype(10) << TimingKind::None;
    // 65536 per chunk: one full chunk and one of a single sample.
    QTest::newRow("chunk boundary + 1, windowed") << qsizetype(65537) << TimingKind::Windowed;
    QTest::newRow("three chunks, points") << qsizetype(150000) << TimingKind::Points;
}

void TestRunLibrary::roundTripSynthetic()
{
    QFETCH(qsizetype, samples);
    QFETCH(TimingKind, timing);
    const LoadedLog original = syntheticLog(samples, timing);
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto id = library.importLog(original, {});
    QVERIFY2(id, qPrintable(library.errorString()));
    const LoadedLog stored = library.loadRun(*id);
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    compareLogs(stored, original);
    QCOMPARE(library.run(*id)->name, QStringLiteral("synthetic.log"));
    QCOMPARE(library.run(*id)->issueCount, 5);
}

void TestRunLibrary::listsRunsWithFigures()
{
    // 10 W on one channel for 36 samples of 1 s windows = 360 J = 0.1 Wh over 36 s.
    LoadedLog log;
    log.path = QStringLiteral("/tmp/constant.txt");
    log.formatId = QStringLiteral("powermetrics-text");
    log.trace.setTiming(TimingKind::Windowed);
    log.trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    for (int i = 0; i < 36; ++i) {
        const float value[] = {10.0f};
        log.trace.append(i, 1.0f, value);
    }
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const auto id = library.importLog(log, QStringLiteral("ab"), QStringLiteral("Constant ten watts"));
    QVERIFY(id);
    const QList<RunInfo> runs = library.runs();
    QCOMPARE(runs.size(), 1);
    const RunInfo &run = runs.first();
    QCOMPARE(run.id, *id);
    QCOMPARE(run.name, QStringLiteral("Constant ten watts"));
    QCOMPARE(run.formatId, QStringLiteral("powermetrics-text"));
    QCOMPARE(run.kind, RunKind::Imported);
    QCOMPARE(run.status, RunStatus::Complete);
    QCOMPARE(run.samples, 36);
    QVERIFY(run.durationS);
    QCOMPARE(*run.durationS, 36.0);
    QVERIFY(run.energyWh);
    QCOMPARE(qRound(*run.energyWh * 1e6), 100000); // 10 W × 36 s / 3600 = 0.1 Wh
    QVERIFY(run.created >= before && run.created <= QDateTime::currentDateTimeUtc());
}

void TestRunLibrary::sameFileIsStoredOnce()
{
    const QString file = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const ImportResult first = library.importFile(file);
    QVERIFY(first.ok());
    const ImportResult second = library.importFile(file);
    QCOMPARE(second.runId, first.runId);
    QVERIFY(second.alreadyPresent);
    QCOMPARE(library.runs().size(), 1);

    const ImportResult missing = library.importFile(m_dir->filePath(QStringLiteral("nope.txt")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error, QStringLiteral("no such file"));
}

void TestRunLibrary::renameAndDelete()
{
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto a = library.importLog(syntheticLog(100, TimingKind::Points), {});
    const auto b = library.importLog(syntheticLog(200, TimingKind::Points), {});
    QVERIFY(a && b);
    QVERIFY(library.saveScenario(QStringLiteral("nightly"), *a, ScenarioInputs{}));
    QVERIFY(library.renameRun(*a, QStringLiteral("ResNet50 overnight")));
    QCOMPARE(library.run(*a)->name, QStringLiteral("ResNet50 overnight"));
    QVERIFY(!library.renameRun(9999, QStringLiteral("x")));

    QVERIFY(library.deleteRun(*a));
    QVERIFY(!library.run(*a));
    QCOMPARE(library.runs().size(), 1);
    QVERIFY(library.scenarios(*a).isEmpty()); // scenarios go with their run
    QVERIFY(!library.loadRun(*a).ok());
    QCOMPARE(library.loadRun(*b).trace.size(), 200);
    // Chunks went too: nothing is left behind for the deleted run.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM run_chunks WHERE run_id = %1").arg(*a)) && count.next());
        QCOMPARE(count.value(0).toInt(), 0);
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM run_chunks WHERE run_id = %1").arg(*b)) && count.next());
        QCOMPARE(count.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

void TestRunLibrary::scenarioRoundTrip()
{
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto run = library.importLog(syntheticLog(10, TimingKind::Points), {});
    QVERIFY(run);
    ScenarioInputs inputs;
    inputs.meanPowerW = 0.1 + 0.2; // not exactly 0.3: the stored text must keep every bit
    inputs.runtimeMin = 1.0 / 3.0;
    inputs.runsPerWeek = 3;
    inputs.weeksPerYear = 48.5;
    inputs.pue = 1.58;
    inputs.batteryWh = 99.6;
    inputs.batteryDailyFraction = 0.123456789012345678;
    inputs.daysPerYear = 250;
    inputs.gridGPerKWh = 1e-300;
    inputs.gridSource = QStringLiteral("typed: \"my utility\", 2025 — ünïcode");
    inputs.gasolineGPerGallon = 8887.000000000002;

    const auto tied = library.saveScenario(QStringLiteral("three nights"), *run, inputs);
    const auto typed = library.saveScenario(QStringLiteral("typed 17 W"), std::nullopt, ScenarioInputs{});
    QVERIFY(tied && typed);

    RunLibrary reopened;
    QVERIFY(reopened.open(libraryPath()));
    const auto back = reopened.scenario(*tied);
    QVERIFY(back);
    QCOMPARE(back->name, QStringLiteral("three nights"));
    QCOMPARE(back->runId, run);
    QVERIFY(back->inputs == inputs);
    QCOMPARE(reopened.scenarios(*run).size(), 1);
    const QList<SavedScenario> typedOnes = reopened.scenarios(std::nullopt);
    QCOMPARE(typedOnes.size(), 1);
    QCOMPARE(typedOnes.first().id, *typed);
    QVERIFY(typedOnes.first().inputs == ScenarioInputs{});

    inputs.runsPerWeek = 7;
    QVERIFY(reopened.updateScenario(*tied, QStringLiteral("every night"), inputs));
    QVERIFY(reopened.scenario(*tied)->inputs == inputs);
    QCOMPARE(reopened.scenario(*tied)->name, QStringLiteral("every night"));
    QVERIFY(!reopened.updateScenario(999, QStringLiteral("x"), inputs));
    QVERIFY(reopened.deleteScenario(*typed));
    QVERIFY(reopened.scenarios(std::nullopt).isEmpty());
}

void TestRunLibrary::scenarioJsonKeepsDefaultsForMissingKeys()
{
    QString error;
    const auto fromOld = scenarioInputsFromJson(QJsonObject{{QStringLiteral("mean_power_w"), 20.0}}, &error);
    QVERIFY(fromOld);
    ScenarioInputs expected;
    expected.meanPowerW = 20.0;
    QVERIFY(*fromOld == expected);
    QVERIFY(!scenarioInputsFromJson(QJsonObject{{QStringLiteral("pue"), QStringLiteral("high")}}, &error));
    QCOMPARE(error, QStringLiteral("scenario value \"pue\" is not a number"));
}

// The version 1 schema, written out here as it was, so the test fails if migration 1 changes.
void TestRunLibrary::migratesFromVersion1()
{
    const QStringList schema = version1Schema() + QStringList{
        QStringLiteral("INSERT INTO runs (id, name, kind, status, created, format_id, timing, sample_count, duration_s)"
                       " VALUES (7, 'old run', 'imported', 'complete', '2026-01-05T10:00:00.000Z', 'powermetrics-text', 2, 3, 2)"),
        QStringLiteral("INSERT INTO run_channels VALUES (7, 0, 'cpu', 'CPU', 0)"),
        QStringLiteral("PRAGMA user_version = 1"),
    };
    const QString error = writeOldLibrary(libraryPath(), schema, {7});
    QVERIFY2(error.isEmpty(), qPrintable(error));

    RunLibrary library;
    QVERIFY2(library.open(libraryPath()), qPrintable(library.errorString()));
    const auto run = library.run(7);
    QVERIFY(run);
    QCOMPARE(run->name, QStringLiteral("old run"));
    QCOMPARE(run->samples, 3);
    // Version 2 computed the energy of the old run: trapezoids (10+20)/2 × 1 s + (20+30)/2 × 1 s
    // = 40 J = 40/3600 Wh.
    QVERIFY(run->energyWh);
    QCOMPARE(qRound(*run->energyWh * 1e9), qRound(40.0 / 3600.0 * 1e9));
    const LoadedLog log = library.loadRun(7);
    QVERIFY(log.ok());
    QCOMPARE(log.trace.value(0, 2), 30.0f);
    // Version 2's table works, and the file now says version 2.
    QVERIFY(library.saveScenario(QStringLiteral("after upgrade"), 7, ScenarioInputs{}));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), LibrarySchema::kCurrentVersion);
        QCOMPARE(LibrarySchema::kCurrentVersion, 4);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

// Version 2 let two programs importing at the same time store the same bytes twice. Version 3
// keeps the oldest copy of each (with the scenarios saved on the others) and every other run.
void TestRunLibrary::migratesFromVersion2KeepingOneRunPerContent()
{
    const QString fileA = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
    const QString fileB = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m4-mac16_6-macos15-binsquare.txt");
    qint64 runA = 0;
    qint64 runB = 0;
    qint64 capture = 0;
    {
        RunLibrary library;
        QVERIFY(library.open(libraryPath()));
        runA = library.importFile(fileA).runId;
        runB = library.importFile(fileB).runId;
        capture = library.importLog(syntheticLog(100, TimingKind::Points), {}).value_or(0); // no hash, like a capture
        QVERIFY(runA > 0 && runB > 0 && capture > 0);
    }
    // Back to version 2 as it was (a plain index on the hash), with a second and a third copy of
    // A and a second of B, as concurrent imports left them; a scenario was saved on A's copy.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        const QString copyRun = QStringLiteral(
            "INSERT INTO runs (id, name, kind, status, created, source_path, content_sha256, format_id, timing, clock_at_zero,"
            " sample_count, duration_s, energy_wh, issue_count) SELECT %2, name, kind, status, created, source_path,"
            " content_sha256, format_id, timing, clock_at_zero, sample_count, duration_s, energy_wh, issue_count"
            " FROM runs WHERE id = %1");
        QStringList statements = {QStringLiteral("DROP INDEX runs_by_content"),
                                  QStringLiteral("CREATE INDEX runs_by_hash ON runs(content_sha256)"),
                                  QStringLiteral("PRAGMA user_version = 2")};
        for (const auto &[original, copy] : {std::pair{runA, 10}, std::pair{runB, 11}, std::pair{runA, 12}}) {
            statements << copyRun.arg(original).arg(copy)
                       << QStringLiteral("INSERT INTO run_chunks SELECT %2, seq, first_sample, sample_count, data FROM run_chunks WHERE run_id = %1")
                              .arg(original)
                              .arg(copy)
                       << QStringLiteral("INSERT INTO run_channels SELECT %2, position, channel_id, label, role FROM run_channels WHERE run_id = %1")
                              .arg(original)
                              .arg(copy);
        }
        statements << QStringLiteral("INSERT INTO scenarios (name, run_id, created, modified, inputs)"
                                     " VALUES ('on the copy', 12, '2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z', '{}')");
        for (const auto &sql : statements)
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + u' ' + sql));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM runs")) && q.next());
        QCOMPARE(q.value(0).toInt(), 6);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2"));

    RunLibrary library;
    QVERIFY2(library.open(libraryPath()), qPrintable(library.errorString()));
    QList<qint64> ids;
    for (const RunInfo &run : library.runs())
        ids.append(run.id);
    QCOMPARE(ids, (QList<qint64>{runA, runB, capture}));
    for (const qint64 id : ids)
        QVERIFY(library.loadRun(id).ok());
    const QList<SavedScenario> moved = library.scenarios(runA);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.first().name, QStringLiteral("on the copy"));
    const ImportResult again = library.importFile(fileA);
    QCOMPARE(again.runId, runA);
    QVERIFY(again.alreadyPresent);
    // The library itself now refuses a second run with the same bytes.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v3"));
    db.setDatabaseName(libraryPath());
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO runs (name, kind, status, created, content_sha256, format_id, timing)"
                                       " SELECT 'copy', kind, status, created, content_sha256, format_id, timing FROM runs WHERE id = %1")
                            .arg(runA)));
        QVERIFY2(q.lastError().text().contains(QStringLiteral("UNIQUE")), qPrintable(q.lastError().text()));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("v3"));
}

// A library as versions 1 to 3 made it (written out here): every run, sample, issue, metadata entry and
// scenario stays, and the library gains an empty markers table that takes new runs' markers.
void TestRunLibrary::migratesFromVersion3GainingAnEmptyMarkersTable()
{
    const QStringList schema = version3Schema() + QStringList{
        QStringLiteral("INSERT INTO runs (id, name, kind, status, created, content_sha256, format_id, timing, sample_count,"
                       " duration_s, issue_count, energy_wh) VALUES (4, 'imported run', 'imported', 'complete',"
                       " '2026-06-01T10:00:00.000Z', 'abc123', 'powermetrics-text', 2, 3, 2, 1, 0.0111)"),
        QStringLiteral("INSERT INTO runs (id, name, kind, status, created, format_id, timing, sample_count, duration_s,"
                       " energy_wh) VALUES (9, 'captured run', 'captured', 'interrupted', '2026-06-02T10:00:00.000Z',"
                       " 'nvidia-smi-csv', 2, 3, 2, 0.0111)"),
        QStringLiteral("INSERT INTO run_channels VALUES (4, 0, 'cpu', 'CPU', 0)"),
        QStringLiteral("INSERT INTO run_channels VALUES (9, 0, 'gpu0', 'GPU 0', 0)"),
        QStringLiteral("INSERT INTO run_issues VALUES (4, 0, 12, 'power figure is not a number')"),
        QStringLiteral("INSERT INTO run_metadata VALUES (4, 'machine', 'Mac16,1')"),
        QStringLiteral("INSERT INTO scenarios (name, run_id, created, modified, inputs)"
                       " VALUES ('on the run', 4, '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z', '{}')"),
        QStringLiteral("INSERT INTO scenarios (name, run_id, created, modified, inputs)"
                       " VALUES ('typed power', NULL, '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z', '{}')"),
        QStringLiteral("PRAGMA user_version = 3"),
    };
    const QString error = writeOldLibrary(libraryPath(), schema, {4, 9});
    QVERIFY2(error.isEmpty(), qPrintable(error));

    {
        RunLibrary library;
        QVERIFY2(library.open(libraryPath()), qPrintable(library.errorString()));
        QList<qint64> ids;
        for (const RunInfo &run : library.runs())
            ids.append(run.id);
        QCOMPARE(ids, (QList<qint64>{4, 9}));
        QCOMPARE(library.run(9)->status, RunStatus::Interrupted);
        for (const qint64 id : ids) {
            const LoadedLog log = library.loadRun(id);
            QVERIFY2(log.ok(), qPrintable(log.error));
            QCOMPARE(log.trace.size(), 3);
            QCOMPARE(log.trace.value(0, 2), 30.0f);
            QVERIFY(log.trace.markers().isEmpty());
        }
        const LoadedLog imported = library.loadRun(4);
        QCOMPARE(imported.issues.size(), 1);
        QCOMPARE(imported.issues.first().message, QStringLiteral("power figure is not a number"));
        QCOMPARE(imported.metadata.value(QStringLiteral("machine")), QStringLiteral("Mac16,1"));
        QCOMPARE(library.scenarios(4).size(), 1);
        QCOMPARE(library.scenarios(std::nullopt).size(), 1);
        QVERIFY(library.findByContent(QStringLiteral("abc123")));

        // The new table takes the markers of a new run; deleting the run takes them along.
        const LoadedLog marked = syntheticLog(100, TimingKind::Points);
        const auto id = library.importLog(marked, {});
        QVERIFY2(id, qPrintable(library.errorString()));
        QCOMPARE(library.loadRun(*id).trace.markers(), marked.trace.markers());
        QVERIFY(library.deleteRun(*id));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM run_markers")) && q.next(), qPrintable(q.lastError().text()));
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

void TestRunLibrary::damagedSampleCountIsReported_data()
{
    QTest::addColumn<qint64>("sampleCount");
    QTest::newRow("negative") << qint64(-1);
    QTest::newRow("more than the file holds") << (qint64(1) << 40);
    QTest::newRow("largest") << std::numeric_limits<qint64>::max();
    QTest::newRow("one more than the chunk holds") << qint64(1001);
}

// A chunk row's sample count is a claim about its blob: one that does not fit is damage, said as
// such, never memory reserved for it.
void TestRunLibrary::damagedSampleCountIsReported()
{
    QFETCH(qint64, sampleCount);
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto id = library.importLog(syntheticLog(1000, TimingKind::Windowed), {});
    QVERIFY(id);
    QVERIFY(library.loadRun(*id).ok());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE run_chunks SET sample_count = ? WHERE run_id = ?"));
        q.addBindValue(sampleCount);
        q.addBindValue(*id);
        QVERIFY2(q.exec() && q.numRowsAffected() == 1, qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    const LoadedLog log = library.loadRun(*id);
    QVERIFY(!log.ok());
    QCOMPARE(log.error, QStringLiteral("a sample chunk is damaged"));
}

void TestRunLibrary::refusesCorruptFile_data()
{
    QTest::addColumn<bool>("keepSqliteHeader");
    QTest::addColumn<QString>("expected");
    QTest::newRow("random bytes") << false << QStringLiteral("not an SQLite database");
    QTest::newRow("damaged pages behind a valid header") << true << QStringLiteral("damaged");
}

void TestRunLibrary::refusesCorruptFile()
{
    QFETCH(bool, keepSqliteHeader);
    QFETCH(QString, expected);
    QByteArray bytes(64 * 1024, '\0');
    QRandomGenerator random(42);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    if (keepSqliteHeader) {
        {
            RunLibrary library;
            QVERIFY(library.open(libraryPath()));
            QVERIFY(library.importLog(syntheticLog(50000, TimingKind::Points), {}));
        }
        // Keep page 1 (header and schema), overwrite every later page with noise.
        QByteArray valid = readAll(libraryPath());
        QVERIFY(valid.size() > 8192);
        const int pageSize = (quint8(valid[16]) << 8) | quint8(valid[17]);
        for (qsizetype i = pageSize; i < valid.size(); ++i)
            valid[i] = bytes[i % bytes.size()];
        bytes = valid;
    }
    QFile::remove(libraryPath() + QStringLiteral("-wal"));
    QFile::remove(libraryPath() + QStringLiteral("-shm"));
    {
        QFile file(libraryPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }
    RunLibrary library;
    QVERIFY(!library.open(libraryPath()));
    QVERIFY2(library.errorString().contains(expected), qPrintable(library.errorString()));
    QVERIFY(library.errorString().contains(QStringLiteral("left untouched")));
    QVERIFY(!library.importFile(QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt")).ok());
    QVERIFY(readAll(libraryPath()) == bytes);
}

void TestRunLibrary::refusesNewerVersion()
{
    {
        RunLibrary library;
        QVERIFY(library.open(libraryPath()));
        QVERIFY(library.importLog(syntheticLog(10, TimingKind::Points), {}));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE"))); // everything back in the main file
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    const QByteArray before = readAll(libraryPath());
    RunLibrary library;
    QVERIFY(!library.open(libraryPath()));
    QVERIFY2(library.errorString().contains(
                 QStringLiteral("newer Nightwatt (library version 99; this one reads up to version %1)").arg(LibrarySchema::kCurrentVersion)),
             qPrintable(library.errorString()));
    QVERIFY(readAll(libraryPath()) == before);
}

void TestRunLibrary::refusesForeignDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE photos (id INTEGER, data BLOB)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    const QByteArray before = readAll(libraryPath());
    RunLibrary library;
    QVERIFY(!library.open(libraryPath()));
    QVERIFY2(library.errorString().contains(QStringLiteral("not a Nightwatt run library")), qPrintable(library.errorString()));
    QVERIFY(readAll(libraryPath()) == before);
}

void TestRunLibrary::reportsBusyLibrary()
{
    {
        RunLibrary library;
        QVERIFY(library.open(libraryPath()));
    }
    QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
    other.setDatabaseName(libraryPath());
    QVERIFY(other.open());
    {
        QSqlQuery q(other);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE"))); // holds the write lock, as another writer would

        RunLibrary library;
        LibraryOptions options;
        options.busyTimeoutMs = 300;
        QVERIFY(library.open(libraryPath(), options)); // reading is never blocked (WAL)
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!library.importLog(syntheticLog(10, TimingKind::Points), {}));
        QVERIFY2(timer.elapsed() >= 250, "the writer waits for the lock before giving up");
        QVERIFY2(library.errorString().contains(QStringLiteral("busy")), qPrintable(library.errorString()));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        QVERIFY2(library.importLog(syntheticLog(10, TimingKind::Points), {}), qPrintable(library.errorString()));
    }
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
}

// A realistic large run: readings every second with a few ms of jitter, two channels in whole
// milliwatts (as powermetrics prints them), noisy. One million samples by default;
// NIGHTWATT_LARGE_RUN_SAMPLES=10000000 measures ten million.
void TestRunLibrary::largeRunStaysSmallAndLoadsFast()
{
    const qsizetype kSamples = qEnvironmentVariableIsSet("NIGHTWATT_LARGE_RUN_SAMPLES")
                                   ? qEnvironmentVariableIntValue("NIGHTWATT_LARGE_RUN_SAMPLES")
                                   : 1'000'000;
    LoadedLog original;
    original.trace.setTiming(TimingKind::Points);
    original.trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    original.trace.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
    original.trace.reserve(kSamples);
    QRandomGenerator random(7);
    double t = 0;
    for (qsizetype i = 0; i < kSamples; ++i) {
        t += 1.0 + double(random.bounded(-5, 6)) / 1000.0;
        const float values[] = {float(random.bounded(2000, 15000)) / 1000.0f, float(random.bounded(0, 30000)) / 1000.0f};
        original.trace.append(t, 0.0f, values);
    }
    qint64 loadMs = 0;
    qint64 cpuMs = 0; // all threads: tells a slow load from a machine busy with other work
    {
        RunLibrary library;
        QVERIFY(library.open(libraryPath()));
        const auto id = library.importLog(original, {});
        QVERIFY2(id, qPrintable(library.errorString()));
        QCOMPARE(library.run(*id)->name, QStringLiteral("unnamed run"));
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuBefore = std::clock();
        const LoadedLog stored = library.loadRun(*id);
        loadMs = timer.elapsed();
        cpuMs = qint64(std::clock() - cpuBefore) * 1000 / CLOCKS_PER_SEC;
        QVERIFY(stored.ok());
        QCOMPARE(stored.trace.size(), kSamples);
        QVERIFY(sameBits(stored.trace.values(1), original.trace.values(1)));
    } // the last connection closes: the write-ahead log is folded into the file
    const qint64 rawBytes = kSamples * (8 + 2 * 4);
    const qint64 fileBytes = QFileInfo(libraryPath()).size();
    QVERIFY(!QFileInfo::exists(libraryPath() + QStringLiteral("-wal")));
    qInfo("%lld samples x 2 channels: raw %lld bytes, library %lld bytes, load %lld ms (%lld ms CPU)", qint64(kSamples),
          rawBytes, fileBytes, loadMs, cpuMs);
    // Noise does not compress to half, so it stays raw: no per-sample overhead beyond a few %.
    QVERIFY2(fileBytes < rawBytes * 105 / 100, "samples are stored as packed columns, not rows");
    // Load speed is reported above, not asserted: a timed assertion fails on a busy machine.
}

// Smooth readings (repeating patterns, regular times) are stored compressed.
void TestRunLibrary::smoothRunIsCompressed()
{
    constexpr qsizetype kSamples = 200'000;
    {
        RunLibrary library;
        QVERIFY(library.open(libraryPath()));
        QVERIFY(library.importLog(syntheticLog(kSamples, TimingKind::Windowed), {}));
    }
    const qint64 rawBytes = kSamples * (8 + 4 + 2 * 4); // time, window, two channels
    const qint64 fileBytes = QFileInfo(libraryPath()).size();
    qInfo("%lld smooth samples: raw %lld bytes, library %lld bytes", qint64(kSamples), rawBytes, fileBytes);
    QVERIFY(fileBytes < rawBytes / 2);
}

QTEST_GUILESS_MAIN(TestRunLibrary)
#include "tst_runlibrary.moc"
