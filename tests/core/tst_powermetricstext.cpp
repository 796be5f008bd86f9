#include "analysis/tracestats.h"
#include "formats/logformat.h"
#include "formats/powermetricstextparser.h"
#include "formats/tracebuilder.h"
#include "io/logloader.h"

#include <QFile>
#include <QTest>

#include <numeric>

using namespace nightwatt;
using namespace Qt::StringLiterals;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(NIGHTWATT_TEST_DATA "/") + QString::fromLatin1(name);
}

QByteArray readData(const char *name)
{
    QFile file(dataFile(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return file.readAll();
}

// Time-weighted mean and energy of windowed samples, computed here from values read off the file
// by hand, independently of the code under test.
struct Windowed
{
    std::vector<double> windowsS;
    std::vector<double> valuesW;
    double energyWh() const
    {
        double ws = 0;
        for (size_t i = 0; i < valuesW.size(); ++i)
            ws += valuesW[i] * windowsS[i];
        return ws / 3600.0;
    }
    double meanW() const
    {
        return energyWh() * 3600.0 / std::accumulate(windowsS.begin(), windowsS.end(), 0.0);
    }
};

std::vector<double> milli(std::initializer_list<double> values)
{
    std::vector<double> out;
    for (double v : values)
        out.push_back(v / 1000.0);
    return out;
}

LoadedLog loadInChunks(const QByteArray &bytes, qsizetype chunk)
{
    TraceBuilder builder;
    PowermetricsTextParser parser;
    parser.setSink(&builder);
    for (qsizetype at = 0; at < bytes.size(); at += chunk)
        parser.feed(QByteArrayView(bytes).sliced(at, std::min(chunk, bytes.size() - at)));
    parser.finish();
    LoadedLog log;
    log.trace = std::move(builder.trace());
    log.issues = builder.issues();
    log.issueCount = builder.issueCount();
    return log;
}

bool near(double actual, double expected, double relative = 1e-5)
{
    return std::abs(actual - expected) <= relative * std::max(1e-12, std::abs(expected));
}

} // namespace

class TestPowermetricsText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realLogs_data();
    void realLogs();
    void sniffsRealLogs();
    void chunkBoundariesDoNotMatter_data();
    void chunkBoundariesDoNotMatter();
    void appendedRunsLeaveAGap();
    void grepLinesWorkedExample();
    void intelPackagePower();
    void edgeCases_data();
    void edgeCases();
    void refusals_data();
    void refusals();
};

