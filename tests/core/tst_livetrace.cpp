#include "live/livetrace.h"
#include "live/sampletotal.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace nightwatt;

class TestLiveTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstIsOneSignal();
    void writerOnAnotherThread();
    void segmentContinuesTheAxis();
    void segmentPlacedByClock();
    void mutedKeepsChannelsDropsSamples();
    void totalOfOneSample();
};

namespace {
const ChannelInfo kCpu{QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component};
const ChannelInfo kGpu{QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component};
const ChannelInfo kPackage{QStringLiteral("package"), QStringLiteral("Package"), ChannelRole::ReportedTotal};
}

void TestLiveTrace::burstIsOneSignal()
{
    LiveTrace trace;
    QSignalSpy appended(&trace, &LiveTrace::samplesAppended);
    ParseSink *sink = trace.sink();
    sink->setTiming(TimingKind::Points);
    const int cpu = sink->channel(kCpu);
    for (int i = 0; i < 1000; ++i) {
        const float value = float(i);
        sink->sample(i * 0.1, 0, std::span<const float>(&value, 1), i + 1);
    }
    QCOMPARE(cpu, 0);
    QCOMPARE(trace.size(), 1000);
    QTRY_COMPARE(appended.size(), 1);
    QCOMPARE(appended.first().at(0).value<qsizetype>(), 0);
    QCOMPARE(appended.first().at(1).value<qsizetype>(), 1000);
    const float value = 5;
    sink->sample(100.0, 0, std::span<const float>(&value, 1), 1001);
    QTRY_COMPARE(appended.size(), 2);
    QCOMPARE(appended.last().at(0).value<qsizetype>(), 1000);
    QCOMPARE(appended.last().at(1).value<qsizetype>(), 1001);
}

// The parser writes on a worker thread while this (GUI) thread reads: every read sees whole
// samples in order, and the coalesced signals arrive here, at most one per 40 ms.
void TestLiveTrace::writerOnAnotherThread()
{
    LiveTrace trace;
    QSignalSpy appended(&trace, &LiveTrace::samplesAppended);
    constexpr int kSamples = 20000;
    QThread *writer = QThread::create([&trace] {
        ParseSink *sink = trace.sink();
        sink->setTiming(TimingKind::Points);
        sink->channel(kCpu);
        sink->channel(kGpu);
        for (int i = 0; i < kSamples; ++i) {
            const float values[2] = {float(i), float(2 * i)};
            sink->sample(double(i), 0, values, i + 1);
        }
    });
    writer->start();
    while (!writer->isFinished()) {
        trace.read([](const Trace &t) {
            for (qsizetype i = std::max<qsizetype>(0, t.size() - 50); i < t.size(); ++i) {
                QCOMPARE(t.timeS(i), double(i));
                QCOMPARE(t.value(1, i), 2 * t.value(0, i));
            }
        });
        QCoreApplication::processEvents();
    }
    writer->wait();
    delete writer;
    QTRY_VERIFY(!appended.isEmpty() && appended.last().at(1).value<qsizetype>() == kSamples);
    qsizetype expectedFirst = 0;
    for (const auto &signal : appended) {
        QCOMPARE(signal.at(0).value<qsizetype>(), expectedFirst); // contiguous ranges, none lost
        expectedFirst = signal.at(1).value<qsizetype>();
    }
    QCOMPARE(trace.snapshot().size(), kSamples);
}

void TestLiveTrace::segmentContinuesTheAxis()
{
    LiveTrace trace;
    ParseSink *sink = trace.sink();
    sink->setTiming(TimingKind::Windowed);
    sink->channel(kCpu);
    const float one = 1;
    sink->sample(0, 1, std::span<const float>(&one, 1), 1);
    sink->sample(1, 1, std::span<const float>(&one, 1), 2);
    // A new parser restarts at t = 0; the trace ended at 2 s (window 1..2).
    trace.beginSegment();
    sink->sample(0, 1, std::span<const float>(&one, 1), 1);
    sink->sample(1, 1, std::span<const float>(&one, 1), 2);
    const Trace t = trace.snapshot();
    QCOMPARE(t.size(), 4);
    QCOMPARE(t.timeS(2), 2.0);
    QCOMPARE(t.timeS(3), 3.0);
    QCOMPARE(trace.issueCount(), 0);
}

void TestLiveTrace::segmentPlacedByClock()
{
    LiveTrace trace;
    ParseSink *sink = trace.sink();
    sink->setTiming(TimingKind::Windowed);
    const QDateTime start(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC);
    sink->setClockAtZero(start);
    sink->channel(kCpu);
    const float one = 1;
    sink->sample(0, 1, std::span<const float>(&one, 1), 1);
    // The new segment's clock says it started 60 s after the first: a pause, not measured time.
    trace.beginSegment();
    sink->setClockAtZero(start.addSecs(60));
    sink->sample(0, 1, std::span<const float>(&one, 1), 1);
    const Trace t = trace.snapshot();
    QCOMPARE(t.timeS(1), 60.0);
    QCOMPARE(t.clockAtZero(), start);
}

void TestLiveTrace::mutedKeepsChannelsDropsSamples()
{
    LiveTrace trace;
    ParseSink *sink = trace.sink();
    trace.setMuted(true);
    sink->setTiming(TimingKind::Points);
    sink->channel(kCpu);
    const float one = 1;
    sink->sample(0, 0, std::span<const float>(&one, 1), 1);
    sink->issue({1, QStringLiteral("old news")});
    trace.setMuted(false);
    sink->sample(5, 0, std::span<const float>(&one, 1), 2);
    const Trace t = trace.snapshot();
    QCOMPARE(t.size(), 1);
    QCOMPARE(t.channelCount(), 1);
    QCOMPARE(t.timeS(0), 5.0);
    QCOMPARE(t.timing(), TimingKind::Points);
    QCOMPARE(trace.issueCount(), 0);
}

void TestLiveTrace::totalOfOneSample()
{
    Trace trace;
    trace.ensureChannel(kCpu);
    trace.ensureChannel(kGpu);
    trace.ensureChannel(kPackage);
    const float a[3] = {4, 1.5f, 9};
    const float b[3] = {4, kMissing, 9};
    const float c[3] = {kMissing, kMissing, 9};
    trace.append(0, 0, a);
    trace.append(1, 0, b);
    trace.append(2, 0, c);
    QCOMPARE(*sampleTotalW(trace, 0), 5.5); // components summed, the reported package beside them
    QCOMPARE(*sampleTotalW(trace, 1), 4.0); // the missing GPU adds nothing
    QVERIFY(!sampleTotalW(trace, 2));       // no component value at all: unknown, not the package
    QVERIFY(!sampleTotalW(trace, 3));

    Trace intel;
    intel.ensureChannel(kPackage);
    const float p = 12;
    intel.append(0, 0, std::span<const float>(&p, 1));
    QCOMPARE(*sampleTotalW(intel, 0), 12.0); // only a reported total: that is the total
}

QTEST_GUILESS_MAIN(TestLiveTrace)
#include "tst_livetrace.moc"
