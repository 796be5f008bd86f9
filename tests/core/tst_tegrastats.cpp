#include "formattesthelpers.h"

#include <QTimeZone>

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("tegrastats");
const QString kOrin = QStringLiteral("tegrastats-agx-orin-64gb-hanner123-llm-pipeline.log");
const QString kXavierNx = QStringLiteral("tegrastats-xavier-nx-bjgeiser-tegra-burn.log");
const QString kNano = QStringLiteral("tegrastats-nano-sumantbagri-csc2231.txt");
const QString kTx2 = QStringLiteral("tegrastats-tx2-ssaraff98-timelog.txt");

// An AGX Orin line of a newer L4T: four module rails, no input rail.
QByteArray orinLine(const char *stamp, int gpu, int cpu, int sys, int ao)
{
    return QByteArray(stamp) + " RAM 17953/62841MB (lfb 9x4MB) SWAP 0/31420MB (cached 0MB) CPU [7%@1728,off] EMC_FREQ 12%@204 "
         + "GR3D_FREQ 39%@[305,0] APE 174 cpu@43.906C VDD_GPU_SOC " + QByteArray::number(gpu) + "mW/2798mW VDD_CPU_CV "
         + QByteArray::number(cpu) + "mW/799mW VIN_SYS_5V0 " + QByteArray::number(sys) + "mW/3315mW VDDQ_VDD2_1V8AO "
         + QByteArray::number(ao) + "mW/500mW\n";
}

// A Nano line of JetPack 4: bare integers, no time prefix.
QByteArray nanoLine(int in, int gpu, int cpu)
{
    return "RAM 936/3964MB (lfb 366x4MB) SWAP 0/4096MB (cached 0MB) IRAM 0/252kB(lfb 252kB) CPU [10%@102,3%@102] "
           "EMC_FREQ 0%@204 GR3D_FREQ 0%@76 APE 25 PLL@24C POM_5V_IN "
         + QByteArray::number(in) + "/920 POM_5V_GPU " + QByteArray::number(gpu) + "/0 POM_5V_CPU " + QByteArray::number(cpu)
         + "/119\n";
}

double energyJ(const TraceStats &stats, const char *id)
{
    return channelEnergyWh(stats, QString::fromLatin1(id)) * 3600.0;
}

} // namespace

class TestTegrastats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognisesRealFiles();
    void orinRailsAddUp();
    void xavierNxInputRailIsTheTotal();
    void nanoBareIntegersWithoutTime();
    void tx2DateLineAndDevkitRails();
    void intervalOptionSpacesUnstampedSamples();
    void junkAndAppendedRunsAreSkipped();
    void samplesInOneSecondArePlacedByInterval();
    void newerOrinRailIsAComponent();
    void logWithoutRailsIsRefused();
    void cutOffLastLineIsLeftOut();
};

void TestTegrastats::recognisesRealFiles()
{
    verifyRecognisedAs(kFormat, {kOrin, kXavierNx, kNano, kTx2});
}

