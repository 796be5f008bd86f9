// The run library's schema versions: made once when two connections open a new library at the
// same time (the window's and a capture's), versions this Nightwatt does not know refused, and a
// file whose version number does not match its tables recognised or refused, never half-upgraded.
#include "library/libraryschema.h"
#include "library/runlibrary.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <climits>
#include <functional>

using namespace nightwatt;

namespace {

const QString kSampleLog = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs `change` on a plain connection to the file, then puts everything back in the main file
// (no WAL), so the file's bytes show whether a later open wrote anything.
void changeFile(const QString &path, const std::function<void(QSqlQuery &)> &change)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("by-hand"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        change(q);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("by-hand"));
}

int userVersion(const QString &path)
{
    int version = INT_MIN;
    changeFile(path, [&](QSqlQuery &q) {
        if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
            version = q.value(0).toInt();
    });
    return version;
}

} // namespace

class TestLibrarySchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void upgradeAlreadyDoneByAnotherConnection();
    void refusesUnknownVersion_data();
    void refusesUnknownVersion();
    void recognisesTablesOfALaterVersion_data();
    void recognisesTablesOfALaterVersion();
    void refusesHalfUpgradedTables();

private:
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }
    // A library at the current version holding one imported run.
    void makeLibrary();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLibrarySchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLibrarySchema::makeLibrary()
{
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QVERIFY(library.importFile(kSampleLog).ok());
}

// Each connection reads version 0; one takes the write lock and upgrades the library, and the
// other must find that done instead of creating the tables again.
void TestLibrarySchema::upgradeAlreadyDoneByAnotherConnection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("library.sqlite"));
    {
        RunLibrary first;
        QVERIFY(first.open(path));
        QVERIFY(first.importFile(QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt")).runId > 0);
    }
    {
        QSqlDatabase late = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("late"));
        late.setDatabaseName(path);
        QVERIFY(late.open());
        const QString error = LibrarySchema::migrate(late, 0); // the version it read before the lock
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSqlQuery q(late);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), LibrarySchema::kCurrentVersion);
        late.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("late"));
    RunLibrary library;
    QVERIFY(library.open(path));
    QCOMPARE(library.runs().size(), 1); // the first connection's run is still there
}

void TestLibrarySchema::refusesUnknownVersion_data()
{
    QTest::addColumn<int>("version");
    QTest::newRow("negative") << -1;
    QTest::newRow("most negative") << INT_MIN;
    QTest::newRow("newer") << LibrarySchema::kCurrentVersion + 1;
}

// A version no Nightwatt wrote is refused like a newer one, and the file is left as it was.
void TestLibrarySchema::refusesUnknownVersion()
{
    QFETCH(int, version);
    makeLibrary();
    changeFile(libraryPath(), [&](QSqlQuery &q) { QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version))); });
    const QByteArray before = readAll(libraryPath());
    RunLibrary library;
    QVERIFY(!library.open(libraryPath()));
    QVERIFY2(library.errorString().contains(QStringLiteral("written by a newer Nightwatt (library version %1; this one reads up to version %2)")
                                                .arg(version)
                                                .arg(LibrarySchema::kCurrentVersion)),
             qPrintable(library.errorString()));
    QVERIFY(!library.importFile(kSampleLog).ok());
    QVERIFY(readAll(libraryPath()) == before);
}

void TestLibrarySchema::recognisesTablesOfALaterVersion_data()
{
    QTest::addColumn<int>("claimed");
    for (int version = 0; version < LibrarySchema::kCurrentVersion; ++version)
        QTest::addRow("says version %d", version) << version;
}

// A current library whose version number was set back already has every table and column the
// steps would add: it opens, keeps its run, and says the current version again.
void TestLibrarySchema::recognisesTablesOfALaterVersion()
{
    QFETCH(int, claimed);
    makeLibrary();
    changeFile(libraryPath(), [&](QSqlQuery &q) { QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(claimed))); });
    {
        RunLibrary library;
        QVERIFY2(library.open(libraryPath()), qPrintable(library.errorString()));
        const QList<RunInfo> runs = library.runs();
        QCOMPARE(runs.size(), 1);
        QVERIFY(runs.first().energyWh);
        QVERIFY(library.loadRun(runs.first().id).ok());
        QVERIFY(library.saveScenario(QStringLiteral("after"), runs.first().id, ScenarioInputs{}));
    }
    QCOMPARE(userVersion(libraryPath()), LibrarySchema::kCurrentVersion);
}

// Version 2's column without its table is no version at all: refused, naming what is missing,
// and nothing is written.
void TestLibrarySchema::refusesHalfUpgradedTables()
{
    makeLibrary();
    changeFile(libraryPath(), [&](QSqlQuery &q) {
        QVERIFY(q.exec(QStringLiteral("DROP TABLE scenarios")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
    });
    const QByteArray before = readAll(libraryPath());
    RunLibrary library;
    QVERIFY(!library.open(libraryPath()));
    QVERIFY2(library.errorString().contains(QStringLiteral("says it is version 1, but it has column runs.energy_wh of version 2 "
                                                           "without table scenarios; it was left untouched")),
             qPrintable(library.errorString()));
    QVERIFY(readAll(libraryPath()) == before);
    QCOMPARE(userVersion(libraryPath()), 1);
}

QTEST_GUILESS_MAIN(TestLibrarySchema)
#include "tst_libraryschema.moc"
