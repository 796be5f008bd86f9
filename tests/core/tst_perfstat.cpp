#include "formattesthelpers.h"

#include "formats/perfstatparser.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("perf-stat");
const QString kReal = QStringLiteral("perf-stat-energy-pkg-cores-locale-comma-nnbsp-MSc-Thesis.txt");

QByteArray run(const QByteArray &energyLines, const QByteArray &elapsedLine)
{
    return QByteArray("\n Performance counter stats for 'system wide':\n\n") + energyLines
         + "     1,557,680,448      cycles\n\n" + elapsedLine + "\n\n";
}

} // namespace

class TestPerfStat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void localeNumbers_data();
    void localeNumbers();
    void parses_data();
    void parses();
    void recognisesRealFile();
};

void TestPerfStat::localeNumbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("expected");
    QTest::newRow("C") << QByteArray("46.35") << 46.35;
    QTest::newRow("decimal comma") << QByteArray("46,35") << 46.35;
    QTest::newRow("en_US grouping") << QByteArray("1,234.56") << 1234.56;
    QTest::newRow("de_DE grouping") << QByteArray("1.234,56") << 1234.56;
    QTest::newRow("U+202F grouping") << QByteArray("1\xE2\x80\xAF" "234,56") << 1234.56;
    QTest::newRow("U+00A0 grouping") << QByteArray("1\xC2\xA0" "234,56") << 1234.56;
    QTest::newRow("elapsed, comma") << QByteArray("120,002210990") << 120.00221099;
}

void TestPerfStat::localeNumbers()
{
    QFETCH(QByteArray, text);
    QFETCH(double, expected);
    const auto value = PerfStatParser::parseLocaleNumber(text);
    QVERIFY(value);
    NW_COMPARE_NEAR(*value, expected, 1e-9);
}

void TestPerfStat::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("durationS");
    QTest::addColumn<double>("packageJ");
    QTest::addColumn<double>("coresJ"); // NaN: not counted
    QTest::addColumn<int>("issues");
    QTest::addColumn<qint64>("firstIssueLine");
    const double none = std::nan("");

    // 30 appended `perf stat -a … sleep 120` runs, decimal comma and U+202F groups. Summed by
    // hand from the file: energy-pkg 1508.14 J, energy-cores 73.90 J, elapsed 3600.071952053 s
    // (runs placed back to back: perf prints no clock).
    const QByteArray real = readTestData(kReal);
    QTest::newRow("real: 30 runs, comma locale") << real << 30 << 3600.071952053 << 1508.14 << 73.90 << 0 << qint64(0);
    QTest::newRow("CRLF") << withCrlf(real) << 30 << 3600.071952053 << 1508.14 << 73.90 << 0 << qint64(0);
    QTest::newRow("BOM") << withBom(real) << 30 << 3600.071952053 << 1508.14 << 73.90 << 0 << qint64(0);
    // Cut inside the last run's elapsed line: that run has no elapsed time and is left out
    // (issue at its first energy line, 439). The first 29 runs: 1464.20 J over 3480.0693702 s,
    // cores 73.90 - 2.72 (the last run's) = 71.18 J.
    QTest::newRow("cut-off last run") << cutOff(real, 10) << 29 << 3480.0693702 << 1464.20 << 71.18 << 1 << qint64(439);

    // C locale, one run: 46.35 J over 120.002210990 s.
    QTest::newRow("C locale") << run("             46.35 Joules power/energy-pkg/\n", "     120.002210990 seconds time elapsed")
                              << 1 << 120.00221099 << 46.35 << none << 0 << qint64(0);
    // -r 5: the value carries "( +- 1.24% )" and the elapsed line "+- 0.000736".
    QTest::newRow("repeat -r") << run("             10.50 Joules power/energy-pkg/            ( +-  1.24% )\n",
                                      "         34.922801 +- 0.000736 seconds time elapsed  ( +-  0.00% )")
                               << 1 << 34.922801 << 10.50 << none << 0 << qint64(0);
    // energy-cores not counted: missing, not 0.
    QTest::newRow("not counted") << run("             12.00 Joules power/energy-pkg/\n     <not counted>      Joules power/energy-cores/\n",
                                        "     10.000000000 seconds time elapsed")
                                 << 1 << 10.0 << 12.0 << none << 0 << qint64(0);
    QTest::newRow("not supported only") << run("     <not supported>      Joules power/energy-pkg/\n", "     10.000000000 seconds time elapsed")
                                        << 0 << none << none << none << 0 << qint64(0);
    QTest::newRow("garbage value") << run("             abc Joules power/energy-pkg/\n             2.00 Joules power/energy-cores/\n",
                                          "     10.000000000 seconds time elapsed")
                                   << 1 << 10.0 << none << 2.0 << 1 << qint64(4);
    // -I 1000: intervals end at 1.001 and 2.002 s, so two windows of 1.001 s; package 5 + 6 J.
    QTest::newRow("interval -I") << QByteArray("#           time             counts unit events\n"
                                               "     1.001000000               5.00 Joules power/energy-pkg/\n"
                                               "     1.001000000               1.00 Joules power/energy-cores/\n"
                                               "     2.002000000               6.00 Joules power/energy-pkg/\n"
                                               "     2.002000000               2.00 Joules power/energy-cores/\n")
                                 << 2 << 2.002 << 11.0 << 3.0 << 0 << qint64(0);
    QTest::newRow("interval -I, comma locale") << QByteArray("     1,001000000               5,00 Joules power/energy-pkg/\n"
                                                             "     2,002000000               6,00 Joules power/energy-pkg/\n")
                                               << 2 << 2.002 << 11.0 << none << 0 << qint64(0);
    // -x, : two runs told apart by the repeated event; windows from the run-time column (ns):
    // 46.35 J over 120.00221099 s, then 50 J over 100 s: 96.35 J over 220.00221099 s.
    QTest::newRow("csv -x,") << QByteArray("46.35,Joules,power/energy-pkg/,120002210990,100.00,,\n"
                                           "2.84,Joules,power/energy-cores/,120002210990,100.00,,\n"
                                           "50.00,Joules,power/energy-pkg/,100000000000,100.00,,\n")
                             << 2 << 220.00221099 << 96.35 << 2.84 << 0 << qint64(0);
    QTest::newRow("csv -x, -I") << QByteArray("1.001000000,5.00,Joules,power/energy-pkg/,1001000000,100.00,,\n"
                                              "2.002000000,6.00,Joules,power/energy-pkg/,1001000000,100.00,,\n")
                                << 2 << 2.002 << 11.0 << none << 0 << qint64(0);
    QTest::newRow("csv -x; decimal comma") << QByteArray("46,35;Joules;power/energy-pkg/;120002210990;100,00;;\n")
                                           << 1 << 120.00221099 << 46.35 << none << 0 << qint64(0);
    // --per-socket: two sockets' package energies add up: 20 + 30 J over 10 s.
    QTest::newRow("per socket") << run("S0        1             20,00 Joules power/energy-pkg/\n"
                                       "S1        1             30,00 Joules power/energy-pkg/\n",
                                       "     10,000000000 seconds time elapsed")
                                << 1 << 10.0 << 50.0 << none << 0 << qint64(0);
    QTest::newRow("header only") << QByteArray("\n Performance counter stats for 'system wide':\n\n") << 0 << none << none << none
                                 << 0 << qint64(0);
    QTest::newRow("empty") << QByteArray() << 0 << none << none << none << 0 << qint64(0);
}

