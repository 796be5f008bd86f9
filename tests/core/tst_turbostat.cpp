#include "formattesthelpers.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("turbostat");

// --Summary output with the time column: no topology columns, every row is a summary.
QByteArray summaryLog(const QByteArray &rows)
{
    return QByteArray("Time_Of_Day_Seconds\tAvg_MHz\tBusy%\tBzy_MHz\tCorWatt\tPkgWatt\n") + rows;
}

} // namespace

class TestTurbostat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void recognisesRealFiles();
    void untimedLogSaysWhy();
};

void TestTurbostat::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<bool>("timed");
    QTest::addColumn<double>("durationS"); // NaN when the log has no timing
    QTest::addColumn<double>("packageMeanW");
    QTest::addColumn<double>("packageJ"); // NaN when the log has no timing
    QTest::addColumn<QString>("auxId");
    QTest::addColumn<double>("auxMeanW");
    QTest::addColumn<int>("issues");
    QTest::addColumn<qint64>("firstIssueLine");
    const double none = std::nan("");

    // One interval each: only the summary row (topology "-") is read. The interval length is
    // not in the log, so there is no timing; the means are the summary row's figures.
    QTest::newRow("real: EPYC 2 sockets") << readTestData(QStringLiteral("turbostat-epyc9374f-2socket-telegraf.tsv")) << 1 << false
                                          << none << 454.54 << none << QStringLiteral("cores") << 202.92 << 0 << qint64(0);
    QTest::newRow("real: Xeon 2 sockets") << readTestData(QStringLiteral("turbostat-xeon6126-2socket-telegraf.tsv")) << 1 << false
                                          << none << 83.25 << none << QStringLiteral("dram") << 41.78 << 0 << qint64(0);
    QTest::newRow("real: Intel without time") << readTestData(QStringLiteral("turbostat-intel-noTime-telegraf.tsv")) << 1 << false
                                              << none << 87.38 << none << QStringLiteral("dram") << 27.80 << 0 << qint64(0);

    // Two intervals (header repeated), spaces instead of tabs. Summary rows at
    // 1745932475.967756 (PkgWatt 24.55, CorWatt 1.12) and 1745932480.974284 (24.08, 1.01):
    // window 5.006528 s, the first taken as long as the second. Duration 2 × 5.006528 = 10.013056 s;
    // package (24.55 + 24.08) × 5.006528 = 243.467457 J; mean 24.315 W; cores mean 1.065 W.
    const QByteArray ryzen = readTestData(QStringLiteral("turbostat-ryzen7-9700x-telegraf.tsv"));
    QTest::newRow("real: Ryzen, two intervals") << ryzen << 2 << true << 10.013056 << 24.315 << 243.467457
                                                << QStringLiteral("cores") << 1.065 << 0 << qint64(0);
    QTest::newRow("CRLF") << withCrlf(ryzen) << 2 << true << 10.013056 << 24.315 << 243.467457 << QStringLiteral("cores")
                          << 1.065 << 0 << qint64(0);
    QTest::newRow("BOM") << withBom(ryzen) << 2 << true << 10.013056 << 24.315 << 243.467457 << QStringLiteral("cores")
                         << 1.065 << 0 << qint64(0);
    // The second interval's summary row cut after its Busy% column: only the first interval
    // is left, and one interval has no known length.
    const qsizetype secondSummary = ryzen.indexOf("\n 1044") + 1;
    QTest::newRow("cut-off summary row") << ryzen.left(secondSummary + 40) << 1 << false << none << 24.55 << none
                                         << QStringLiteral("cores") << 1.12 << 1 << qint64(20);
    QTest::newRow("header only") << ryzen.left(ryzen.indexOf('\n') + 1) << 0 << false << none << none << none << QString()
                                 << none << 0 << qint64(0);

    // --Summary: every row is a summary. Rows at 100, 102, 104 s: windows of 2 s (the first
    // assumed equal to the second), package (10 + 20 + 30) × 2 = 120 J over 6 s, mean 20 W.
    QTest::newRow("summary mode") << summaryLog("100.0\t5\t1.0\t3000\t1.0\t10.0\n102.0\t5\t1.0\t3000\t2.0\t20.0\n"
                                                "104.0\t5\t1.0\t3000\t3.0\t30.0\n")
                                  << 3 << true << 6.0 << 20.0 << 120.0 << QStringLiteral("cores") << 2.0 << 0 << qint64(0);
    // Verbose preamble lines before the header are skipped; a non-number PkgWatt is reported
    // and missing (CorWatt still counts); time going back is reported and left out.
    QTest::newRow("preamble, bad value, time back")
        << QByteArray("turbostat version 2024.01.01 - Len Brown\ncpu0: MSR_PKG_POWER_LIMIT: 0x0\n")
               + summaryLog("100.0\t5\t1.0\t3000\t1.0\t10.0\n102.0\t5\t1.0\t3000\t2.0\tx\n104.0\t5\t1.0\t3000\t3.0\t30.0\n"
                            "103.0\t5\t1.0\t3000\t3.0\t30.0\n")
        // package: 10 W on [98,100), missing on [100,102), 30 W on [102,104): mean (20 + 60) / 4 = 20 W
        << 3 << true << 6.0 << 20.0 << 80.0 << QStringLiteral("cores") << 2.0 << 2 << qint64(5);
    QTest::newRow("empty") << QByteArray() << 0 << false << none << none << none << QString() << none << 0 << qint64(0);
}

void TestTurbostat::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(bool, timed);
    QFETCH(double, durationS);
    QFETCH(double, packageMeanW);
    QFETCH(double, packageJ);
    QFETCH(QString, auxId);
    QFETCH(double, auxMeanW);
    QFETCH(int, issues);
    QFETCH(qint64, firstIssueLine);

    forEachChunking(kFormat, bytes, 5, {samples, issues, firstIssueLine}, [&](Parsed &parsed, const TraceStats &stats) {
        QCOMPARE(parsed.trace().timing(), timed ? TimingKind::Windowed : TimingKind::None);
        NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("package")), packageMeanW, 1e-4);
        NW_COMPARE_NEAR(stats.total.meanW, packageMeanW, 1e-4); // package alone is the total
        NW_COMPARE_NEAR(channelMeanW(stats, auxId), auxMeanW, 1e-4);
        if (timed) {
            NW_COMPARE_NEAR(*stats.durationS, durationS, 1e-5);
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("package")) * 3600.0, packageJ, 1e-3);
        } else {
            QVERIFY(!stats.durationS);
            QVERIFY(!stats.total.energyWh);
        }
    });
}

void TestTurbostat::recognisesRealFiles()
{
    verifyRecognisedAs(kFormat, {QStringLiteral("turbostat-epyc9374f-2socket-telegraf.tsv"), QStringLiteral("turbostat-xeon6126-2socket-telegraf.tsv"),
                                QStringLiteral("turbostat-intel-noTime-telegraf.tsv"), QStringLiteral("turbostat-ryzen7-9700x-telegraf.tsv")});
}

void TestTurbostat::untimedLogSaysWhy()
{
    const LoadedLog log = LogLoader::loadBytes(readTestData(QStringLiteral("turbostat-intel-noTime-telegraf.tsv")), QStringLiteral("t"));
    QVERIFY(log.ok());
    QVERIFY(log.metadata.value(QStringLiteral("timing")).contains(QStringLiteral("Time_Of_Day_Seconds")));
}

QTEST_APPLESS_MAIN(TestTurbostat)
#include "tst_turbostat.moc"