void TestTegrastats::orinRailsAddUp()
{
    const QByteArray bytes = readTestData(kOrin);
    for (const qsizetype chunk : {bytes.size() + 1, qsizetype(7)}) {
        const auto parsed = parseInChunks(kFormat, bytes, chunk);
        QCOMPARE(parsed->trace().size(), qsizetype(15));
        QCOMPARE(parsed->builder.issueCount(), qint64(0));
        QCOMPARE(parsed->trace().timing(), TimingKind::Points);
        QCOMPARE(parsed->trace().clockAtZero(), QDateTime(QDate(2025, 7, 21), QTime(16, 33, 42)));
        const TraceStats stats = analyzeTrace(parsed->trace());
        // 1 s apart except 16:33:45 -> 16:33:47: the trapezoid is the sum of the 15 readings less
        // half the two ends, plus the 2 s step's own mean once more.
        // VDD_GPU_SOC: 40373 - (2798 + 2399)/2 + (2798 + 2798)/2 = 40572.5 mJ
        NW_COMPARE_NEAR(energyJ(stats, "gpu"), 40.5725, 1e-6);
        // VDD_CPU_CV: 9985 - (799 + 399)/2 + (799 + 799)/2 = 10185 mJ
        NW_COMPARE_NEAR(energyJ(stats, "cpu"), 10.185, 1e-6);
        // VIN_SYS_5V0: 45909 - (3315 + 2813)/2 + (3114 + 3215)/2 = 46009.5 mJ
        NW_COMPARE_NEAR(energyJ(stats, "vin_sys_5v0"), 46.0095, 1e-6);
        // No input rail: the three module rails are the total, 96.767 J over 15 s.
        QCOMPARE(stats.total.components.size(), qsizetype(3));
        NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, 96.767, 1e-5);
        NW_COMPARE_NEAR(stats.total.meanW, 96.767 / 15.0, 1e-6);
    }
    const LoadedLog log = LogLoader::loadBytes(bytes, kOrin);
    QVERIFY(log.metadata.value(QStringLiteral("total")).contains(QStringLiteral("VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0")));
}

void TestTegrastats::xavierNxInputRailIsTheTotal()
{
    const auto parsed = parseInChunks(kFormat, readTestData(kXavierNx), 4096);
    QCOMPARE(parsed->trace().size(), qsizetype(103));
    QCOMPARE(parsed->builder.issueCount(), qint64(0));
    const TraceStats stats = analyzeTrace(parsed->trace());
    // 20:05:55 .. 20:07:40 is 105 s with three 2 s steps (before lines 17, 47 and 80).
    // VDD_IN: 1317553 - (5542 + 13751)/2 + (13671 + 13552)/2 + (13671 + 13671)/2 + (13751 + 13671)/2
    //       = 1348900 mJ.
    NW_COMPARE_NEAR(energyJ(stats, "input"), 1348.9, 1e-4);
    QCOMPARE(stats.total.components, QStringList{QStringLiteral("input")});
    NW_COMPARE_NEAR(stats.total.meanW, 1348.9 / 105.0, 1e-6);
    // VDD_CPU_GPU_CV feeds CPU, GPU and CV at once: one channel of its own, a part of VDD_IN.
    const ChannelStats *combined = stats.channel(QStringLiteral("vdd_cpu_gpu_cv"));
    QVERIFY(combined);
    QCOMPARE(combined->role, ChannelRole::Auxiliary);
    QCOMPARE(stats.channel(QStringLiteral("vdd_soc"))->role, ChannelRole::Auxiliary);
}

void TestTegrastats::nanoBareIntegersWithoutTime()
{
    const QByteArray bytes = readTestData(kNano);
    for (const QByteArray &variant : {bytes, withCrlf(bytes), withBom(bytes)}) {
        const auto parsed = parseInChunks(kFormat, variant, 100);
        QCOMPARE(parsed->trace().size(), qsizetype(114));
        QCOMPARE(parsed->builder.issueCount(), qint64(0));
        QCOMPARE(parsed->trace().timing(), TimingKind::Points);
        const TraceStats stats = analyzeTrace(parsed->trace());
        // Bare integers are mW. 114 samples 1 s apart (tegrastats' default): 113 s.
        // POM_5V_IN: (505788 - (920 + 1613)/2) mJ
        NW_COMPARE_NEAR(energyJ(stats, "input"), 504.5215, 1e-5);
        NW_COMPARE_NEAR(stats.total.meanW, 504.5215 / 113.0, 1e-6);
        // POM_5V_GPU: 254294 - (0 + 118)/2; POM_5V_CPU: 46413 - (119 + 117)/2.
        NW_COMPARE_NEAR(energyJ(stats, "gpu"), 254.235, 1e-5);
        NW_COMPARE_NEAR(energyJ(stats, "cpu"), 46.295, 1e-5);
        QCOMPARE(stats.total.components, QStringList{QStringLiteral("input")});
        // The `cur` figures are read, not tegrastats' running `avg`: that run started with this
        // log, so the last avg (POM_5V_IN 1613/4436) is the mean of the 114 cur readings,
        // 505788 / 114 = 4436.7 mW.
        const Trace &trace = parsed->trace();
        double sum = 0;
        for (qsizetype i = 0; i < trace.size(); ++i)
            sum += double(trace.value(trace.indexOf(QStringLiteral("input")), i));
        NW_COMPARE_NEAR(sum / 114.0, 4.4367, 1e-4);
    }
    const LoadedLog log = LogLoader::loadBytes(bytes, kNano);
    QVERIFY(log.metadata.value(QStringLiteral("timing")).contains(QStringLiteral("1000 ms")));
}

