#include "loadhelpers.h"

#include "formats/csvpowerparser.h"
#include "formats/logformat.h"

#include <QTest>

#include <cmath>

using namespace nightwatt;
using namespace nightwatt::test;

namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
const QString kRapl = QStringLiteral("rapl-vs-wallplug-threadripper1950x-codecarbon-cpu-load-profiling.csv");

} // namespace

class TestCsvPower : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void raplVersusWallPlug();
    void edgeCases_data();
    void edgeCases();
    void powerColumnOption_data();
    void powerColumnOption();
    void lowSniffScore_data();
    void lowSniffScore();
};

// RAPL (CPU package) and a Tapo smart plug at the wall, one row per 30-s load step, epoch
// seconds. The plug measures the whole machine, RAPL included: it must not be added to it.
void TestCsvPower::raplVersusWallPlug()
{
    QCOMPARE(sniffLogFormat(readData(kRapl)).format->id, QStringLiteral("csv"));
    const LoadedLog log = LogLoader::loadFile(dataPath(kRapl));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.issueCount, qint64(0));
    QCOMPARE(log.trace.size(), qsizetype(11)); // loads 0, 10, ..., 100 %
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.channelCount(), 3);
    QCOMPARE(log.trace.channel(log.trace.indexOf(QStringLiteral("rapl_power"))).role, ChannelRole::Component);
    QCOMPARE(log.trace.channel(log.trace.indexOf(QStringLiteral("tapo_power"))).role, ChannelRole::ReportedTotal);
    // CodeCarbon's model estimate is shown, never summed.
    QCOMPARE(log.trace.channel(log.trace.indexOf(QStringLiteral("estimated_power"))).role, ChannelRole::Auxiliary);
    QCOMPARE(log.trace.clockAtZero().toSecsSinceEpoch(), qint64(1736861292)); // first row, 2025-01-14 13:28:12 UTC

    // Independent reading: columns 3 (timestamp), 8 (rapl_power) and 12 (tapo_power).
    PointSeries series;
    series.watts.resize(2);
    const QList<QByteArray> lines = readData(kRapl).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].split(',');
        if (f.size() < 13)
            continue;
        series.timeS.push_back(f[3].toDouble() - lines[1].split(',')[3].toDouble());
        series.watts[0].push_back(f[8].toDouble());
        series.watts[1].push_back(f[12].toDouble());
    }
    QCOMPARE(qsizetype(series.timeS.size()), log.trace.size());
    const TraceStats stats = analyzeTrace(log.trace);
    const double raplWh = trapezoidWh(series, 0), tapoWh = trapezoidWh(series, 1);
    QVERIFY(qAbs(*stats.channel(QStringLiteral("rapl_power"))->energyWh - raplWh) < 1e-5 * raplWh);
    QVERIFY(qAbs(*stats.channel(QStringLiteral("tapo_power"))->energyWh - tapoWh) < 1e-5 * tapoWh);
    QCOMPARE(stats.total.components, QStringList{QStringLiteral("rapl_power")});
    QVERIFY(qAbs(*stats.total.energyWh - raplWh) < 1e-5 * raplWh);
    // 1736861604.3297272 - 1736861292.1865184 = 312.1432 s
    QVERIFY(qAbs(*stats.durationS - 312.1432088) < 1e-6);
    QVERIFY(log.metadata.value(QStringLiteral("units")).contains(QStringLiteral("rapl_power")));
}

void TestCsvPower::edgeCases_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("totalMeanW");
    QTest::addColumn<double>("totalWh");
    QTest::addColumn<QString>("issue");

    // 10 W then 30 W, 2 s apart: (10 + 30) / 2 x 2 = 40 J, mean 20 W.
    const QByteArray elapsed = "time_s,power_w\n0,10\n2,30\n";
    QTest::newRow("elapsed seconds") << elapsed << QString() << 2 << 20.0 << 40.0 / 3600 << QString();
    QByteArray crlf = elapsed;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF") << crlf << QString() << 2 << 20.0 << 40.0 / 3600 << QString();
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF" + elapsed) << QString() << 2 << 20.0 << 40.0 / 3600 << QString();
    QTest::newRow("NUL tail") << QByteArray(elapsed + QByteArray(64, '\0')) << QString() << 2 << 20.0 << 40.0 / 3600 << QString();
    QTest::newRow("cut-off last line") << QByteArray(elapsed + "4") << QString() << 2 << 20.0 << 40.0 / 3600 << QStringLiteral("cut off");
    QTest::newRow("whole last line without newline") << elapsed.chopped(1) << QString() << 2 << 20.0 << 40.0 / 3600 << QString();
    // mW in the name: 10000 mW = 10 W; quoted header; semicolons.
    QTest::newRow("mW, quoted, semicolons") << QByteArray("\"elapsed (s)\";\"gpu power (mW)\"\n0;10000\n2;30000\n") << QString() << 2
                                            << 20.0 << 40.0 / 3600 << QString();
    // ISO 8601 with an offset, 60 s apart, constant 100 W: 6000 J.
    QTest::newRow("ISO 8601 with offset") << QByteArray("timestamp,cpu_power_w\n2024-03-10T01:59:00-05:00,100\n2024-03-10T03:00:00-04:00,100\n")
                                          << QString() << 2 << 100.0 << 6000.0 / 3600 << QString();
    // Local time without a zone going back an hour (DST ends): the axis goes on one step later.
    QTest::newRow("local time, clock goes back") << QByteArray("datetime,power_w\n2024-10-27 02:59:00,100\n2024-10-27 02:59:30,100\n"
                                                               "2024-10-27 02:00:00,100\n")
                                                 << QString() << 3 << 100.0 << 6000.0 / 3600 << QStringLiteral("time goes back 3570.000 s");
    // Missing cells are missing, not 0: only the interval 3-4 s has readings at both ends, so
    // the energy is 30 W x 1 s and the mean 30 W (a 0 would have pulled both down).
    QTest::newRow("missing values") << QByteArray("time_s,power_w\n0,10\n1,\n2,NaN\n3,30\n4,30\n") << QString() << 5 << 30.0 << 30.0 / 3600
                                    << QStringLiteral("missing in 2 row(s)");
    QTest::newRow("non-number") << QByteArray("time_s,power_w\n0,10\n1,ten\n") << QString() << 2 << 10.0 << kUnknown
                                << QStringLiteral("\"ten\" is not a number");
    QTest::newRow("negative power") << QByteArray("time_s,power_w\n0,10\n1,-5\n") << QString() << 2 << 10.0 << kUnknown
                                    << QStringLiteral("negative");
    QTest::newRow("no power column") << QByteArray("time_s,temperature_c\n0,40\n") << QStringLiteral("no power column") << 0 << 0.0
                                     << kUnknown << QString();
    QTest::newRow("no time column") << QByteArray("sample,power_w\n0,40\n") << QStringLiteral("no time column") << 0 << 0.0 << kUnknown
                                    << QString();
    QTest::newRow("header only") << QByteArray("time_s,power_w\n") << QStringLiteral("header but no data rows") << 0 << 0.0 << kUnknown
                                 << QString();
    // kW: 0.5 kW for 10 s = 5000 J; epoch milliseconds.
    QTest::newRow("kW, epoch ms") << QByteArray("timestamp_ms,node power [kW]\n1700000000000,0.5\n1700000010000,0.5\n") << QString() << 2
                                  << 0.0 << kUnknown << QString();
}