void TestPowermetricsText::realLogs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("cpuMeanW");
    QTest::addColumn<double>("gpuMeanW");
    QTest::addColumn<double>("totalEnergyWh");
    QTest::addColumn<double>("coveredS");
    QTest::addColumn<QStringList>("components");
    QTest::addColumn<QStringList>("channels");

    {
        // M1, macOS 12.6: ten ~105 ms samples with cluster, DRAM and Package lines.
        const auto windows = milli({104.51, 104.81, 105.93, 108.22, 109.24, 108.45, 108.38, 106.72, 108.88, 108.92});
        const Windowed cpu{windows, milli({947, 420, 208, 102, 156, 369, 231, 272, 202, 239})};
        const Windowed gpu{windows, milli({153, 67, 28, 9, 9, 46, 28, 19, 18, 9})};
        QTest::newRow("m1-macos12-10-samples")
            << dataFile("powermetrics-m1-macbookair10_1-codecarbon.txt") << 10 << cpu.meanW() << gpu.meanW()
            << cpu.energyWh() + gpu.energyWh() // ANE is 0 mW throughout
            << std::accumulate(windows.begin(), windows.end(), 0.0) << QStringList{u"ane"_s, u"cpu"_s, u"gpu"_s}
            << QStringList{u"ane"_s, u"cpu"_s, u"dram"_s, u"e_cluster"_s, u"gpu"_s, u"p_cluster"_s, u"package"_s};
    }
    {
        // M1 Max, macOS 13 beta: two single-sample runs appended to one file (two preambles).
        const auto windows = milli({5006.24, 5007.65});
        const Windowed cpu{windows, milli({23639, 23282})};
        const Windowed gpu{windows, milli({109, 28})};
        QTest::newRow("m1max-macos13beta-appended-runs")
            << dataFile("powermetrics-m1max-macos13beta-sspdd.txt") << 2 << cpu.meanW() << gpu.meanW()
            << cpu.energyWh() + gpu.energyWh() << 5.00624 + 5.00765 << QStringList{u"ane"_s, u"cpu"_s, u"gpu"_s}
            << QStringList{u"ane"_s, u"cpu"_s, u"dram"_s, u"e_cluster"_s, u"gpu"_s, u"p0_cluster"_s, u"p1_cluster"_s, u"package"_s};
    }
    {
        // M4, macOS 15.5: one 5 s sample, Combined line, GPU Power printed twice (counted once).
        const Windowed cpu{{5.02196}, {0.954}};
        const Windowed gpu{{5.02196}, {0.028}};
        QTest::newRow("m4-macos15-gpu-twice")
            << dataFile("powermetrics-m4-mac16_6-macos15-binsquare.txt") << 1 << 0.954 << 0.028
            << cpu.energyWh() + gpu.energyWh() << 5.02196 << QStringList{u"ane"_s, u"cpu"_s, u"gpu"_s}
            << QStringList{u"ane"_s, u"combined"_s, u"cpu"_s, u"gpu"_s};
    }
    {
        // M2 Pro, macOS 26, gpu_power sampler only: a single GPU line of 4 mW over 503.05 ms.
        const Windowed gpu{{0.50305}, {0.004}};
        QTest::newRow("m2pro-macos26-gpu-only")
            << dataFile("powermetrics-m2pro-mac14_10-macos26-gpu_power-EXCERPT-beszel.txt") << 1 << -1.0 << 0.004
            << gpu.energyWh() << 0.50305 << QStringList{u"gpu"_s} << QStringList{u"gpu"_s};
    }
}

void TestPowermetricsText::realLogs()
{
    QFETCH(QString, file);
    QFETCH(int, samples);
    QFETCH(double, cpuMeanW);
    QFETCH(double, gpuMeanW);
    QFETCH(double, totalEnergyWh);
    QFETCH(double, coveredS);
    QFETCH(QStringList, components);
    QFETCH(QStringList, channels);

    const LoadedLog log = LogLoader::loadFile(file);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("powermetrics-text"));
    QCOMPARE(log.issueCount, 0);
    QCOMPARE(log.trace.timing(), TimingKind::Windowed);
    QVERIFY(log.trace.clockAtZero().isValid());

    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.samples, samples);
    QStringList ids;
    for (const auto &c : stats.channels)
        ids.append(c.id);
    ids.sort();
    QCOMPARE(ids, channels);
    QStringList totalComponents = stats.total.components;
    totalComponents.sort();
    QCOMPARE(totalComponents, components);
    if (cpuMeanW >= 0)
        QVERIFY2(near(stats.channel(QStringLiteral("cpu"))->meanW, cpuMeanW), qPrintable(QString::number(stats.channel(QStringLiteral("cpu"))->meanW)));
    QVERIFY(near(stats.channel(QStringLiteral("gpu"))->meanW, gpuMeanW));
    QVERIFY2(stats.total.energyWh && near(*stats.total.energyWh, totalEnergyWh),
             qPrintable(QStringLiteral("%1 vs %2").arg(stats.total.energyWh.value_or(-1)).arg(totalEnergyWh)));
    QVERIFY(stats.coveredS && near(*stats.coveredS, coveredS));
}

void TestPowermetricsText::sniffsRealLogs()
{
    for (const char *name : {"powermetrics-m1-macbookair10_1-codecarbon.txt", "powermetrics-m1max-macos13beta-sspdd.txt",
                             "powermetrics-m4-mac16_6-macos15-binsquare.txt",
                             "powermetrics-m2pro-mac14_10-macos26-gpu_power-EXCERPT-beszel.txt"}) {
        const SniffResult result = sniffLogFormat(readData(name));
        QVERIFY2(result.format, name);
        QCOMPARE(result.format->id, QStringLiteral("powermetrics-text"));
    }
}

