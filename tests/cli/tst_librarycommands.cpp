#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

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

private:
    // Runs nightwatt with NIGHTWATT_LIBRARY pointing into this test's temporary folder.
    Run nightwatt(const QStringList &arguments) const;
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLibraryCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestLibraryCommands::nightwatt(const QStringList &arguments) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NIGHTWATT_LIBRARY"), libraryPath());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
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
    const Run imported = nightwatt({QStringLiteral("import"), file});
    QCOMPARE(imported.exitCode, 0);
    // import prints the run as summary takes it.
    const QString run = QString::fromLatin1(imported.out.trimmed());
    QVERIFY2(run.startsWith(QStringLiteral("run:")) && run.mid(4).toInt() > 0, imported.out.constData());

    const Run fromFile = nightwatt(QStringList{QStringLiteral("summary"), file, QStringLiteral("--json")} + options);
    const Run fromRun = nightwatt(QStringList{QStringLiteral("summary"), run, QStringLiteral("--json")} + options);
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
    const Run run = nightwatt({QStringLiteral("import"), dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt"), garbage,
                               dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(run.out, QByteArray("run:1\nrun:2\n")); // the good ones are stored all the same
    QCOMPARE(run.exitCode, 2); // but not everything asked for was
    QVERIFY2(run.err.startsWith(QStringLiteral("nightwatt: ") + garbage + QStringLiteral(": ")), qPrintable(run.err));

    // The same bytes again: not stored twice, the existing id is printed and said.
    const Run again = nightwatt({QStringLiteral("import"), dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt")});
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
    const Run run = nightwatt({QStringLiteral("import"), missing, junk, dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(run.out, QByteArray("run:1\n"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: %1: no such file\n").arg(missing)), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: %1: ").arg(junk)), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: 2 of 3 not imported: %1, %2\n").arg(missing, junk)), qPrintable(run.err));
    QCOMPARE(nightwatt({QStringLiteral("runs"), QStringLiteral("--json")}).out.count("\"id\""), 1);
}

void TestLibraryCommands::importOfNothingUsableExits2()
{
    const Run run = nightwatt({QStringLiteral("import"), m_dir->filePath(QStringLiteral("missing.txt"))});
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
    const Run run = nightwatt({QStringLiteral("runs"), QStringLiteral("--json")});
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

    const Run text = nightwatt({QStringLiteral("runs")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("run:2"));
    QVERIFY(text.out.contains("sample-run.txt"));
}

void TestLibraryCommands::libraryOptionOverridesEnvironment()
{
    const QString other = m_dir->filePath(QStringLiteral("other.sqlite"));
    const Run imported = nightwatt({QStringLiteral("import"), QStringLiteral("--library"), other,
                                    dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY(QFile::exists(other));
    QCOMPARE(QJsonDocument::fromJson(nightwatt({QStringLiteral("runs"), QStringLiteral("--json"), QStringLiteral("--library"), other}).out).array().size(), 1);
    QCOMPARE(QJsonDocument::fromJson(nightwatt({QStringLiteral("runs"), QStringLiteral("--json")}).out).array().size(), 0);
    QCOMPARE(nightwatt({QStringLiteral("summary"), QStringLiteral("run:1"), QStringLiteral("--library"), other}).exitCode, 0);
}

void TestLibraryCommands::unknownRunIsAnError()
{
    const Run run = nightwatt({QStringLiteral("summary"), QStringLiteral("run:42"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("nightwatt: run:42: there is no run 42 in the library %1\n").arg(libraryPath()));
    const Run bad = nightwatt({QStringLiteral("summary"), QStringLiteral("run:x")});
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
    const Run imported = nightwatt({QStringLiteral("import"), dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt")});
    QCOMPARE(imported.exitCode, 2);
    QVERIFY2(imported.err.startsWith(QStringLiteral("nightwatt: %1: this is not a Nightwatt run library").arg(libraryPath())),
             qPrintable(imported.err));
    QCOMPARE(nightwatt({QStringLiteral("runs")}).exitCode, 2);
    QCOMPARE(readAll(libraryPath()), junk);
}

QTEST_GUILESS_MAIN(TestLibraryCommands)
#include "tst_librarycommands.moc"
