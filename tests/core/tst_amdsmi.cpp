#include "formattesthelpers.h"

#include <QTimeZone>

using namespace nightwatt;
using namespace nightwatt::testing;

// amd-smi (JSON and CSV) and rocm-smi CSV, on files written for this project in the tools'
// documented shapes (tests/data/PROVENANCE.md).
class TestAmdSmi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognisesFiles_data();
    void recognisesFiles();
    void polls_data();
    void polls();
    void stampedEntriesArePoints();
    void withoutPowerIsRefused();
    void cutOffRowIsLeftOut();
};

void TestAmdSmi::recognisesFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("amd-smi json list") << QStringLiteral("amd-smi-metric-power-json-list-WRITTEN-from-docs.json") << QStringLiteral("amd-smi-json");
    QTest::newRow("amd-smi json gpu_data") << QStringLiteral("amd-smi-metric-power-json-gpu_data-WRITTEN-from-docs.json")
                                           << QStringLiteral("amd-smi-json");
    QTest::newRow("amd-smi csv") << QStringLiteral("amd-smi-metric-power-csv-WRITTEN-from-docs.csv") << QStringLiteral("amd-smi-csv");
    QTest::newRow("rocm-smi csv") << QStringLiteral("rocm-smi-csv-showpower-WRITTEN.csv") << QStringLiteral("rocm-smi-csv");
}

void TestAmdSmi::recognisesFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    const QString problem = recognitionProblem(file, format);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestAmdSmi::polls_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("gpu0MeanW");
    QTest::addColumn<double>("gpu1MeanW");
    QTest::addColumn<double>("gpu0J"); // polls 1 s apart (--interval-ms 1000)
    // GPU 0: 142 then 158 W; GPU 1: N/A (missing, not 0) then 96 W. Trapezoid over the one
    // second: GPU 0 (142 + 158)/2 = 150 J; GPU 1 has no interval with both ends.
    QTest::newRow("amd-smi json list") << QStringLiteral("amd-smi-metric-power-json-list-WRITTEN-from-docs.json")
                                       << QStringLiteral("amd-smi-json") << 2 << 150.0 << 96.0 << 150.0;
    // One poll: 542 + 141 W, no interval.
    QTest::newRow("amd-smi json gpu_data") << QStringLiteral("amd-smi-metric-power-json-gpu_data-WRITTEN-from-docs.json")
                                           << QStringLiteral("amd-smi-json") << 1 << 542.0 << 141.0 << 0.0;
    // GPU 0: (142 + 158)/2 = 150 J; GPU 1: 96 then 104 W.
    QTest::newRow("amd-smi csv") << QStringLiteral("amd-smi-metric-power-csv-WRITTEN-from-docs.csv") << QStringLiteral("amd-smi-csv") << 2
                                 << 150.0 << 100.0 << 150.0;
    // card0: (39 + 139)/2 = 89 J; card1: 37 W then N/A, no interval.
    QTest::newRow("rocm-smi csv") << QStringLiteral("rocm-smi-csv-showpower-WRITTEN.csv") << QStringLiteral("rocm-smi-csv") << 2 << 89.0
                                  << 37.0 << 89.0;
}

void TestAmdSmi::polls()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, samples);
    QFETCH(double, gpu0MeanW);
    QFETCH(double, gpu1MeanW);
    QFETCH(double, gpu0J);
    const QByteArray bytes = readTestData(file);
    for (const QByteArray &variant : {bytes, withCrlf(bytes)}) {
        for (const qsizetype chunk : {variant.size() + 1, qsizetype(1), qsizetype(17)}) {
            const auto parsed = parseInChunks(format, variant, chunk);
            QCOMPARE(parsed->trace().size(), qsizetype(samples));
            QCOMPARE(parsed->builder.issueCount(), qint64(0));
            QCOMPARE(parsed->trace().timing(), TimingKind::None);
        }
    }
    LoadOptions options;
    options.intervalMs = 1000;
    const LoadedLog log = LogLoader::loadBytes(bytes, file, options);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, format);
    const TraceStats stats = analyzeTrace(log.trace);
    NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("gpu0")), gpu0MeanW, 1e-9);
    NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("gpu1")), gpu1MeanW, 1e-9);
    if (samples > 1)
        NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("gpu0")) * 3600.0, gpu0J, 1e-9);
}

void TestAmdSmi::stampedEntriesArePoints()
{
    // amd-smi --watch: each entry carries the epoch second of its poll (written for this test).
    const QByteArray bytes = "[{\"timestamp\": 1767225600, \"gpu\": 0, \"power\": {\"socket_power\": {\"value\": 100, \"unit\": \"W\"}}},"
                             " {\"timestamp\": 1767225600, \"gpu\": 1, \"power\": {\"socket_power\": {\"value\": 50, \"unit\": \"W\"}}},"
                             " {\"timestamp\": 1767225602, \"gpu\": 0, \"power\": {\"socket_power\": {\"value\": 300, \"unit\": \"W\"}}},"
                             " {\"timestamp\": 1767225602, \"gpu\": 1, \"power\": {\"socket_power\": {\"value\": 50000, \"unit\": \"mW\"}}}]\n";
    const auto parsed = parseInChunks(QStringLiteral("amd-smi-json"), bytes, 11);
    QCOMPARE(parsed->trace().size(), qsizetype(2));
    QCOMPARE(parsed->trace().timing(), TimingKind::Points);
    QCOMPARE(parsed->trace().timeS(1), 2.0);
    QCOMPARE(parsed->trace().clockAtZero(), QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()));
    const TraceStats stats = analyzeTrace(parsed->trace());
    // (100 + 300)/2 × 2 + (50 + 50)/2 × 2 = 500 J; 50000 mW is 50 W.
    NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, 500.0, 1e-9);
}

void TestAmdSmi::withoutPowerIsRefused()
{
    const auto json = parseInChunks(QStringLiteral("amd-smi-json"), "[{\"gpu\": 0, \"usage\": {\"gfx_activity\": 3}}]\n", 8);
    QVERIFY2(json->refusal.contains(QStringLiteral("power")), qPrintable(json->refusal));
    const auto csv = parseInChunks(QStringLiteral("rocm-smi-csv"), "device,Temperature (Sensor edge) (C)\ncard0,31.0\n", 8);
    QVERIFY2(csv->refusal.contains(QStringLiteral("power")), qPrintable(csv->refusal));
    QCOMPARE(csv->trace().size(), qsizetype(0));
}

void TestAmdSmi::cutOffRowIsLeftOut()
{
    const QByteArray bytes = cutOff(readTestData(QStringLiteral("amd-smi-metric-power-csv-WRITTEN-from-docs.csv")), 10);
    const auto parsed = parseInChunks(QStringLiteral("amd-smi-csv"), bytes, 64);
    QCOMPARE(parsed->builder.issueCount(), qint64(1));
    QCOMPARE(parsed->builder.issues().first().line, qint64(6));
    // The second poll keeps GPU 0 alone.
    QCOMPARE(parsed->trace().size(), qsizetype(2));
}

QTEST_APPLESS_MAIN(TestAmdSmi)
#include "tst_amdsmi.moc"