void TestPowermetricsText::chunkBoundariesDoNotMatter_data()
{
    QTest::addColumn<int>("chunk");
    QTest::newRow("1 byte") << 1;
    QTest::newRow("7 bytes") << 7;
    QTest::newRow("4096 bytes") << 4096;
}

void TestPowermetricsText::chunkBoundariesDoNotMatter()
{
    QFETCH(int, chunk);
    const QByteArray bytes = readData("powermetrics-m1-macbookair10_1-codecarbon.txt");
    const LoadedLog whole = loadInChunks(bytes, bytes.size());
    const LoadedLog pieces = loadInChunks(bytes, chunk);
    QCOMPARE(pieces.trace.size(), whole.trace.size());
    QCOMPARE(pieces.trace.channelCount(), whole.trace.channelCount());
    for (int c = 0; c < whole.trace.channelCount(); ++c) {
        for (qsizetype i = 0; i < whole.trace.size(); ++i)
            QCOMPARE(pieces.trace.value(c, i), whole.trace.value(c, i));
    }
}

void TestPowermetricsText::appendedRunsLeaveAGap()
{
    // Runs at 23:39:54 and 23:56:26 (+0200): the 16.5 min between them is wall time, not measured.
    const LoadedLog log = LogLoader::loadFile(dataFile("powermetrics-m1max-macos13beta-sspdd.txt"));
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.gaps, 1);
    // From the first window's start (23:39:54 − 5.00624 s) to the second window's end (23:56:26).
    QVERIFY(stats.durationS && near(*stats.durationS, 16 * 60 + 32 + 5.00624));
    QCOMPARE(log.trace.clockAtZero().toOffsetFromUtc(7200).toString(Qt::ISODateWithMs),
             QStringLiteral("2022-08-16T23:39:48.994+02:00"));
    QCOMPARE(log.metadata.value(QStringLiteral("machine_model")), QStringLiteral("MacBookPro18,2"));
}

void TestPowermetricsText::grepLinesWorkedExample()
{
    // What the worked example's user had: grep'ed CPU/GPU lines, no headers, no timing.
    const QByteArray bytes = "CPU Power: 6196 mW\nGPU Power: 12352 mW\n"
                             "CPU Power: 4164 mW\nGPU Power: 11328 mW\n"
                             "CPU Power: 5180 mW\nGPU Power: 11840 mW\n";
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("grep.txt"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("powermetrics-text"));
    QCOMPARE(log.trace.timing(), TimingKind::None);
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.samples, 3);
    QVERIFY(!stats.durationS);
    QVERIFY(!stats.total.energyWh);
    QVERIFY(near(stats.channel(QStringLiteral("cpu"))->meanW, (6.196 + 4.164 + 5.180) / 3)); // 5.18 W
    QVERIFY(near(stats.channel(QStringLiteral("gpu"))->meanW, (12.352 + 11.328 + 11.840) / 3)); // 11.84 W
    QVERIFY(near(stats.total.meanW, 17.02));
}

void TestPowermetricsText::intelPackagePower()
{
    const QByteArray bytes = "Machine model: MacBookPro11,4\n"
                             "*** Sampled system activity (Wed Jan  1 10:00:05 2025 -0500) (5000.00ms elapsed) ***\n\n"
                             "**** Processor usage ****\n\n"
                             "Intel energy model derived package power (CPUs+GT+SA): 12.39W\n\n"
                             "*** Sampled system activity (Wed Jan  1 10:00:10 2025 -0500) (5000.00ms elapsed) ***\n\n"
                             "Intel energy model derived package power (CPUs+GT+SA): 7.61W\n";
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("intel.txt"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.total.components, QStringList{u"package"_s});
    QVERIFY(near(stats.total.meanW, (12.39 + 7.61) / 2));
    QVERIFY(stats.total.energyWh && near(*stats.total.energyWh, (12.39 + 7.61) * 5 / 3600));
}

