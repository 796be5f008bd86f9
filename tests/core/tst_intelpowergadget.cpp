#include "formattesthelpers.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("intel-power-gadget-csv");
const QString kRaw = QStringLiteral("intel-power-gadget-mac-quoted-codecarbon.csv");
const QString kPandas = QStringLiteral("intel-power-gadget-pandas-reexport-codecarbon.csv");

// A small log in the raw layout: quoted, space-padded, package 0 only.
QByteArray smallLog(const QByteArray &rows)
{
    return QByteArray("\"System Time\",\"Elapsed Time (sec)\",\"Processor Power_0(Watt)\","
                      "\"Cumulative Processor Energy_0(Joules)\"\n")
         + rows;
}

} // namespace

class TestIntelPowerGadget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void footerAgreesWithSamples();
    void recognisesRealFiles();
    void emptyInputIsAnError();
};

void TestIntelPowerGadget::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("durationS");
    QTest::addColumn<double>("packageJ");  // NaN: no package channel
    QTest::addColumn<double>("coresJ");
    QTest::addColumn<double>("dramJ");
    QTest::addColumn<int>("issues");
    QTest::addColumn<qint64>("firstIssueLine");

    const double none = std::nan("");
    const QByteArray raw = readTestData(kRaw);
    // Raw log: 12 rows, last row at 1.231 s with cumulative Processor 27.408 J, IA 22.815 J,
    // DRAM 1.171 J. The counters start at 0 with the elapsed time, so the first row's window is
    // [0, 0.100) and the energies are exactly the last cumulative values.
    QTest::newRow("real: raw quoted") << raw << 12 << 1.231 << 27.408 << 22.815 << 1.171 << 0 << qint64(0);
    // pandas re-export: 12 rows (index 0..11), last at 1.252 s: 3.141 J, IA 1.182 J, DRAM 1.426 J.
    QTest::newRow("real: pandas re-export") << readTestData(kPandas) << 12 << 1.252 << 3.141 << 1.182 << 1.426 << 0 << qint64(0);
    QTest::newRow("CRLF") << withCrlf(raw) << 12 << 1.231 << 27.408 << 22.815 << 1.171 << 0 << qint64(0);
    QTest::newRow("BOM") << withBom(raw) << 12 << 1.231 << 27.408 << 22.815 << 1.171 << 0 << qint64(0);

    // Header and the first four rows, the fourth cut mid-field without a newline: three rows
    // remain, ending at 0.307 s with 6.745 J / 5.482 J / 0.337 J.
    const QList<QByteArray> lines = raw.split('\n');
    const QByteArray cut = lines[0] + '\n' + lines[1] + '\n' + lines[2] + '\n' + lines[3] + '\n' + lines[4].left(40);
    QTest::newRow("cut-off last row") << cut << 3 << 0.307 << 6.745 << 5.482 << 0.337 << 1 << qint64(5);
    QTest::newRow("header only") << lines[0] + '\n' << 0 << none << none << none << none << 0 << qint64(0);

    // 10 J in [0,1); counter blank at 2 s: the power column's 20 W for [1,2); at 3 s the counter
    // is back but has no known predecessor: 30 W from the column. 10 + 20 + 30 = 60 J.
    QTest::newRow("missing counter value")
        << smallLog("\"1\",\"1.000\",\"10.0\",\"10.0\"\n\"2\",\"2.000\",\"20.0\",\"\"\n\"3\",\"3.000\",\"30.0\",\"60.0\"\n")
        << 3 << 3.0 << 60.0 << none << none << 0 << qint64(0);
    // The counter going down (a restart) is reported; that row uses its 10 W column: 10 + 10 J.
    QTest::newRow("counter goes down")
        << smallLog("\"1\",\"1.000\",\"10.0\",\"10.0\"\n\"2\",\"2.000\",\"10.0\",\"5.0\"\n")
        << 2 << 2.0 << 20.0 << none << none << 1 << qint64(3);
    // A non-number elapsed time: row 3 is left out; row 4's window spans [1, 3) with 30 J.
    QTest::newRow("non-number elapsed")
        << smallLog("\"1\",\"1.000\",\"10.0\",\"10.0\"\n\"2\",\"abc\",\"10.0\",\"20.0\"\n\"3\",\"3.000\",\"10.0\",\"40.0\"\n")
        << 2 << 3.0 << 40.0 << none << none << 1 << qint64(3);
    // Footer-like garbage after the data is not parsed as rows.
    QTest::newRow("footer without blank line")
        << smallLog("\"1\",\"1.000\",\"10.0\",\"10.0\"\n\"Total Elapsed Time (sec) = 1.000000\"\n")
        << 1 << 1.0 << 10.0 << none << none << 0 << qint64(0);
    QTest::newRow("no power column") << QByteArray("\"Elapsed Time (sec)\",\"CPU Utilization(%)\"\n\"1.0\",\"5\"\n")
                                     << 0 << none << none << none << none << 1 << qint64(1);
}

