#include "loadhelpers.h"

#include <QTest>

using namespace nightwatt;
using namespace nightwatt::test;

// One garbled timestamp among good ones must cost that one row, not stretch the run: each log
// below has a single far-off clock on line `outlierLine` and otherwise one reading a second (or a
// minute), so the run ends where its good rows say.
class TestTimeOutliers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isolatedTimestampIsLeftOut_data();
    void isolatedTimestampIsLeftOut();
    void realGapIsKept();
};

void TestTimeOutliers::isolatedTimestampIsLeftOut_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("endS");
    QTest::addColumn<qint64>("outlierLine");

    QTest::newRow("epoch-seconds CSV with a 0")
        << QByteArray("timestamp,power_w\n1700000000,100\n1700000001,100\n1700000002,100\n0,100\n1700000004,100\n1700000005,100\n")
        << 5 << 5.0 << qint64(5);
    QTest::newRow("epoch-seconds CSV with 1e300")
        << QByteArray("timestamp,power_w\n1700000000,100\n1700000001,100\n1700000002,100\n1e300,100\n1700000004,100\n1700000005,100\n")
        << 5 << 5.0 << qint64(5);
    // Windows end at each elapsed time; the row after the bad one covers 2 s to 4 s.
    QTest::newRow("Intel Power Gadget with elapsed 1e30")
        << QByteArray("\"System Time\",\"Elapsed Time (sec)\",\"Processor Power_0(Watt)\"\n"
                      "\"1\",\"1.000\",\"10.0\"\n\"2\",\"2.000\",\"10.0\"\n\"3\",\"1e30\",\"10.0\"\n"
                      "\"4\",\"4.000\",\"10.0\"\n\"5\",\"5.000\",\"10.0\"\n")
        << 4 << 5.0 << qint64(4);
    const QByteArray header = "timestamp,project_name,run_id,duration,cpu_energy,ram_energy,energy_consumed\n";
    QTest::newRow("CodeCarbon with one far-future clock")
        << header + "2024-01-01T10:01:00,p,a,60,0.001,0.0001,0.0011\n2024-01-01T10:02:00,p,b,60,0.001,0.0001,0.0011\n"
                    "2099-01-01T10:03:00,p,c,60,0.001,0.0001,0.0011\n2024-01-01T10:04:00,p,d,60,0.001,0.0001,0.0011\n"
                    "2024-01-01T10:05:00,p,e,60,0.001,0.0001,0.0011\n"
        << 4 << 300.0 << qint64(4);
    QTest::newRow("carbontracker with one far-future clock")
        << QByteArray("2024-01-01 10:01:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:01:00\n\tEnergy:\t0.001 kWh\n"
                      "2024-01-01 10:02:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:01:00\n\tEnergy:\t0.001 kWh\n"
                      "2099-01-01 10:03:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:01:00\n\tEnergy:\t0.001 kWh\n"
                      "2024-01-01 10:04:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:01:00\n\tEnergy:\t0.001 kWh\n"
                      "2024-01-01 10:05:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:01:00\n\tEnergy:\t0.001 kWh\n")
        << 4 << 300.0 << qint64(10);
}

void TestTimeOutliers::isolatedTimestampIsLeftOut()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, endS);
    QFETCH(qint64, outlierLine);

    const LoadedLog log = loadText(bytes);
    QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), samples);
    QCOMPARE(log.trace.endS(), endS);
    bool named = false;
    for (const ParseIssue &issue : log.issues)
        named = named || (issue.line == outlierLine && issue.message.contains(QStringLiteral("far from")));
    QVERIFY2(named, qPrintable(issuesText(log)));
}

// A pause of two hours between two stretches of readings is a real gap: every row is kept.
void TestTimeOutliers::realGapIsKept()
{
    const LoadedLog log = loadText("timestamp,power_w\n1700000000,100\n1700000001,100\n1700007201,100\n1700007202,100\n");
    QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), 4);
    QCOMPARE(log.trace.endS(), 7202.0);
    QCOMPARE(log.issueCount, 0);
}

QTEST_GUILESS_MAIN(TestTimeOutliers)
#include "tst_timeoutliers.moc"