void TestPowermetricsText::edgeCases_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("issues");
    QTest::addColumn<double>("cpuMeanW");

    const QByteArray header1 = "*** Sampled system activity (Wed Jan  1 10:00:01 2025 +0000) (1000.00ms elapsed) ***\n";
    const QByteArray header2 = "*** Sampled system activity (Wed Jan  1 10:00:02 2025 +0000) (1000.00ms elapsed) ***\n";
    const QByteArray sample1 = header1 + "CPU Power: 1000 mW\nGPU Power: 3000 mW\n";
    const QByteArray sample2 = header2 + "CPU Power: 2000 mW\nGPU Power: 4000 mW\n";

    QTest::newRow("two samples") << sample1 + sample2 << 2 << 0 << 1.5;
    QByteArray crlf = sample1 + sample2;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF") << crlf << 2 << 0 << 1.5;
    QTest::newRow("NUL tail") << sample1 + sample2 + QByteArray(2533, '\0') << 2 << 0 << 1.5;
    QTest::newRow("BOM") << "\xEF\xBB\xBF" + sample1 + sample2 << 2 << 0 << 1.5;
    QTest::newRow("cut-off last line") << sample1 + header2 + "CPU Power: 2000 mW\nGPU Power: 40" << 1 << 2 << 1.0;
    QTest::newRow("cut-off last sample") << sample1 + header2 + "CPU Power: 2000 mW\n" << 1 << 1 << 1.0;
    QTest::newRow("garbage between samples") << sample1 + "\x01\x02 random ### bytes W\n%%%%\n" + sample2 << 2 << 0 << 1.5;
    QTest::newRow("value not a number") << sample1 + header2 + "CPU Power: abc mW\nGPU Power: 4000 mW\n" << 2 << 1 << 1.0;
    QTest::newRow("negative value") << sample1 + header2 + "CPU Power: -5 mW\nGPU Power: 4000 mW\n" << 2 << 1 << 1.0;
    QTest::newRow("absurd value") << sample1 + header2 + "CPU Power: 1e15 mW\nGPU Power: 4000 mW\n" << 2 << 1 << 1.0;
    QTest::newRow("header without elapsed") << "*** Sampled system activity (Wed Jan  1 10:00:01 2025 +0000) ***\nCPU Power: 9 mW\n" + sample2
                                             << 1 << 2 << 2.0;
}

void TestPowermetricsText::edgeCases()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(int, issues);
    QFETCH(double, cpuMeanW);
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("edge.txt"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), samples);
    QCOMPARE(log.issueCount, issues);
    for (const auto &issue : log.issues)
        QVERIFY2(issue.line > 0, qPrintable(issue.message));
    const TraceStats stats = analyzeTrace(log.trace);
    QVERIFY(near(stats.channel(QStringLiteral("cpu"))->meanW, cpuMeanW));
    // A missing value never becomes 0: the sample that lost its CPU figure still has its GPU one.
    QVERIFY(stats.channel(QStringLiteral("cpu"))->maxW > 0);
}

void TestPowermetricsText::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("preamble only") << QByteArray("Machine model: Mac16,1\nOS version: 24F74\nBoot arguments: \n")
                                   << QStringLiteral("no power data");
    QTest::newRow("samples without power samplers")
        << QByteArray("Machine model: Mac16,1\nOS version: 24F74\n"
                      "*** Sampled system activity (Wed Jan  1 10:00:01 2025 +0000) (1000.00ms elapsed) ***\n"
                      "**** Network activity ****\nout: 0.00 packets/s\n")
        << QStringLiteral("no power data");
    QTest::newRow("not a log") << QByteArray("hello world\n") << QStringLiteral("tried");
    QTest::newRow("utf-16") << QByteArray("\xFF\xFE" "C\0P\0U\0", 8) << QStringLiteral("UTF-16");
}

void TestPowermetricsText::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorContains);
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("bad.txt"));
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(errorContains), qPrintable(log.error));
}

QTEST_GUILESS_MAIN(TestPowermetricsText)
#include "tst_powermetricstext.moc"
