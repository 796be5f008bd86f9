#include "formattesthelpers.h"

#include "formats/carbontrackerparser.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("carbontracker");
const QString kStdout = QStringLiteral("carbontracker-stdout-a30-slurm-excerpts-carbon-cost-kaggle.txt");
const QString kOutputLog = QStringLiteral("carbontracker-logfile-output-v1.1.6-rtx3060-FIXTURE-lfwa-tests.log");
const QString kStdLog = QStringLiteral("carbontracker-logfile-std-v1.1.6-rtx3060-FIXTURE-lfwa-tests.log");

// A carbontracker.log with measured powers: two epochs back to back.
const QByteArray kEpochLog =
    "2022-11-14 15:42:43 - carbontracker version 1.1.6\n"
    "2022-11-14 15:42:43 - Only predicted and actual consumptions are multiplied by a PUE coefficient of 1.59 (x).\n"
    "2022-11-14 15:43:37 - Epoch 1:\n"
    "2022-11-14 15:43:37 - Duration: 0:00:50.00\n"
    "2022-11-14 15:43:37 - Average power usage (W) for gpu: [100.0, 50.0]\n"
    "2022-11-14 15:43:37 - Average power usage (W) for cpu: [20.0]\n"
    "2022-11-14 15:44:37 - Epoch 2:\n"
    "2022-11-14 15:44:37 - Duration: 0:01:00.00\n"
    "2022-11-14 15:44:37 - Average power usage (W) for gpu: [120.0]\n"
    "2022-11-14 15:44:37 - Average power usage (W) for cpu: [None]\n"
    "2022-11-14 15:44:37 - Monitoring thread ended.\n";

} // namespace

class TestCarbonTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void durations_data();
    void durations();
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void recognisesRealFiles();
    void epochLogUsesComponents();
};

void TestCarbonTracker::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds");
    QTest::newRow("H:MM:SS") << QStringLiteral("8:00:33") << 28833.0;
    QTest::newRow("hours past 99") << QStringLiteral("111:11:54") << 400314.0;
    QTest::newRow("fraction") << QStringLiteral("0:00:53.25") << 53.25;
    QTest::newRow("days") << QStringLiteral("1 day, 2:03:04") << 93784.0;
}

void TestCarbonTracker::durations()
{
    QFETCH(QString, text);
    QFETCH(double, seconds);
    QCOMPARE(CarbonTrackerParser::parseDuration(text).value_or(-1), seconds);
}

void TestCarbonTracker::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("durationS");
    QTest::addColumn<double>("totalJ");
    QTest::addColumn<int>("issues");
    QTest::addColumn<qint64>("firstIssueLine");

    // 14 "Actual consumption" blocks (the 14 "Predicted" ones are forecasts and skipped).
    // Summed by hand: 390904 s and 29.091139 kWh = 104728100.4 J (mean 267.9126 W). No clock:
    // back to back. The PUE is not stated, so one issue says the figures include it (line 1).
    const QByteArray stdoutText = readTestData(kStdout);
    QTest::newRow("real: stdout, 14 blocks") << stdoutText << 14 << 390904.0 << 29.091139 * 3.6e6 << 1 << qint64(1);
    QTest::newRow("CRLF") << withCrlf(stdoutText) << 14 << 390904.0 << 29.091139 * 3.6e6 << 1 << qint64(1);
    QTest::newRow("BOM") << withBom(stdoutText) << 14 << 390904.0 << 29.091139 * 3.6e6 << 1 << qint64(1);
    // Tabs as carbontracker prints them (the pasted file has spaces).
    QTest::newRow("tabs") << QByteArray("CarbonTracker:\nActual consumption for 1 epoch(s):\n\tTime:\t1:00:00\n\tEnergy:\t0.500000 kWh\n")
                          << 1 << 3600.0 << 0.5 * 3.6e6 << 1 << qint64(2);
    // Cut inside the last Actual block's energy line (197, "Energy: 0.170"): the number has no
    // unit, so that block (0:52:31, 0.170745 kWh, from line 195) is left out: 13 blocks,
    // 390904 - 3151 = 387753 s, 29.091139 - 0.170745 = 28.920394 kWh.
    const qsizetype cut = stdoutText.indexOf("Energy: 0.170745") + 13;
    QTest::newRow("cut-off last block") << stdoutText.left(cut) << 13 << 387753.0 << 28.920394 * 3.6e6 << 3 << qint64(1);
    // The output log: one block of 0:00:53 and 0.003504 kWh = 12614.4 J, 238.0075 W.
    QTest::newRow("real: output log") << readTestData(kOutputLog) << 1 << 53.0 << 12614.4 << 1 << qint64(3);
    // A stated PUE is taken out: 1.5 kWh / 1.5 = 1 kWh over an hour: 1000 W, no issue.
    QTest::newRow("stated PUE")
        << QByteArray("2024-01-01 10:00:00 - Only predicted and actual consumptions are multiplied by a PUE coefficient of 1.5.\n"
                      "2024-01-01 11:00:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t1:00:00\n"
                      "\tEnergy:\t1.500000 kWh\n")
        << 1 << 3600.0 << 3.6e6 << 0 << qint64(0);
    // Epochs 15:42:47-15:43:37 (50 s) and 15:43:37-15:44:37 (60 s): gpu 150 W × 50 s + 120 W × 60 s
    // = 14700 J, cpu 20 W × 50 s = 1000 J; total 15700 J over 110 s.
    QTest::newRow("log with epoch powers") << kEpochLog << 2 << 110.0 << 15700.0 << 0 << qint64(0);
    // Two issues for the unreadable block, plus the refusal itself (a failure is also an issue).
    QTest::newRow("bad time") << QByteArray("Actual consumption for 1 epoch(s):\n\tTime:\tlong\n\tEnergy:\t1.0 kWh\n") << 0 << 0.0
                              << 0.0 << 3 << qint64(2);
}