void TestTegrastats::tx2DateLineAndDevkitRails()
{
    const auto parsed = parseInChunks(kFormat, readTestData(kTx2), 333);
    // Line 1 is `date` output, not a sample; it gives the clock of the first sample.
    QCOMPARE(parsed->trace().size(), qsizetype(99));
    QCOMPARE(parsed->builder.issueCount(), qint64(0));
    QCOMPARE(parsed->trace().clockAtZero(), QDateTime(QDate(2020, 12, 17), QTime(18, 16, 50), QTimeZone::utc()));
    const TraceStats stats = analyzeTrace(parsed->trace());
    // VDD_IN is the fourth rail here, still the total: (615353 - (3258 + 3526)/2) mJ over 98 s.
    NW_COMPARE_NEAR(energyJ(stats, "input"), 611.961, 1e-5);
    QCOMPARE(stats.total.components, QStringList{QStringLiteral("input")});
    // VDD_SYS_GPU and VDD_SYS_CPU are the GPU and CPU channels, parts of VDD_IN.
    QCOMPARE(stats.channel(QStringLiteral("gpu"))->role, ChannelRole::Auxiliary);
    NW_COMPARE_NEAR(energyJ(stats, "gpu"), 176.306, 1e-5); // 176459 - (153 + 153)/2
    NW_COMPARE_NEAR(energyJ(stats, "cpu"), 104.7155, 1e-5); // 105482 - (690 + 843)/2
    QVERIFY(stats.channel(QStringLiteral("vdd_sys_ddr")));
    QVERIFY(stats.channel(QStringLiteral("vdd_4v0_wifi")));
}

void TestTegrastats::intervalOptionSpacesUnstampedSamples()
{
    LoadOptions options;
    options.intervalMs = 500;
    const LoadedLog log = LogLoader::loadBytes(readTestData(kNano), kNano, options);
    QVERIFY(log.ok());
    const TraceStats stats = analyzeTrace(log.trace);
    // tegrastats --interval 500: the same readings over 113 × 0.5 s hold half the energy.
    NW_COMPARE_NEAR(energyJ(stats, "input"), 504.5215 / 2, 1e-5);
    NW_COMPARE_NEAR(log.trace.timeS(log.trace.size() - 1), 56.5, 1e-9);
    QVERIFY(log.metadata.value(QStringLiteral("timing")).contains(QStringLiteral("500 ms")));
}

void TestTegrastats::junkAndAppendedRunsAreSkipped()
{
    const QByteArray bytes = QByteArray("nvidia@jetson:~$ sudo tegrastats | tee log.txt\n[sudo] password for nvidia: \n\n")
                           + nanoLine(1000, 100, 200) + nanoLine(2000, 200, 400) + "^C\nnvidia@jetson:~$ date\n"
                           + "Mon Jan  4 10:00:00 CET 2021\n\n" + nanoLine(3000, 300, 600) + "\n";
    for (const qsizetype chunk : {bytes.size() + 1, qsizetype(1)}) {
        const auto parsed = parseInChunks(kFormat, bytes, chunk);
        QCOMPARE(parsed->trace().size(), qsizetype(3));
        QCOMPARE(parsed->builder.issueCount(), qint64(0));
        const TraceStats stats = analyzeTrace(parsed->trace());
        // 1, 2, 3 W one second apart: (1 + 2)/2 + (2 + 3)/2 = 4 J.
        NW_COMPARE_NEAR(energyJ(stats, "input"), 4.0, 1e-9);
    }
    QCOMPARE(sniffLogFormat(bytes).format->id, kFormat);
}

