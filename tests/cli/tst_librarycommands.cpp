#include <QDir>
#include "nightwattrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(NIGHTWATT_TEST_DATA "/") + QString::fromLatin1(name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestLibraryCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void summaryOfRunEqualsSummaryOfFile_data();
    void summaryOfRunEqualsSummaryOfFile();
    void importPrintsIdsAndRefusesBadFiles();
    void importNamesEveryFailureAndExits2();
    void importOfNothingUsableExits2();
    void runsJsonListsEveryRun();
    void libraryOptionOverridesEnvironment();
    void unknownRunIsAnError();
    void corruptLibraryIsReportedAndKept();
    void concurrentImportsStoreEachFileOnce();
    void unknownLibraryVersionIsRefused();
    void unwritableLibraryIsListedButNotChanged();

private:
    // Runs nightwatt with NIGHTWATT_LIBRARY pointing into this test's temporary folder.
    NightwattRun nightwatt(const QStringList &arguments) const;
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLibraryCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

NightwattRun TestLibraryCommands::nightwatt(const QStringList &arguments) const
{
    return runNightwatt(arguments, environmentWithLibrary(libraryPath()));
}

void TestLibraryCommands::summaryOfRunEqualsSummaryOfFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("options");
    for (const char *name : {"powermetrics-m1-macbookair10_1-codecarbon.txt", "powermetrics-m1max-macos13beta-sspdd.txt",
                             "powermetrics-m2pro-mac14_10-macos26-gpu_power-EXCERPT-beszel.txt",
                             "powermetrics-m4-mac16_6-macos15-binsquare.txt"})
        QTest::newRow(name) << dataFile(name) << QStringList();
    QTest::newRow("bundled sample run, with scenario options")
        << QStringLiteral(NIGHTWATT_TEST_DATA "/../../resources/sample/sample-run.txt")
        << QStringList{QStringLiteral("--runs-per-week"), QStringLiteral("3"), QStringLiteral("--grid-g-per-kwh"), QStringLiteral("250")};
}

// Identical figures, channels, issues and scenario; only input.path differs: it names what was
// given ("run:ID"), as it names the file as given for a file.
void TestLibraryCommands::summaryOfRunEqualsSummaryOfFile()
{
    QFETCH(QString, file);
    QFETCH(QStringList, options);
    const NightwattRun imported = nightwatt({QStringLiteral("import"), file});
    QCOMPARE(imported.exitCode, 0);
    // import prints the run as summary takes it.
    const QString run = QString::fromLatin1(imported.out.trimmed());
    QVERIFY2(run.startsWith(QStringLiteral("run:")) && run.mid(4).toInt() > 0, imported.out.constData());

    const NightwattRun fromFile = nightwatt(QStringList{QStringLiteral("summary"), file, QStringLiteral("--json")} + options);
    const NightwattRun fromRun = nightwatt(QStringList{QStringLiteral("summary"), run, QStringLiteral("--json")} + options);
    QCOMPARE(fromFile.exitCode, 0);
    QCOMPARE(fromRun.exitCode, 0);
    QJsonObject a = QJsonDocument::fromJson(fromFile.out).object();
    QJsonObject b = QJsonDocument::fromJson(fromRun.out).object();
    QVERIFY(!a.isEmpty());
    QJsonObject inputA = a.value(QStringLiteral("input")).toObject();
    QJsonObject inputB = b.value(QStringLiteral("input")).toObject();
    QCOMPARE(inputA.value(QStringLiteral("path")).toString(), file);
    QCOMPARE(inputB.value(QStringLiteral("path")).toString(), run);
    inputA.remove(QStringLiteral("path"));
    inputB.remove(QStringLiteral("path"));
    a.insert(QStringLiteral("input"), inputA);
    b.insert(QStringLiteral("input"), inputB);
    QCOMPARE(b, a);
}

