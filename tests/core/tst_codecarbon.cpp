#include "formattesthelpers.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("codecarbon-csv");
const QString kA100 = QStringLiteral("codecarbon-emissions-linux-a100-v3.0.2-LightSpec.csv");
const QString kM1 = QStringLiteral("codecarbon-emissions-m1-macos-codecarbon-examples.csv");
const QString kM1Pro = QStringLiteral("codecarbon-emissions-m1pro-v2.1-era-no-version-col-TAED2.csv");

// The 2022 (v2.1) header, 29 columns.
const QByteArray kHeader29 = "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,"
                             "cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,"
                             "cloud_provider,cloud_region,os,python_version,cpu_count,cpu_model,gpu_count,gpu_model,"
                             "longitude,latitude,ram_total_size,tracking_mode,on_cloud\n";

// A 29-column row without GPU: end time, run id, duration (s), cpu/ram energy (kWh), cpu/ram
// power (W), cpu model.
QByteArray row(const char *end, const char *runId, const char *duration, const char *cpuKWh, const char *ramKWh,
               const char *cpuW, const char *ramW, const char *cpuModel = "Apple M1")
{
    return QByteArray(end) + ",p," + runId + ',' + duration + ",0,0," + cpuW + ",," + ramW + ',' + cpuKWh + ",," + ramKWh
         + ",,France,FRA,,,,macOS,3.9,8," + cpuModel + ",,,2.0,48.0,8.0,machine,N\n";
}

double near(double expected)
{
    return std::max(1e-9, std::abs(expected) * 1e-6); // values are stored as float
}

} // namespace

class TestCodeCarbon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void recognisesRealFiles();
    void keepsRunMetadata();
};

void TestCodeCarbon::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("runs");
    QTest::addColumn<double>("coveredS"); // sum of the runs' durations
    QTest::addColumn<double>("cpuWh");
    QTest::addColumn<double>("gpuWh"); // NaN: no GPU measured
    QTest::addColumn<double>("ramWh");
    QTest::addColumn<int>("issues");
    QTest::addColumn<qint64>("firstIssueLine");
    const double none = std::nan("");

    // v3.0.2, 32 columns, 7 separate runs: sums of the energy columns (kWh) × 1000:
    // cpu 37.104370 Wh, gpu 175.211857 Wh, ram 57.108667 Wh (energy_consumed 269.424894 Wh);
    // durations 3073.618343 s. cpu_power 45.0 and ram_power 70.0 in every row: two issues.
    const QByteArray a100 = readTestData(kA100);
    QTest::newRow("real: A100 v3.0.2") << a100 << 7 << 7 << 3073.618343 << 37.104370 << 175.211857 << 57.108667 << 2 << qint64(0);
    QTest::newRow("CRLF") << withCrlf(a100) << 7 << 7 << 3073.618343 << 37.104370 << 175.211857 << 57.108667 << 2 << qint64(0);
    QTest::newRow("BOM") << withBom(a100) << 7 << 7 << 3073.618343 << 37.104370 << 175.211857 << 57.108667 << 2 << qint64(0);
    // v2.4.3rc1, 31 columns, 28 rows of 18 runs: rows 3-6, 7-12, 15-16 and 17-18 are flushes
    // of one run (cumulative totals, start before the previous row's end), so each run counts
    // its last row: gpu 3.024529 Wh, ram 3.138722 Wh over 5439.855144 s. cpu: rows 5 and 6 have
    // no cpu_energy, so the run of rows 3-6 keeps row 4's 2.76e-5 kWh: 1.889198 Wh in all.
    QTest::newRow("real: M1 v2.4.3 with flushes") << readTestData(kM1) << 28 << 18 << 5439.855144 << 1.889198 << 3.024529
                                                  << 3.138722 << 0 << qint64(0);
    // v2.1, 29 columns, no GPU (gpu_count empty, gpu_energy 0): GPU missing, not 0 W.
    // cpu 3.655922 Wh, ram 8.774105 Wh, durations 1314.803290 + 1317.476404 s.
    QTest::newRow("real: M1 Pro v2.1") << readTestData(kM1Pro) << 2 << 2 << 2632.279694 << 3.655922 << none << 8.774105 << 2
                                       << qint64(0);

    QTest::newRow("header only") << kHeader29 << 0 << 0 << none << none << none << none << 0 << qint64(0);
    // Flush of one run: 0.001 kWh after 10 s, 0.003 kWh after 20 s: 3600 J, then 7200 J more.
    QTest::newRow("flush of one run") << kHeader29 + row("2024-01-01T10:00:10", "a", "10", "0.001", "0.0001", "360", "36")
                                             + row("2024-01-01T10:00:20", "a", "20", "0.003", "0.0002", "540", "36.5")
                                      << 2 << 1 << 20.0 << 3.0 << none << 0.2 << 0 << qint64(0);
    // Run b (10:00:25 - 20 s = 10:00:05) starts before run a ended (10:00:10): moved after it,
    // with an issue on its line. CPU 1 + 3 Wh over 10 + 20 s.
    QTest::newRow("two runs, overlapping") << kHeader29 + row("2024-01-01T10:00:10", "a", "10", "0.001", "", "360", "")
                                                  + row("2024-01-01T10:00:25", "b", "20", "0.003", "", "540", "")
                                           << 2 << 2 << 30.0 << 4.0 << none << none << 1 << qint64(3);
    // A constant CPU power in every row is CodeCarbon's fallback: one issue, not on a line.
    QTest::newRow("constant fallback power") << kHeader29 + row("2024-01-01T10:00:10", "a", "10", "0.001", "", "45.0", "")
                                                    + row("2024-01-01T10:00:40", "b", "20", "0.003", "", "45.0", "")
                                             << 2 << 2 << 30.0 << 4.0 << none << none << 1 << qint64(0);
    QTest::newRow("quoted comma in cpu_model")
        << kHeader29 + row("2024-01-01T10:00:10", "a", "10", "0.001", "", "360", "", "\"Xeon, 8 cores\"")
        << 1 << 1 << 10.0 << 1.0 << none << none << 0 << qint64(0);
    // Bad rows are issues with their line; the good rows still load.
    QTest::newRow("bad rows") << kHeader29 + row("2024-01-01T10:00:10", "a", "x", "0.001", "", "1", "")  // line 2: duration
                                     + "2024-01-01T10:00:20,p,b,10\n"                                  // line 3: 4 fields
                                     + row("2024-01-01T10:00:30", "c", "10", "", "", "", "")             // line 4: no figure
                                     + row("not a date", "d", "10", "0.002", "", "2", "")               // line 5: placed after
                                     + row("2024-01-01T10:01:00", "e", "10", "0.001", "", "3", "")
                              << 2 << 2 << 20.0 << 3.0 << none << none << 4 << qint64(2);
    // Cut mid-row without a newline: the last row (128.251033 s; cpu 1.546271, gpu 8.359526,
    // ram 2.381288 Wh) is left out with an issue on its line, 8; then the two constant-power
    // issues. 3073.618343 - 128.251033 = 2945.367310 s; cpu 35.558099, gpu 166.852331, ram 54.727379 Wh.
    QTest::newRow("cut-off last row") << cutOff(a100, 200) << 6 << 6 << 2945.367310 << 35.558099 << 166.852331 << 54.727379
                                      << 3 << qint64(8);
    QTest::newRow("empty") << QByteArray() << 0 << 0 << none << none << none << none << 0 << qint64(0);
}