void TestPerfStat::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, durationS);
    QFETCH(double, packageJ);
    QFETCH(double, coresJ);
    QFETCH(int, issues);
    QFETCH(qint64, firstIssueLine);

    forEachChunking(kFormat, bytes, 3, {samples, issues, firstIssueLine}, [&](Parsed &parsed, const TraceStats &stats) {
        QCOMPARE(parsed.trace().timing(), TimingKind::Windowed);
        NW_COMPARE_NEAR(*stats.durationS, durationS, 1e-4);
        QCOMPARE(stats.gaps, 0);
        if (!std::isnan(packageJ)) {
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("package")) * 3600.0, packageJ, 1e-3);
            NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, packageJ, 1e-3);
        }
        if (std::isnan(coresJ)) {
            const ChannelStats *cores = stats.channel(QStringLiteral("cores"));
            QVERIFY(!cores || cores->samples == 0);
        } else {
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("cores")) * 3600.0, coresJ, 1e-3);
        }
    });
}

void TestPerfStat::recognisesRealFile()
{
    const QByteArray bytes = readTestData(kReal);
    const SniffResult sniffed = sniffLogFormat(bytes);
    QVERIFY(sniffed.format);
    QCOMPARE(sniffed.format->id, kFormat);
    QVERIFY(sniffed.format->sniff(bytes) >= 60);
    // First run alone: 46.35 J / 120.00221099 s = 0.386243 W.
    const LoadedLog log = LogLoader::loadBytes(bytes, kReal);
    QVERIFY(log.ok());
    NW_COMPARE_NEAR(log.trace.value(log.trace.indexOf(QStringLiteral("package")), 0), 46.35 / 120.00221099, 1e-6);
    QCOMPARE(log.metadata.value(QStringLiteral("runs")), QStringLiteral("30"));
}

QTEST_APPLESS_MAIN(TestPerfStat)
#include "tst_perfstat.moc"