void TestLibraryCommands::importPrintsIdsAndRefusesBadFiles()
{
    const QString garbage = m_dir->filePath(QStringLiteral("garbage.txt"));
    {
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("loss=0.42 step=10\nloss=0.41 step=11\n");
    }
    const NightwattRun run = nightwatt({QStringLiteral("import"), dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt"), garbage,
                               dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(run.out, QByteArray("run:1\nrun:2\n")); // the good ones are stored all the same
    QCOMPARE(run.exitCode, 2); // but not everything asked for was
    QVERIFY2(run.err.startsWith(QStringLiteral("nightwatt: ") + garbage + QStringLiteral(": ")), qPrintable(run.err));

    // The same bytes again: not stored twice, the existing id is printed and said.
    const NightwattRun again = nightwatt({QStringLiteral("import"), dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt")});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, QByteArray("run:1\n"));
    QVERIFY2(again.err.contains(QStringLiteral("already in the library as run:1")), qPrintable(again.err));
}

// Every input is tried; each one that failed is named, and then all of them once more together.
void TestLibraryCommands::importNamesEveryFailureAndExits2()
{
    const QString missing = m_dir->filePath(QStringLiteral("missing.txt"));
    const QString junk = m_dir->filePath(QStringLiteral("junk.txt"));
    {
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello\nworld\n");
    }
    const NightwattRun run = nightwatt({QStringLiteral("import"), missing, junk, dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(run.out, QByteArray("run:1\n"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: %1: no such file\n").arg(missing)), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: %1: ").arg(junk)), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: 2 of 3 not imported: %1, %2\n").arg(missing, junk)), qPrintable(run.err));
    QCOMPARE(nightwatt({QStringLiteral("runs"), QStringLiteral("--json")}).out.count("\"id\""), 1);
}

void TestLibraryCommands::importOfNothingUsableExits2()
{
    const NightwattRun run = nightwatt({QStringLiteral("import"), m_dir->filePath(QStringLiteral("missing.txt"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(run.err, QStringLiteral("nightwatt: %1: no such file\n").arg(m_dir->filePath(QStringLiteral("missing.txt"))));
    QCOMPARE(nightwatt({QStringLiteral("import")}).exitCode, 1); // usage
}

void TestLibraryCommands::runsJsonListsEveryRun()
{
    QCOMPARE(nightwatt({QStringLiteral("import"), QStringLiteral(NIGHTWATT_TEST_DATA "/../../resources/sample/sample-run.txt"),
                        dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")})
                 .exitCode,
             0);
    const NightwattRun run = nightwatt({QStringLiteral("runs"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray runs = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(runs.size(), 2);
    const QJsonObject first = runs.at(0).toObject();
    for (const char *key : {"id", "name", "format", "created", "samples", "duration_s", "energy_wh", "status"})
        QVERIFY2(first.contains(QString::fromLatin1(key)), key);
    QCOMPARE(first.value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("sample-run.txt"));
    QCOMPARE(first.value(QStringLiteral("format")).toString(), QStringLiteral("powermetrics-text"));
    QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("complete"));
    QCOMPARE(first.value(QStringLiteral("samples")).toInt(), 709);
    // The same figures summary reports for the file.
    const QJsonObject summary = QJsonDocument::fromJson(nightwatt({QStringLiteral("summary"), QStringLiteral("run:1"), QStringLiteral("--json")}).out).object();
    QCOMPARE(first.value(QStringLiteral("duration_s")).toDouble(), summary[QStringLiteral("input")][QStringLiteral("duration_s")].toDouble());
    QCOMPARE(first.value(QStringLiteral("energy_wh")).toDouble(), summary[QStringLiteral("total")][QStringLiteral("energy_wh")].toDouble());
    QVERIFY(QDateTime::fromString(first.value(QStringLiteral("created")).toString(), Qt::ISODate).isValid());

    const NightwattRun text = nightwatt({QStringLiteral("runs")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("run:2"));
    QVERIFY(text.out.contains("sample-run.txt"));
}

void TestLibraryCommands::libraryOptionOverridesEnvironment()
{
    const QString other = m_dir->filePath(QStringLiteral("other.sqlite"));
    const NightwattRun imported = nightwatt({QStringLiteral("import"), QStringLiteral("--library"), other,
                                    dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY(QFile::exists(other));
    QCOMPARE(QJsonDocument::fromJson(nightwatt({QStringLiteral("runs"), QStringLiteral("--json"), QStringLiteral("--library"), other}).out).array().size(), 1);
    QCOMPARE(QJsonDocument::fromJson(nightwatt({QStringLiteral("runs"), QStringLiteral("--json")}).out).array().size(), 0);
    QCOMPARE(nightwatt({QStringLiteral("summary"), QStringLiteral("run:1"), QStringLiteral("--library"), other}).exitCode, 0);
}

void TestLibraryCommands::unknownRunIsAnError()
{
    const NightwattRun run = nightwatt({QStringLiteral("summary"), QStringLiteral("run:42"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("nightwatt: run:42: there is no run 42 in the library %1\n").arg(libraryPath()));
    const NightwattRun bad = nightwatt({QStringLiteral("summary"), QStringLiteral("run:x")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.startsWith(QStringLiteral("nightwatt: run:x: a run is named run:ID")), qPrintable(bad.err));
}

void TestLibraryCommands::corruptLibraryIsReportedAndKept()
{
    const QByteArray junk = QByteArray("not a database, just some bytes\n").repeated(100);
    {
        QFile file(libraryPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(junk);
    }
    const NightwattRun imported = nightwatt({QStringLiteral("import"), dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(imported.exitCode, 2);
    QVERIFY2(imported.err.startsWith(QStringLiteral("nightwatt: %1: this is not a Nightwatt run library").arg(libraryPath())),
             qPrintable(imported.err));
    QCOMPARE(nightwatt({QStringLiteral("runs")}).exitCode, 2);
    QCOMPARE(readAll(libraryPath()), junk);
}

// Two imports of the same files at the same time: each file is one run, and both print its id.
void TestLibraryCommands::concurrentImportsStoreEachFileOnce()
{
    QStringList files;
    const QDir data(QStringLiteral(NIGHTWATT_TEST_DATA));
    for (const QString &name : data.entryList(QDir::Files, QDir::Name)) {
        if (name != u"PROVENANCE.md")
            files << data.filePath(name);
    }
    QVERIFY(files.size() >= 20);
    QCOMPARE(nightwatt({QStringLiteral("runs")}).exitCode, 0); // the library exists before both start
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NIGHTWATT_LIBRARY"), libraryPath());
    QProcess first;
    QProcess second;
    for (QProcess *process : {&first, &second}) {
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(NIGHTWATT_EXECUTABLE), QStringList{QStringLiteral("import")} + files);
    }
    QVERIFY(first.waitForFinished(120000) && second.waitForFinished(120000));
    const QByteArray firstIds = first.readAllStandardOutput();
    const QByteArray secondIds = second.readAllStandardOutput();
    QVERIFY2(!secondIds.contains("busy"), second.readAllStandardError().constData());
    QCOMPARE(firstIds, secondIds);
    const QList<QByteArray> ids = firstIds.trimmed().split('\n');
    QVERIFY(ids.size() >= 20);
    const QJsonArray runs = QJsonDocument::fromJson(nightwatt({QStringLiteral("runs"), QStringLiteral("--json")}).out).array();
    QCOMPARE(runs.size(), QSet<QByteArray>(ids.cbegin(), ids.cend()).size());
}

// A version number no Nightwatt writes (here negative) is refused as from a newer Nightwatt, by
// every command, and the file is kept.
void TestLibraryCommands::unknownLibraryVersionIsRefused()
{
    QCOMPARE(nightwatt({QStringLiteral("import"), dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")}).exitCode, 0);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("by-hand"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = -1")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("by-hand"));
    const QByteArray before = readAll(libraryPath());
    for (const QStringList &arguments : {QStringList{QStringLiteral("runs")},
                                         QStringList{QStringLiteral("import"), dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt")}}) {
        const NightwattRun run = nightwatt(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(QStringLiteral("nightwatt: %1: this run library was written by a newer Nightwatt (library version -1;")
                                        .arg(libraryPath())),
                 qPrintable(run.err));
    }
    QCOMPARE(readAll(libraryPath()), before);
}

// A library in a folder the user may not write (someone else's, a read-only share) is still
// listed; storing into it is refused up front, naming it. Tests run as root, whom permissions do
// not stop, so nightwatt runs as nobody here.
void TestLibraryCommands::unwritableLibraryIsListedButNotChanged()
{
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (::geteuid() != 0 || setpriv.isEmpty())
        QSKIP("needs root and setpriv to run nightwatt as an ordinary user");
    QCOMPARE(nightwatt({QStringLiteral("import"), dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")}).exitCode, 0);
    const QByteArray before = readAll(libraryPath());
    const auto readAndEnter = QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), readAndEnter));
    auto asNobody = [&](const QStringList &arguments) {
        QProcess process;
        process.start(setpriv, QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                                           QStringLiteral(NIGHTWATT_EXECUTABLE)}
                                   + arguments + QStringList{QStringLiteral("--library"), libraryPath()});
        NightwattRun run;
        if (process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit)
            run.exitCode = process.exitCode();
        run.out = process.readAllStandardOutput();
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    };
    const NightwattRun listed = asNobody({QStringLiteral("runs")});
    QVERIFY(QFile::setPermissions(m_dir->path(), readAndEnter | QFileDevice::WriteOwner));
    if (listed.err.contains(QStringLiteral("Permission denied")) && listed.err.contains(QStringLiteral("setpriv")))
        QSKIP("the build folder is not reachable by nobody");
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY2(listed.err.isEmpty(), qPrintable(listed.err));
    QVERIFY2(listed.out.contains("run:1") && listed.out.contains("powermetrics-m4-mac16_6-macos15-binsquare.txt"), listed.out.constData());

    QVERIFY(QFile::setPermissions(m_dir->path(), readAndEnter));
    const NightwattRun imported = asNobody({QStringLiteral("import"), dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt")});
    QVERIFY(QFile::setPermissions(m_dir->path(), readAndEnter | QFileDevice::WriteOwner));
    QCOMPARE(imported.exitCode, 2);
    QVERIFY(imported.out.isEmpty());
    QCOMPARE(imported.err, QStringLiteral("nightwatt: %1: you may not write to the run library %1 or to its folder: it can be "
                                          "listed and read, but nothing can be stored in it. Choose a library you can write with "
                                          "--library or NIGHTWATT_LIBRARY\n")
                               .arg(libraryPath()));
    QCOMPARE(readAll(libraryPath()), before);
}

QTEST_GUILESS_MAIN(TestLibraryCommands)
#include "tst_librarycommands.moc"
