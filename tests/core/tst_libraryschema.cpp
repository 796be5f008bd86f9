// Two connections may open a new run library at the same time (the window's and a capture's):
// the schema is made once, whichever takes the write lock first.
#include "library/libraryschema.h"
#include "library/runlibrary.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

class TestLibrarySchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upgradeAlreadyDoneByAnotherConnection();
};

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

QTEST_GUILESS_MAIN(TestLibrarySchema)
#include "tst_libraryschema.moc"