void TestCarbonTracker::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, durationS);
    QFETCH(double, totalJ);
    QFETCH(int, issues);
    QFETCH(qint64, firstIssueLine);

    forEachChunking(kFormat, bytes, 9, {samples, issues, firstIssueLine}, [&](Parsed &parsed, const TraceStats &stats) {
        QVERIFY(parsed.refusal.isEmpty());
        QCOMPARE(parsed.trace().timing(), TimingKind::Windowed);
        NW_COMPARE_NEAR(*stats.durationS, durationS, 1e-3);
        NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, totalJ, totalJ * 1e-6);
    });
}

void TestCarbonTracker::refuses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reasonContains");
    // The lfwa fixture logs only "[None]" powers and no Actual block: refused, naming that.
    QTest::newRow("real: std log with [None]") << readTestData(kStdLog) << QStringLiteral("for gpu: [None]");
    QTest::newRow("predictions only") << QByteArray("CarbonTracker:\nPredicted consumption for 5 epoch(s):\n\tTime:\t1:00:00\n"
                                                    "\tEnergy:\t1.0 kWh\n")
                                      << QStringLiteral("Predicted");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("no \"Actual consumption\"");
}

void TestCarbonTracker::refuses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reasonContains);
    const auto parsed = parseInChunks(kFormat, bytes, 64);
    QCOMPARE(parsed->trace().size(), qsizetype(0));
    QVERIFY2(parsed->refusal.contains(reasonContains), qPrintable(parsed->refusal));
    if (!bytes.isEmpty()) {
        // The loader shows the reason instead of a generic "no power data".
        const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("x.log"));
        QCOMPARE(log.formatId, kFormat);
        QVERIFY(!log.ok());
        QCOMPARE(log.error, parsed->refusal);
    }
}

void TestCarbonTracker::recognisesRealFiles()
{
    verifyRecognisedAs(kFormat, {kStdout, kOutputLog, kStdLog});
}

void TestCarbonTracker::epochLogUsesComponents()
{
    const LoadedLog log = LogLoader::loadBytes(kEpochLog, QStringLiteral("x.log"));
    QVERIFY(log.ok());
    const TraceStats stats = analyzeTrace(log.trace);
    NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("gpu")) * 3600.0, 14700.0, 0.01);
    NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("cpu")) * 3600.0, 1000.0, 0.01);
    QCOMPARE(stats.gaps, 0);
    // Epoch 1 ended 15:43:37 after 50 s.
    QCOMPARE(log.trace.clockAtZero().toString(QStringLiteral("HH:mm:ss")), QStringLiteral("15:42:47"));
    QCOMPARE(log.metadata.value(QStringLiteral("carbontracker_version")), QStringLiteral("1.1.6"));
}

QTEST_APPLESS_MAIN(TestCarbonTracker)
#include "tst_carbontracker.moc"
