#include "loadhelpers.h"

#include "formats/logformat.h"

#include <QTest>

using namespace nightwatt;
using namespace nightwatt::test;

class TestNvidiaSmiTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realFiles_data();
    void realFiles();
    void repeatedBlocks();
    void edgeCases_data();
    void edgeCases();
};

void TestNvidiaSmiTable::realFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<float>>("watts"); // the "NNW / MMMW" fields, read off the files
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("gpu0Name");

    QTest::newRow("4x GH200, driver 590") << "nvidia-smi-table-4xGH200-driver590-lsaie.txt" << QList<float>{92, 80, 100, 99}
                                          << "590.48.01" << "NVIDIA GH200 120GB";
    QTest::newRow("P100, driver 470 layout") << "nvidia-smi-table-p100-driver470-predator-prey.txt" << QList<float>{23} << "470.82.01"
                                             << "Tesla P100-PCIE...";
    QTest::newRow("RTX 5060, Windows, BOM") << "nvidia-smi-table-rtx5060-windows-wddm-SAUG-PFLlib.txt" << QList<float>{32} << "576.88"
                                            << "NVIDIA GeForce RTX 5060";
}

void TestNvidiaSmiTable::realFiles()
{
    QFETCH(QString, file);
    QFETCH(QList<float>, watts);
    QFETCH(QString, driver);
    QFETCH(QString, gpu0Name);

    QCOMPARE(sniffLogFormat(readData(file)).format->id, QStringLiteral("nvidia-smi-table"));
    const LoadedLog log = LogLoader::loadFile(dataPath(file));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.issueCount, qint64(0));
    // One table is one instant: a single sample with no duration, so no energy.
    QCOMPARE(log.trace.size(), qsizetype(1));
    QCOMPARE(log.trace.channelCount(), int(watts.size()));
    double sum = 0;
    for (int gpu = 0; gpu < watts.size(); ++gpu) {
        QCOMPARE(log.trace.channel(gpu).id, QStringLiteral("gpu%1").arg(gpu));
        QCOMPARE(log.trace.value(gpu, 0), watts[gpu]);
        sum += watts[gpu];
    }
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.total.meanW, sum); // GH200: 92 + 80 + 100 + 99 = 371 W
    QVERIFY(!stats.total.energyWh);
    QCOMPARE(log.metadata.value(QStringLiteral("driver_version")), driver);
    QCOMPARE(log.metadata.value(QStringLiteral("gpu0_name")), gpu0Name);
}

// `nvidia-smi -l 5` prints the table again every 5 s, each starting with its time line.
void TestNvidiaSmiTable::repeatedBlocks()
{
    const QByteArray first = readData(QStringLiteral("nvidia-smi-table-p100-driver470-predator-prey.txt"));
    QByteArray second = first;
    second.replace("22:46:46", "22:46:51");
    second.replace("23W / 250W", "33W / 250W");
    const LoadedLog log = loadText(first + second);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), qsizetype(2));
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.timeS(1), 5.0);
    const TraceStats stats = analyzeTrace(log.trace);
    // (23 + 33) / 2 W x 5 s = 140 J
    QVERIFY(stats.total.energyWh && qAbs(*stats.total.energyWh - 140.0 / 3600) < 1e-9);
    QCOMPARE(stats.total.meanW, 28.0);
    QCOMPARE(log.trace.clockAtZero().time(), QTime(22, 46, 46));
}

void TestNvidiaSmiTable::edgeCases_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("gpusWithPower");
    QTest::addColumn<double>("totalMeanW");
    QTest::addColumn<QString>("issue");

    const QByteArray gh200 = readData(QStringLiteral("nvidia-smi-table-4xGH200-driver590-lsaie.txt"));
    QByteArray crlf = gh200;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF") << crlf << QString() << 4 << 371.0 << QString();
    // Quadro P1000 style: the power is not reported at all.
    QByteArray noPower = gh200;
    noPower.replace("92W /  900W", "N/A /  N/A ");
    QTest::newRow("N/A / N/A power") << noPower << QString() << 3 << 279.0 << QStringLiteral("GPU 0 power draw is \"N/A\"");
    // Pasted without its time line: one sample without timing.
    QTest::newRow("no time line") << gh200.sliced(gh200.indexOf('\n') + 1) << QString() << 4 << 371.0 << QString();
    QTest::newRow("banner only") << gh200.first(gh200.indexOf("|   0")) << QStringLiteral("no power data found") << 0 << 0.0 << QString();
}

void TestNvidiaSmiTable::edgeCases()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QFETCH(int, gpusWithPower);
    QFETCH(double, totalMeanW);
    QFETCH(QString, issue);

    const LoadedLog log = loadText(input);
    if (!error.isEmpty()) {
        QVERIFY(!log.ok());
        QVERIFY2(log.error.contains(error), qPrintable(log.error));
        return;
    }
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-table"));
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(qsizetype(stats.channels.size()), qsizetype(gpusWithPower));
    QCOMPARE(stats.total.meanW, totalMeanW);
    if (issue.isEmpty())
        QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
    else
        QVERIFY2(hasIssue(log, issue), qPrintable(issuesText(log)));
}

QTEST_APPLESS_MAIN(TestNvidiaSmiTable)
#include "tst_nvidiasmitable.moc"
