// `nightwatt --help` is generated from the command table, so a command added there is listed
// without anyone editing the help; each listed command must then explain itself with --help.
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestHelp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsCommands();
    void everyListedCommandHasHelp();
    void version();
    void mistypedCommandIsAUsageError_data();
    void mistypedCommandIsAUsageError();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
    };
    static Run run(const QStringList &arguments);
    static QStringList listedCommands();
};

TestHelp::Run TestHelp::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    if (!process.waitForFinished(60000))
        qFatal("nightwatt did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput())};
}

QStringList TestHelp::listedCommands()
{
    // Command lines read "  nightwatt NAME ...".
    static const QRegularExpression commandLine(QStringLiteral("^  nightwatt ([a-z][a-z0-9-]*)"),
                                                QRegularExpression::MultilineOption);
    QStringList names;
    auto matches = commandLine.globalMatch(run({QStringLiteral("--help")}).out);
    while (matches.hasNext())
        names.append(matches.next().captured(1));
    return names;
}

void TestHelp::listsCommands()
{
    const Run help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith(QStringLiteral("Usage: nightwatt [FILE...]")));
    QStringList names = listedCommands();
    // The two commands the first release had; later ones join them.
    QVERIFY2(names.contains(QStringLiteral("summary")), qPrintable(help.out));
    QVERIFY2(names.contains(QStringLiteral("formats")), qPrintable(help.out));
    QCOMPARE(names.removeDuplicates(), qsizetype(0));
    QCOMPARE(run({QStringLiteral("-h")}).out, help.out);
}

void TestHelp::everyListedCommandHasHelp()
{
    for (const QString &name : listedCommands()) {
        const Run help = run({name, QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0, qPrintable(name + QStringLiteral(" --help exited ") + QString::number(help.exitCode)));
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: nightwatt ") + name), qPrintable(name + u'\n' + help.out));
    }
}

void TestHelp::version()
{
    const Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    static const QRegularExpression expected(QStringLiteral("^nightwatt \\d+\\.\\d+\\.\\d+\\n$"));
    QVERIFY2(expected.match(version.out).hasMatch(), qPrintable(version.out));
}

void TestHelp::mistypedCommandIsAUsageError_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("suggestion");
    QTest::newRow("slip") << QStringLiteral("sumary") << QStringLiteral("summary");
    QTest::newRow("swapped letters") << QStringLiteral("improt") << QStringLiteral("import");
    QTest::newRow("made up") << QStringLiteral("frobnicate") << QString();
    QTest::newRow("missing file") << QStringLiteral("/nonexistent/run.txt") << QString();
}

// Only an existing file (or a run:ID, a prom+http:// range, options, nothing) opens the window;
// anything else in the command's place is answered at once, with the nearest command.
void TestHelp::mistypedCommandIsAUsageError()
{
    QFETCH(QString, argument);
    QFETCH(QString, suggestion);
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {argument});
    // Before, the window opened (offscreen here) and never returned.
    const bool finished = process.waitForFinished(30000);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    QVERIFY2(finished, "nightwatt opened the dashboard");
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(err.startsWith(QStringLiteral("nightwatt: \"%1\" is neither a command nor an existing file; did you mean \"nightwatt ").arg(argument)),
             qPrintable(err));
    if (!suggestion.isEmpty())
        QVERIFY2(err.contains(QStringLiteral("did you mean \"nightwatt %1\"?").arg(suggestion)), qPrintable(err));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestHelp)
#include "tst_help.moc"