void TestCodeCarbon::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(int, runs);
    QFETCH(double, coveredS);
    QFETCH(double, cpuWh);
    QFETCH(double, gpuWh);
    QFETCH(double, ramWh);
    QFETCH(int, issues);
    QFETCH(qint64, firstIssueLine);

    forEachChunking(kFormat, bytes, 11, {samples, issues, firstIssueLine}, [&](Parsed &parsed, const TraceStats &stats) {
        QCOMPARE(parsed.builder.metadata().value(QStringLiteral("runs")).toInt(), runs);
        QCOMPARE(parsed.trace().timing(), TimingKind::Windowed);
        NW_COMPARE_NEAR(*stats.coveredS, coveredS, 0.1);
        if (!std::isnan(cpuWh))
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("cpu")), cpuWh, near(cpuWh));
        if (std::isnan(gpuWh)) {
            QVERIFY(!stats.channel(QStringLiteral("gpu")));
        } else {
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("gpu")), gpuWh, near(gpuWh));
        }
        if (!std::isnan(ramWh))
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("ram")), ramWh, near(ramWh));
        if (!std::isnan(cpuWh) && !std::isnan(ramWh)) {
            // CPU, GPU and RAM are the components, as in CodeCarbon's energy_consumed.
            const double sum = cpuWh + (std::isnan(gpuWh) ? 0 : gpuWh) + ramWh;
            NW_COMPARE_NEAR(*stats.total.energyWh, sum, near(sum));
        }
    });
}

void TestCodeCarbon::recognisesRealFiles()
{
    verifyRecognisedAs(kFormat, {kA100, kM1, kM1Pro});
}

void TestCodeCarbon::keepsRunMetadata()
{
    const LoadedLog log = LogLoader::loadBytes(readTestData(kA100), kA100);
    QVERIFY(log.ok());
    QCOMPARE(log.metadata.value(QStringLiteral("row1.run_id")), QStringLiteral("cea50251-c031-4a1a-9b12-a54f326cf0d7"));
    QCOMPARE(log.metadata.value(QStringLiteral("row1.codecarbon_version")), QStringLiteral("3.0.2"));
    QCOMPARE(log.metadata.value(QStringLiteral("row7.country_name")), QStringLiteral("Israel"));
    // The first run ended 2025-05-30T00:15:08 after 208.29 s: the axis starts at its start.
    QCOMPARE(log.trace.clockAtZero().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")), QStringLiteral("2025-05-30T00:11:39"));
    // Pauses between runs are gaps: 7 runs, 6 pauses.
    QCOMPARE(analyzeTrace(log.trace).gaps, 6);
}

QTEST_APPLESS_MAIN(TestCodeCarbon)
#include "tst_codecarbon.moc"