void TestCsvPower::edgeCases()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QFETCH(int, samples);
    QFETCH(double, totalMeanW);
    QFETCH(double, totalWh);
    QFETCH(QString, issue);

    const LoadedLog log = loadText(input, QStringLiteral("csv"));
    if (!error.isEmpty()) {
        QVERIFY(!log.ok());
        QVERIFY2(log.error.contains(error), qPrintable(log.error));
        return;
    }
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), qsizetype(samples));
    const TraceStats stats = analyzeTrace(log.trace);
    if (QByteArrayView(input).startsWith("timestamp_ms")) {
        // A node meter alone is the total: 500 W over 10 s.
        QCOMPARE(stats.total.components, QStringList{QStringLiteral("node_power")});
        QCOMPARE(stats.total.meanW, 500.0);
        QVERIFY(qAbs(*stats.total.energyWh - 5000.0 / 3600) < 1e-9);
        QCOMPARE(log.trace.clockAtZero().toMSecsSinceEpoch(), qint64(1700000000000));
        return;
    }
    QVERIFY2(qAbs(stats.total.meanW - totalMeanW) < 1e-6, qPrintable(QString::number(stats.total.meanW)));
    if (std::isnan(totalWh))
        QVERIFY(!stats.total.energyWh);
    else
        QVERIFY2(stats.total.energyWh && qAbs(*stats.total.energyWh - totalWh) < 1e-9, qPrintable(issuesText(log)));
    if (issue.isEmpty())
        QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
    else
        QVERIFY2(hasIssue(log, issue), qPrintable(issuesText(log)));
}

void TestCsvPower::powerColumnOption_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("error");
    QTest::addColumn<double>("firstW");
    // The first row of the RAPL file: rapl_power 1.376693725703893, tapo_power 115 W.
    QTest::newRow("tapo_power") << "tapo_power" << QString() << 115.0;
    QTest::newRow("case does not matter") << "RAPL_POWER" << QString() << 1.376693725703893;
    // cpu_load (%) is no power by its name, but the person said so.
    QTest::newRow("any column named") << "cpu_load" << QString() << 2.8;
    QTest::newRow("no such column") << "wall_w" << QStringLiteral("no power column named \"wall_w\"") << 0.0;
}

// `--power-column NAME`: one named column is the power, the others are not read.
void TestCsvPower::powerColumnOption()
{
    QFETCH(QString, column);
    QFETCH(QString, error);
    QFETCH(double, firstW);
    LoadOptions options;
    options.powerColumn = column;
    const LoadedLog log = LogLoader::loadFile(dataPath(kRapl), options);
    if (!error.isEmpty()) {
        QVERIFY(!log.ok());
        QVERIFY2(log.error.contains(error), qPrintable(log.error));
        return;
    }
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.channelCount(), 1);
    QCOMPARE(log.trace.size(), qsizetype(11));
    QCOMPARE(log.trace.value(0, 0), float(firstW));
    QCOMPARE(analyzeTrace(log.trace).total.components.size(), qsizetype(1));
}

// Specific formats that are CSVs too (CodeCarbon, Intel Power Gadget, nvidia-smi) score 60 and
// more: the generic reader must stay below, while still claiming a CSV nobody else does.
void TestCsvPower::lowSniffScore_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("rapl") << kRapl;
    QTest::newRow("nvidia-smi query") << QStringLiteral("nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv");
}

void TestCsvPower::lowSniffScore()
{
    QFETCH(QString, file);
    const int score = CsvPowerParser::sniff(readData(file));
    QVERIFY(score <= 30);
    QVERIFY(score > 0 || !file.startsWith(u"rapl"));
}

QTEST_APPLESS_MAIN(TestCsvPower)
#include "tst_csvpower.moc"
