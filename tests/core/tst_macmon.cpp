#include "formattesthelpers.h"

#include <QTimeZone>

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("macmon-jsonl");
const QString kOlder = QStringLiteral("macmon-pipe-8gb-mac-codecarbon.jsonl");
const QString kNewer = QStringLiteral("macmon-pipe-newer-sorted-keys-timestamp-beszel.jsonl");

QByteArray stamped(const char *time, const char *cpuW)
{
    return QByteArray("{\"cpu_power\":") + cpuW + ",\"gpu_power\":1.0,\"ane_power\":0.0,\"all_power\":0,\"sys_power\":9.5,"
         + "\"timestamp\":\"2026-02-17T19:34:" + time + "+00:00\"}\n";
}

} // namespace

class TestMacmon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void recognisesRealFiles();
    void newerLineKeepsEveryFigure();
};

void TestMacmon::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<bool>("timestamped");
    QTest::addColumn<double>("cpuMeanW");
    QTest::addColumn<double>("gpuMeanW");
    QTest::addColumn<double>("systemMeanW");
    QTest::addColumn<double>("gpuJ"); // NaN without timing
    QTest::addColumn<int>("issues");
    QTest::addColumn<qint64>("firstIssueLine");
    const double none = std::nan("");

    // Older macmon, 10 lines, no timestamps: means of the 10 values (summed by hand):
    // cpu 3.98248779 / 10, gpu 0.321656683 / 10, sys 122.905134 / 10. No timing: no energy.
    const QByteArray older = readTestData(kOlder);
    QTest::newRow("real: older, no timestamps") << older << 10 << false << 0.398248779 << 0.0321656683 << 12.2905134 << none
                                                << 0 << qint64(0);
    QTest::newRow("CRLF") << withCrlf(older) << 10 << false << 0.398248779 << 0.0321656683 << 12.2905134 << none << 0 << qint64(0);
    QTest::newRow("BOM") << withBom(older) << 10 << false << 0.398248779 << 0.0321656683 << 12.2905134 << none << 0 << qint64(0);
    // Cut inside line 10: nine lines remain. Their sums: cpu 3.98248779 - 0.7002688 (line 10),
    // gpu 0.321656683 - 0.099837735, sys 122.905134 - 12.072607.
    QTest::newRow("cut-off last line") << cutOff(older, 30) << 9 << false << (3.98248779 - 0.7002688) / 9
                                       << (0.321656683 - 0.099837735) / 9 << (122.905134 - 12.072607) / 9 << none << 1 << qint64(10);
    // Newer macmon, one stamped line: a single point has no interval, so no energy.
    QTest::newRow("real: newer, one line") << readTestData(kNewer) << 1 << true << 0.6359732151031494 << 0.010859241709113121
                                           << 10.4955415725708 << none << 0 << qint64(0);
    // Stamped lines 1 s apart, cpu 1, 2, 3 W, gpu 1 W: trapezoid (1+2)/2 + (2+3)/2 = 4 J cpu,
    // 2 J gpu over 2 s; time-weighted cpu mean 4 J / 2 s = 2 W.
    QTest::newRow("timestamped") << stamped("27.000000", "1.0") + stamped("28.000000", "2.0") + stamped("29.000000", "3.0")
                                 << 3 << true << 2.0 << 1.0 << 9.5 << 2.0 << 0 << qint64(0);
    // Garbage and a non-number are issues with their lines; the rest loads.
    QTest::newRow("garbage, non-number") << stamped("27.000000", "1.0") + "this is not json\n"
                                                + stamped("28.000000", "\"abc\"") + stamped("29.000000", "3.0")
                                         // cpu: 1 W at 0 s, missing at 1 s, 3 W at 2 s: no interval with both
                                         // ends, so the mean is of the points: 2 W; gpu (1+1)/2·2 = 2 J.
                                         << 3 << true << 2.0 << 1.0 << 9.5 << 2.0 << 2 << qint64(2);
    QTest::newRow("no power keys") << QByteArray("{\"cpu_power\":1.0,\"gpu_power\":1.0,\"all_power\":2.0}\n{\"temp\":{}}\n")
                                   << 1 << false << 1.0 << 1.0 << none << none << 1 << qint64(2);
    QTest::newRow("empty") << QByteArray() << 0 << false << none << none << none << none << 0 << qint64(0);
}

void TestMacmon::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(bool, timestamped);
    QFETCH(double, cpuMeanW);
    QFETCH(double, gpuMeanW);
    QFETCH(double, systemMeanW);
    QFETCH(double, gpuJ);
    QFETCH(int, issues);
    QFETCH(qint64, firstIssueLine);

    forEachChunking(kFormat, bytes, 13, {samples, issues, firstIssueLine}, [&](Parsed &parsed, const TraceStats &stats) {
        QCOMPARE(parsed.trace().timing(), timestamped ? TimingKind::Points : TimingKind::None);
        NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("cpu")), cpuMeanW, 1e-6);
        NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("gpu")), gpuMeanW, 1e-6);
        if (!std::isnan(systemMeanW))
            NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("system")), systemMeanW, 1e-4);
        // RAM power 0.0 means "no sensor" in macmon: missing, never a 0 W reading.
        const ChannelStats *dram = stats.channel(QStringLiteral("dram"));
        QVERIFY(!dram || dram->maxW > 0);
        if (std::isnan(gpuJ))
            QVERIFY(!stats.total.energyWh || samples == 1);
        else
            NW_COMPARE_NEAR(channelEnergyWh(stats, QStringLiteral("gpu")) * 3600.0, gpuJ, 1e-5);
        // The components are cpu + gpu + ane; all_power and sys_power are never added.
        QVERIFY(!stats.total.components.contains(QStringLiteral("system")));
        QVERIFY(!stats.total.components.contains(QStringLiteral("combined")));
    });
}

void TestMacmon::recognisesRealFiles()
{
    verifyRecognisedAs(kFormat, {kOlder, kNewer});
}

void TestMacmon::newerLineKeepsEveryFigure()
{
    const LoadedLog log = LogLoader::loadBytes(readTestData(kNewer), kNewer);
    QVERIFY(log.ok());
    // "2026-02-17T19:34:27.942556+00:00": Qt keeps milliseconds, rounding .942556 to .943.
    QCOMPARE(log.trace.clockAtZero(), QDateTime(QDate(2026, 2, 17), QTime(19, 34, 27, 943), QTimeZone::utc()));
    const auto value = [&](const char *id) { return double(log.trace.value(log.trace.indexOf(QString::fromLatin1(id)), 0)); };
    NW_COMPARE_NEAR(value("dram"), 0.14885640144348145, 1e-7);
    NW_COMPARE_NEAR(value("gpu_ram"), 0.000965250947047025, 1e-9);
    NW_COMPARE_NEAR(value("combined"), 0.6468324661254883, 1e-7);
    // The older log has no timestamps: the metadata says why the duration is unknown.
    const LoadedLog older = LogLoader::loadBytes(readTestData(kOlder), kOlder);
    QVERIFY(older.metadata.value(QStringLiteral("timing")).contains(QStringLiteral("interval")));
}

QTEST_APPLESS_MAIN(TestMacmon)
#include "tst_macmon.moc"
