#include "formattesthelpers.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("sensors");
const QString kReal = QStringLiteral("sensors-Au-amdgpu-ppt-netdata-testdata.txt");

// One `sensors -u` dump of a machine with an amdgpu card and a battery (written for this test).
QByteArray dump(const char *gpuW, const char *batteryW)
{
    return QByteArray("amdgpu-pci-0300\nAdapter: PCI adapter\nedge:\n  temp1_input: 53.000\nPPT:\n  power1_average: ") + gpuW
         + "\n  power1_cap: 120.000\n\nBAT0-acpi-0\nAdapter: ACPI interface\npower1:\n  power1_input: " + batteryW + "\n\n";
}

} // namespace

class TestSensors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognisesRealFile();
    void realDumpReadsBothAmdgpuPpt();
    void appendedDumpsWithInterval();
    void plainSensorsOutput();
    void withoutPowerIsRefused();
    void cutOffFigureIsLeftOut();
};

void TestSensors::recognisesRealFile()
{
    const QString problem = recognitionProblem(kReal, kFormat);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSensors::realDumpReadsBothAmdgpuPpt()
{
    const QByteArray bytes = readTestData(kReal);
    for (const QByteArray &variant : {bytes, withCrlf(bytes)}) {
        for (const qsizetype chunk : {variant.size() + 1, qsizetype(1), qsizetype(50)}) {
            const auto parsed = parseInChunks(kFormat, variant, chunk);
            QCOMPARE(parsed->trace().size(), qsizetype(1));
            QCOMPARE(parsed->builder.issueCount(), qint64(0));
            QCOMPARE(parsed->trace().timing(), TimingKind::None);
            const TraceStats stats = analyzeTrace(parsed->trace());
            // The iGPU's PPT has power1_average 5.088 and power1_input 8.144: the average is read.
            NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("amdgpu_pci_6700_ppt")), 5.088, 1e-6);
            // The dGPU's PPT has power1_average 29.000 and a cap of 120 W, which is not a reading.
            NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("amdgpu_pci_0300_ppt")), 29.0, 1e-6);
            // Both are GPUs: 5.088 + 29 = 34.088 W.
            QCOMPARE(stats.total.components.size(), qsizetype(2));
            NW_COMPARE_NEAR(stats.total.meanW, 34.088, 1e-6);
        }
    }
}

void TestSensors::appendedDumpsWithInterval()
{
    const QByteArray bytes = dump("20.000", "9.000") + dump("30.000", "11.000") + dump("40.000", "10.000");
    LoadOptions options;
    options.intervalMs = 1000;
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("loop"), options);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.issueCount, qint64(0));
    QCOMPARE(log.trace.size(), qsizetype(3));
    const TraceStats stats = analyzeTrace(log.trace);
    // GPU 20, 30, 40 W one second apart: (20 + 30)/2 + (30 + 40)/2 = 60 J. The battery's
    // discharge rate is shown, never added: 9, 11, 10 W hold (9 + 11)/2 + (11 + 10)/2 = 20.5 J
    // over 2 s, a mean of 10.25 W.
    QCOMPARE(stats.total.components, QStringList{QStringLiteral("amdgpu_pci_0300_ppt")});
    NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, 60.0, 1e-9);
    QCOMPARE(stats.channel(QStringLiteral("bat0_acpi_0_power1"))->role, ChannelRole::Auxiliary);
    NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("bat0_acpi_0_power1")), 10.25, 1e-9);
}

void TestSensors::plainSensorsOutput()
{
    const QByteArray bytes = "amdgpu-pci-0300\nAdapter: PCI adapter\nvddgfx:     787.00 mV\nedge:         +53.0\xC2\xB0" "C\n"
                             "PPT:          29.00 W  (cap = 120.00 W)\n\namdgpu-pci-6700\nAdapter: PCI adapter\n"
                             "PPT:        5088.00 mW\n\n";
    QCOMPARE(sniffLogFormat(bytes).format->id, kFormat);
    const auto parsed = parseInChunks(kFormat, bytes, 3);
    QCOMPARE(parsed->trace().size(), qsizetype(1));
    const TraceStats stats = analyzeTrace(parsed->trace());
    // 29.00 W + 5088.00 mW; the 787 mV figure is not power.
    NW_COMPARE_NEAR(stats.total.meanW, 34.088, 1e-6);
}

void TestSensors::withoutPowerIsRefused()
{
    const QByteArray bytes = "k10temp-pci-00c3\nTctl:\n  temp1_input: 90.000\n";
    const auto parsed = parseInChunks(kFormat, bytes, 4);
    QCOMPARE(parsed->trace().size(), qsizetype(0));
    QVERIFY2(parsed->refusal.contains(QStringLiteral("power")), qPrintable(parsed->refusal));
    QCOMPARE(parsed->builder.failure()->line, qint64(1));
}

void TestSensors::cutOffFigureIsLeftOut()
{
    // The log ends in the middle of "power1_input: 11.000".
    const QByteArray bytes = dump("20.000", "9.000") + "amdgpu-pci-0300\nPPT:\n  power1_average: 30.000\nBAT0-acpi-0\npower1:\n"
                                                       "  power1_input: 11.0";
    const auto parsed = parseInChunks(kFormat, bytes, 7);
    QCOMPARE(parsed->builder.issueCount(), qint64(1));
    QCOMPARE(parsed->builder.issues().first().line, qint64(19));
    // Both dumps are kept: the second without its battery figure.
    QCOMPARE(parsed->trace().size(), qsizetype(2));
}

QTEST_APPLESS_MAIN(TestSensors)
#include "tst_sensors.moc"