void TestTegrastats::samplesInOneSecondArePlacedByInterval()
{
    const QByteArray bytes = orinLine("01-02-2026 10:00:00", 1000, 1000, 1000, 1000)
                           + orinLine("01-02-2026 10:00:00", 2000, 1000, 1000, 1000)
                           + orinLine("01-02-2026 10:00:01", 3000, 1000, 1000, 1000)
                           + orinLine("01-02-2026 10:00:01", 4000, 1000, 1000, 1000);
    LoadOptions options;
    options.intervalMs = 500;
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("fast"), options);
    QVERIFY(log.ok());
    QCOMPARE(log.issueCount, qint64(0));
    QCOMPARE(log.trace.size(), qsizetype(4));
    for (qsizetype i = 0; i < 4; ++i)
        NW_COMPARE_NEAR(log.trace.timeS(i), 0.5 * double(i), 1e-9);
    // Without --interval-ms they are still kept, one default interval apart, and the reader says so.
    const LoadedLog guessed = LogLoader::loadBytes(bytes, QStringLiteral("fast"));
    QCOMPARE(guessed.trace.size(), qsizetype(4));
    QCOMPARE(guessed.issueCount, qint64(1));
    QCOMPARE(guessed.issues.first().line, qint64(2));
    QVERIFY(guessed.issues.first().message.contains(QStringLiteral("--interval-ms")));
}

void TestTegrastats::newerOrinRailIsAComponent()
{
    const QByteArray bytes = orinLine("01-02-2026 10:00:00", 4000, 2000, 3000, 500)
                           + orinLine("01-02-2026 10:00:01", 4000, 2000, 3000, 700);
    const auto parsed = parseInChunks(kFormat, bytes, 16);
    const TraceStats stats = analyzeTrace(parsed->trace());
    // No input rail: all four module rails add up, 9.5 W then 9.7 W.
    QCOMPARE(stats.total.components.size(), qsizetype(4));
    QVERIFY(stats.total.components.contains(QStringLiteral("vddq_vdd2_1v8ao")));
    NW_COMPARE_NEAR(stats.total.meanW, 9.6, 1e-6);
}

void TestTegrastats::logWithoutRailsIsRefused()
{
    QByteArray line = orinLine("01-02-2026 10:00:00", 1, 1, 1, 1);
    line.truncate(line.indexOf(" VDD_GPU_SOC"));
    const QByteArray bytes = line + '\n' + line + '\n';
    const auto parsed = parseInChunks(kFormat, bytes, 64);
    QCOMPARE(parsed->trace().size(), qsizetype(0));
    QVERIFY2(parsed->refusal.contains(QStringLiteral("power")), qPrintable(parsed->refusal));
    QCOMPARE(parsed->builder.failure()->line, qint64(1));
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("orin.log"));
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(QStringLiteral("power")), qPrintable(log.error));
}

void TestTegrastats::cutOffLastLineIsLeftOut()
{
    const QByteArray whole = readTestData(kXavierNx);
    // Cut inside the last line's VDD_SOC average ("2063mW/1951mW" -> "2063mW/19"): left out.
    const auto cut = parseInChunks(kFormat, cutOff(whole, 4), 512);
    QCOMPARE(cut->trace().size(), qsizetype(102));
    QCOMPARE(cut->builder.issueCount(), qint64(1));
    QCOMPARE(cut->builder.issues().first().line, qint64(103));
    // Only the newline is missing: the last line is whole and kept.
    const auto unterminated = parseInChunks(kFormat, cutOff(whole, 0), 512);
    QCOMPARE(unterminated->trace().size(), qsizetype(103));
    QCOMPARE(unterminated->builder.issueCount(), qint64(0));
}

QTEST_APPLESS_MAIN(TestTegrastats)
#include "tst_tegrastats.moc"
