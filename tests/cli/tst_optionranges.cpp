// Every number a command takes is checked against its range, and a value outside it is a usage
// error (exit 1) naming the option and the range, before anything is read, run or written.
#include "nightwattrun.h"

#include <QTest>

class TestOptionRanges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outOfRangeIsAUsageError_data();
    void outOfRangeIsAUsageError();
    void edgesOfTheRangeAreAccepted();
};

namespace {

QString log()
{
    return QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
}

// Nothing listens here: a command that got past its options would fail to connect (exit 2), not 1.
const QString kPrometheus = QStringLiteral("prom+http://127.0.0.1:9");

} // namespace

void TestOptionRanges::outOfRangeIsAUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString s = QStringLiteral("summary");
    QTest::newRow("battery fraction above 1") << QStringList{s, log(), QStringLiteral("--battery-fraction"), QStringLiteral("1.5")}
                                              << QStringLiteral("--battery-fraction takes a number from 0 to 1, not \"1.5\"");
    QTest::newRow("negative runs a week") << QStringList{s, log(), QStringLiteral("--runs-per-week"), QStringLiteral("-2")}
                                          << QStringLiteral("--runs-per-week takes a number from 0 to 1000, not \"-2\"");
    QTest::newRow("grid intensity") << QStringList{s, log(), QStringLiteral("--grid-g-per-kwh"), QStringLiteral("9000")}
                                    << QStringLiteral("--grid-g-per-kwh takes a number from 0 to 5000, not \"9000\"");
    QTest::newRow("capture interval") << QStringList{QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("rapl"),
                                                     QStringLiteral("--interval-ms"), QStringLiteral("0")}
                                      << QStringLiteral("--interval-ms takes a number from 1 to 3600000, not \"0\"");
    // Longer than a timer can wait: it used to be cut to about 23 days without a word.
    QTest::newRow("capture duration") << QStringList{QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("rapl"),
                                                     QStringLiteral("--duration"), QStringLiteral("1e9")}
                                      << QStringLiteral("--duration takes a number from 0.001 to 2000000, not \"1e9\"");
    QTest::newRow("replay speed") << QStringList{QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("replay:") + log(),
                                                 QStringLiteral("--speed"), QStringLiteral("nan")}
                                  << QStringLiteral("--speed takes a number from 0.001 to 1000000, not \"nan\"");
    QTest::newRow("prometheus timeout") << QStringList{s, kPrometheus, QStringLiteral("--query"), QStringLiteral("dcgm"),
                                                       QStringLiteral("--timeout"), QStringLiteral("3d")}
                                        << QStringLiteral("--timeout takes a duration (30s, 2m, 1h) from 0.001 s to 86400 s, not \"3d\"");
    QTest::newRow("prometheus step") << QStringList{QStringLiteral("import"), kPrometheus, QStringLiteral("--query"), QStringLiteral("dcgm"),
                                                    QStringLiteral("--step"), QStringLiteral("0")}
                                     << QStringLiteral("--step takes a duration (30s, 2m, 1h) from 0.001 s to 604800 s, not \"0\"");
    QTest::newRow("watch count") << QStringList{QStringLiteral("prometheus"), QStringLiteral("watch"), kPrometheus, QStringLiteral("--query"),
                                                QStringLiteral("dcgm"), QStringLiteral("--count"), QStringLiteral("-1")}
                                 << QStringLiteral("--count takes a whole number from 0 to 1000000000, not \"-1\"");
    QTest::newRow("watch interval") << QStringList{QStringLiteral("prometheus"), QStringLiteral("watch"), kPrometheus, QStringLiteral("--query"),
                                                   QStringLiteral("dcgm"), QStringLiteral("--interval"), QStringLiteral("1ms")}
                                    << QStringLiteral("--interval takes a duration (30s, 2m, 1h) from 0.1 s to 86400 s, not \"1ms\"");
    QTest::newRow("export size") << QStringList{QStringLiteral("export"), log(), QStringLiteral("--png"), QStringLiteral("/nonexistent/x.png"),
                                                QStringLiteral("--size"), QStringLiteral("20x20")}
                                 << QStringLiteral("--size takes WxH in pixels, each side from 64 to 16384, not \"20x20\"");
    QTest::newRow("compare size") << QStringList{QStringLiteral("compare"), log(), QStringLiteral("power:30"), QStringLiteral("--size"),
                                                 QStringLiteral("800x99999")}
                                  << QStringLiteral("--size takes WxH in pixels, each side from 150 to 10000, not \"800x99999\"");
}

void TestOptionRanges::outOfRangeIsAUsageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const NightwattRun run = runNightwatt(arguments);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.exitCode, 1);
}

void TestOptionRanges::edgesOfTheRangeAreAccepted()
{
    const NightwattRun run = runNightwatt({QStringLiteral("summary"), log(), QStringLiteral("--battery-fraction"), QStringLiteral("1"),
                               QStringLiteral("--runs-per-week"), QStringLiteral("0")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestOptionRanges)
#include "tst_optionranges.moc"
