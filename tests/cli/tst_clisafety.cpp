// What `nightwatt` writes to the terminal about a capture: the sampler's command line and its
// own words are shown without credentials and without terminal escape sequences.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void captureLinesAreRedactedAndEscaped();
};

// The sampler is given a --password=... argument and prints escape sequences on stderr before it
// fails: the "capturing ..." line, the status and the summary show neither.
void TestCliSafety::captureLinesAreRedactedAndEscaped()
{
    QTemporaryDir dir;
    const QString hostile = QStringLiteral("--password=hunter2 \x1b]0;pwned\x07\x1b[2J");
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                  {QStringLiteral("capture"), QStringLiteral("-o"), dir.filePath(QStringLiteral("run.txt")), QStringLiteral("--"),
                   QStringLiteral(NIGHTWATT_FAKE_SAMPLER), QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--interval-ms"),
                   QStringLiteral("10"), QStringLiteral("--exit-code"), QStringLiteral("4"), QStringLiteral("--stderr"), hostile});
    QVERIFY(process.waitForFinished(30000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 3);
    QVERIFY2(err.contains(QStringLiteral("capturing ")), qPrintable(err));
    QVERIFY2(!err.contains(QStringLiteral("hunter2")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("--password=***")), qPrintable(err));
    QVERIFY2(!err.contains(QChar(0x1b)) && !err.contains(QChar(0x07)), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("\\x1b]0;pwned\\x07\\x1b[2J")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
