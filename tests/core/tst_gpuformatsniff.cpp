#include "loadhelpers.h"

#include "formats/logformat.h"
#include "formats/powervalue.h"

#include <QRandomGenerator>
#include <QTest>

using namespace nightwatt;
using namespace nightwatt::test;

// Which format the registry picks for each real log of the GPU and CSV readers, and that the
// powermetrics logs are not taken by any of them.
class TestGpuFormatSniff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void picksFormat_data();
    void picksFormat();
    void powermetricsNotTaken_data();
    void powermetricsNotTaken();
    void refusedWithReason_data();
    void refusedWithReason();
    void survivesCutsAndGarbage_data();
    void survivesCutsAndGarbage();
};

void TestGpuFormatSniff::picksFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    const QString csvQuery = QStringLiteral("nvidia-smi-csv");
    QTest::newRow("h100x8 query") << "nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv" << csvQuery;
    QTest::newRow("titanx NUL tail") << "nvidia-smi-query-titanx-2gpu-nul-padded-tail-training_profile.csv" << csvQuery;
    QTest::newRow("titanx cut-off") << "nvidia-smi-query-titanx-2gpu-partial-last-line-training_profile.csv" << csvQuery;
    QTest::newRow("h100nvl no power") << "nvidia-smi-query-h100nvl-nopower-8KiB-truncated-thesis-mas.csv" << csvQuery;
    QTest::newRow("dmon -o TD") << "nvidia-smi-dmon-TD-mutc-a10-xuesongtap.txt" << "nvidia-smi-dmon";
    QTest::newRow("dmon -s m") << "nvidia-smi-dmon-s-m-8gpu-a100-xuesongtap.txt" << "nvidia-smi-dmon";
    QTest::newRow("table GH200") << "nvidia-smi-table-4xGH200-driver590-lsaie.txt" << "nvidia-smi-table";
    QTest::newRow("table P100") << "nvidia-smi-table-p100-driver470-predator-prey.txt" << "nvidia-smi-table";
    QTest::newRow("table RTX 5060 BOM") << "nvidia-smi-table-rtx5060-windows-wddm-SAUG-PFLlib.txt" << "nvidia-smi-table";
    QTest::newRow("-q V100") << "nvidia-smi-q-v100-driver470.txt" << "nvidia-smi-q";
    QTest::newRow("-q H100 -d POWER") << "nvidia-smi-q-h100-driver550-power-loop.txt" << "nvidia-smi-q";
    QTest::newRow("-q GH200") << "nvidia-smi-q-gh200-driver535-module-na.txt" << "nvidia-smi-q";
    QTest::newRow("-q 4x A100") << "nvidia-smi-q-4xa100-driver535-power-loop.txt" << "nvidia-smi-q";
    QTest::newRow("-q cut") << "nvidia-smi-q-2xa6000-driver515-loop-cut.txt" << "nvidia-smi-q";
    QTest::newRow("rapl vs wall plug") << "rapl-vs-wallplug-threadripper1950x-codecarbon-cpu-load-profiling.csv" << "csv";
}

void TestGpuFormatSniff::picksFormat()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    const QByteArray bytes = readData(file);
    QVERIFY(!bytes.isEmpty());
    const SniffResult result = sniffLogFormat(QByteArrayView(bytes).first(std::min(bytes.size(), kSniffBytes)));
    QVERIFY(result.format);
    QCOMPARE(result.format->id, format);
}

void TestGpuFormatSniff::powermetricsNotTaken_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("m1") << "powermetrics-m1-macbookair10_1-codecarbon.txt";
    QTest::newRow("m1max") << "powermetrics-m1max-macos13beta-sspdd.txt";
    QTest::newRow("m2pro") << "powermetrics-m2pro-mac14_10-macos26-gpu_power-EXCERPT-beszel.txt";
    QTest::newRow("m4") << "powermetrics-m4-mac16_6-macos15-binsquare.txt";
}

void TestGpuFormatSniff::powermetricsNotTaken()
{
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    for (const char *id : {"nvidia-smi-csv", "nvidia-smi-dmon", "nvidia-smi-table", "nvidia-smi-q", "csv"})
        QCOMPARE(logFormatById(QString::fromLatin1(id))->sniff(bytes), 0);
    QCOMPARE(sniffLogFormat(bytes).format->id, QStringLiteral("powermetrics-text"));
}

void TestGpuFormatSniff::refusedWithReason_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("query without power.draw") << "nvidia-smi-query-h100nvl-nopower-8KiB-truncated-thesis-mas.csv";
    QTest::newRow("dmon -s mutc") << "nvidia-smi-dmon-TD-mutc-a10-xuesongtap.txt";
    QTest::newRow("dmon -s m") << "nvidia-smi-dmon-s-m-8gpu-a100-xuesongtap.txt";
}

// A GPU log without power is recognised as what it is and refused for that reason, on line 1.
void TestGpuFormatSniff::refusedWithReason()
{
    QFETCH(QString, file);
    const LoadedLog log = LogLoader::loadFile(dataPath(file));
    QVERIFY(!log.ok());
    QVERIFY2(log.error.startsWith(QStringLiteral("no power column")), qPrintable(log.error));
    QCOMPARE(log.errorLine, qint64(1));
}

void TestGpuFormatSniff::survivesCutsAndGarbage_data()
{
    picksFormat_data();
}

// A log cut anywhere (a copy taken while it was written) or with bytes flipped loads what it can:
// never more samples than the whole log, never a crash, and each channel stays in watts range.
void TestGpuFormatSniff::survivesCutsAndGarbage()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    const QByteArray bytes = readData(file);
    const LoadedLog whole = loadText(bytes, format);
    QRandomGenerator random(42);
    for (int cut = 1; cut <= 60; ++cut) {
        const qsizetype at = bytes.size() * cut / 61;
        const LoadedLog part = loadText(bytes.first(at), format);
        QVERIFY(part.trace.size() <= whole.trace.size());
        QByteArray noisy = bytes;
        for (int flip = 0; flip < 20; ++flip)
            noisy[random.bounded(int(noisy.size()))] = char(random.bounded(256));
        const LoadedLog garbled = loadText(noisy, format);
        for (int c = 0; c < garbled.trace.channelCount(); ++c) {
            for (float v : garbled.trace.values(c))
                QVERIFY(isMissing(v) || (v >= 0 && v <= kMaxPlausiblePowerW));
        }
    }
}

QTEST_APPLESS_MAIN(TestGpuFormatSniff)
#include "tst_gpuformatsniff.moc"