void TestIntelPowerGadget::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, durationS);
    QFETCH(double, packageJ);
    QFETCH(double, coresJ);
    QFETCH(double, dramJ);
    QFETCH(int, issues);
    QFETCH(qint64, firstIssueLine);

    // Whole, and in 7-byte chunks as from a pipe: the same result.
    forEachChunking(kFormat, bytes, 7, {samples, issues, firstIssueLine}, [&](Parsed &parsed, const TraceStats &stats) {
        QCOMPARE(parsed.trace().timing(), TimingKind::Windowed);
        NW_COMPARE_NEAR(*stats.durationS, durationS, 1e-6);
        NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("package")) * 3600.0, packageJ, 1e-4);
        // Package is the total: the parts are never added to it.
        NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, packageJ, 1e-4);
        if (!std::isnan(coresJ))
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("cores")) * 3600.0, coresJ, 1e-4);
        if (!std::isnan(dramJ))
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("dram")) * 3600.0, dramJ, 1e-4);
    });
}

void TestIntelPowerGadget::footerAgreesWithSamples()
{
    // The raw log's footer, written by Power Gadget itself, checks the integration:
    // "Cumulative Package Energy_0 (Joules) = 27.408203", "Total Elapsed Time (sec) = 1.231120",
    // "Cumulative IA Energy_0 (Joules) = 22.814819", "Cumulative DRAM Energy_0 (Joules) = 1.170898".
    // The rows carry 3 decimals, so they agree to 0.001 J and 0.001 s.
    const LoadedLog log = LogLoader::loadBytes(readTestData(kRaw), kRaw);
    QVERIFY(log.ok());
    QCOMPARE(log.formatId, kFormat);
    QCOMPARE(log.metadata.value(QStringLiteral("footer: Cumulative Package Energy_0 (Joules)")), QStringLiteral("27.408203"));
    const TraceStats stats = analyzeTrace(log.trace);
    NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("package")) * 3600.0,
                    log.metadata.value(QStringLiteral("footer: Cumulative Package Energy_0 (Joules)")).toDouble(), 0.001);
    NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("cores")) * 3600.0,
                    log.metadata.value(QStringLiteral("footer: Cumulative IA Energy_0 (Joules)")).toDouble(), 0.001);
    NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("dram")) * 3600.0,
                    log.metadata.value(QStringLiteral("footer: Cumulative DRAM Energy_0 (Joules)")).toDouble(), 0.001);
    NW_COMPARE_NEAR(*stats.durationS, log.metadata.value(QStringLiteral("footer: Total Elapsed Time (sec)")).toDouble(), 0.001);
    // Mean package power: 27.408 J / 1.231 s = 22.2648 W (footer: 22.262827 W over 1.231120 s).
    NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("package")), 22.2648, 1e-3);
}

void TestIntelPowerGadget::recognisesRealFiles()
{
    verifyRecognisedAs(kFormat, {kRaw, kPandas});
}

void TestIntelPowerGadget::emptyInputIsAnError()
{
    const auto parsed = parseInChunks(kFormat, QByteArray(), 16);
    QCOMPARE(parsed->trace().size(), qsizetype(0));
    LoadOptions options;
    options.formatId = kFormat;
    const LoadedLog log = LogLoader::loadBytes(QByteArray(), QStringLiteral("empty.csv"), options);
    QVERIFY(!log.ok());
}

QTEST_APPLESS_MAIN(TestIntelPowerGadget)
#include "tst_intelpowergadget.moc"
