#include "analysis/tracestats.h"
#include "trace/trace.h"
#include "trace/windowcolumn.h"

#include <QTest>

#include <bit>
#include <cstdint>
#include <vector>

using namespace nightwatt;

namespace {

// One windowed run as a parser reports it: start times, windows, one channel of watts.
struct Run
{
    std::vector<double> times;
    std::vector<float> windows;
    std::vector<float> watts;
};

enum class Shape { Contiguous, Gaps, Irregular, Zero };

// Contiguous: each sample starts where the last ended, t[i+1] = t[i] + w[i] in double, the way
// the parsers build the axis. Gaps: the same with a 5 s pause after samples 299 and 699.
// Irregular: each window covers 90 % of the step (a sampler that does not meet its own windows).
// Zero: windows of 0 s on a 1 s axis.
Run makeRun(Shape shape, qsizetype n)
{
    Run run;
    double t = 3.25;
    for (qsizetype i = 0; i < n; ++i) {
        const float step = float(0.5 + 0.125 * double(i % 7) + 0.001 * double(i % 3));
        float window = step;
        if (shape == Shape::Irregular)
            window = step * 0.9f;
        else if (shape == Shape::Zero)
            window = 0.0f;
        run.times.push_back(t);
        run.windows.push_back(window);
        run.watts.push_back(i % 11 == 5 ? kMissing : float(10.0 + double(i % 13) * 1.5));
        t += double(shape == Shape::Zero ? 1.0f : step);
        if (shape == Shape::Gaps && (i == 299 || i == 699))
            t += 5.0;
    }
    return run;
}

Trace emptyTrace()
{
    Trace trace;
    trace.setTiming(TimingKind::Windowed);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    return trace;
}

Trace bySample(const Run &run)
{
    Trace trace = emptyTrace();
    for (size_t i = 0; i < run.times.size(); ++i)
        trace.append(run.times[i], run.windows[i], std::span<const float>(&run.watts[i], 1));
    return trace;
}

// In uneven chunks, like the run library's decoded chunks.
Trace byColumns(const Run &run)
{
    Trace trace = emptyTrace();
    const size_t n = run.times.size();
    size_t first = 0;
    for (size_t chunk = 1; first < n; chunk = chunk * 3 + 1) {
        const size_t count = std::min(chunk, n - first);
        const std::span<const float> values(run.watts.data() + first, count);
        trace.appendColumns(std::span<const double>(run.times).subspan(first, count),
                            std::span<const float>(run.windows).subspan(first, count),
                            std::span<const std::span<const float>>(&values, 1));
        first += count;
    }
    return trace;
}

bool sameBits(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// The windowed sum as it was computed over a plain window column, sample by sample.
double referenceEnergyWh(const Run &run, size_t begin, size_t end)
{
    double energyWs = 0;
    for (size_t i = begin; i < end; ++i) {
        if (!isMissing(run.watts[i]))
            energyWs += double(run.watts[i]) * run.windows[i];
    }
    return energyWs / 3600.0;
}

} // namespace

class TestTraceWindows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void storage_data();
    void storage();
    void energyUnchanged_data();
    void energyUnchanged();
    void emptyWindowSpanMeansZero();
    void windowedAfterSamples();
    void millionContiguousSamplesFitSixteenBytes();
    void irregularCostsNoMoreThanADenseColumn();
};

void TestTraceWindows::roundTrip_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<qsizetype>("samples");
    QTest::newRow("empty") << int(Shape::Contiguous) << qsizetype(0);
    QTest::newRow("one sample") << int(Shape::Contiguous) << qsizetype(1);
    QTest::newRow("contiguous") << int(Shape::Contiguous) << qsizetype(5000);
    QTest::newRow("gaps") << int(Shape::Gaps) << qsizetype(5000);
    QTest::newRow("irregular") << int(Shape::Irregular) << qsizetype(5000);
    QTest::newRow("zero windows") << int(Shape::Zero) << qsizetype(5000);
}

// Every window reads back bit for bit, one by one and as ranges, however the trace was built.
void TestTraceWindows::roundTrip()
{
    QFETCH(int, shape);
    QFETCH(qsizetype, samples);
    const Run run = makeRun(Shape(shape), samples);
    for (const Trace &trace : {bySample(run), byColumns(run)}) {
        QCOMPARE(trace.size(), samples);
        QCOMPARE(trace.hasWindows(), samples > 0);
        for (qsizetype i = 0; i < samples; ++i)
            QVERIFY2(sameBits(trace.windowS(i), run.windows[size_t(i)]), qPrintable(QString::number(i)));
        const qsizetype ranges[][2] = {{0, samples}, {samples / 3, samples / 2}, {samples - 1, samples}, {0, 1}, {samples / 2, samples / 2}};
        for (const auto &range : ranges) {
            const qsizetype begin = std::clamp<qsizetype>(range[0], 0, samples);
            const qsizetype end = std::clamp<qsizetype>(range[1], begin, samples);
            std::vector<float> out(size_t(end - begin), -1.0f);
            trace.copyWindows(begin, out);
            for (qsizetype i = begin; i < end; ++i)
                QVERIFY2(sameBits(out[size_t(i - begin)], run.windows[size_t(i)]), qPrintable(QString::number(i)));
        }
        if (samples > 0)
            QCOMPARE(trace.endS(), run.times.back() + double(run.windows.back()));
    }
}

void TestTraceWindows::storage_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<bool>("dense");
    QTest::addColumn<qsizetype>("exceptions");
    // Contiguous: float(t[i+1] - t[i]) rounds back to w[i], since the double sum is off by at
    // most 2^-52 * 3000 s, far below half a float step of a 0.5 s window (2^-26 s): none kept.
    QTest::newRow("contiguous") << int(Shape::Contiguous) << false << qsizetype(0);
    // Gaps: only the two windows before a pause (samples 299 and 699) differ from the axis.
    QTest::newRow("gaps") << int(Shape::Gaps) << false << qsizetype(2);
    // Irregular: every window differs, pairs (8 bytes) soon outweigh a float per sample.
    QTest::newRow("irregular") << int(Shape::Irregular) << true << qsizetype(0);
    QTest::newRow("zero windows") << int(Shape::Zero) << true << qsizetype(0);
}

void TestTraceWindows::storage()
{
    QFETCH(int, shape);
    QFETCH(bool, dense);
    QFETCH(qsizetype, exceptions);
    const Run run = makeRun(Shape(shape), 5000);
    WindowColumn column;
    for (size_t i = 0; i < run.times.size(); ++i)
        column.append(std::span<const double>(run.times).first(i + 1), run.windows[i]);
    QCOMPARE(column.size(), qsizetype(5000));
    QCOMPARE(column.isDense(), dense);
    QCOMPARE(column.exceptionCount(), exceptions);
    // Implicit: 2 pairs of 8 bytes at most in vector capacity; dense: a float per sample.
    if (dense)
        QVERIFY(column.bytes() >= 5000 * sizeof(float));
    else
        QVERIFY(column.bytes() <= 16);
    for (size_t i = 0; i < run.times.size(); ++i)
        QVERIFY(sameBits(column.at(run.times, qsizetype(i)), run.windows[i]));
}

void TestTraceWindows::energyUnchanged_data()
{
    QTest::addColumn<int>("shape");
    QTest::newRow("contiguous") << int(Shape::Contiguous);
    QTest::newRow("gaps") << int(Shape::Gaps);
    QTest::newRow("irregular") << int(Shape::Irregular);
}

// Energy is the same double as the sum over a plain window column, for the whole trace and for
// a range that crosses the 4,096-sample blocks the windows are read in.
void TestTraceWindows::energyUnchanged()
{
    QFETCH(int, shape);
    const Run run = makeRun(Shape(shape), 10'000);
    const Trace a = bySample(run);
    const Trace b = byColumns(run);
    for (const SampleRange range : {SampleRange{0, -1}, SampleRange{1000, 9001}, SampleRange{4095, 4097}}) {
        const size_t begin = size_t(range.begin);
        const size_t end = range.end < 0 ? run.times.size() : size_t(range.end);
        const TraceStats sa = analyzeTrace(a, range);
        const TraceStats sb = analyzeTrace(b, range);
        QCOMPARE(sa.method, EnergyMethod::WindowedSum);
        QVERIFY(sa.channels.first().energyWh && sb.channels.first().energyWh);
        QVERIFY(sameBits(*sa.channels.first().energyWh, referenceEnergyWh(run, begin, end)));
        QVERIFY(sameBits(*sb.channels.first().energyWh, *sa.channels.first().energyWh));
        // Duration: end of the last window minus the first start.
        QVERIFY(sameBits(*sa.durationS, run.times[end - 1] + double(run.windows[end - 1]) - run.times[begin]));
        QVERIFY(sameBits(*sb.durationS, *sa.durationS));
        QCOMPARE(sb.gaps, sa.gaps);
    }
    // The two 5 s pauses are over the 2 s threshold; nothing else is.
    QCOMPARE(analyzeTrace(a).gaps, Shape(shape) == Shape::Gaps ? 2 : 0);
}

// appendColumns with no windows (a span of another length) gives 0 s windows, as before.
void TestTraceWindows::emptyWindowSpanMeansZero()
{
    Trace trace = emptyTrace();
    const std::vector<double> times{0.0, 1.0, 2.0};
    const std::vector<float> watts{5.0f, 6.0f, 7.0f};
    const std::span<const float> values(watts);
    trace.appendColumns(times, {}, std::span<const std::span<const float>>(&values, 1));
    trace.append(3.0, 1.5f, std::span<const float>(&watts[0], 1));
    QCOMPARE(trace.size(), qsizetype(4));
    for (qsizetype i = 0; i < 3; ++i)
        QVERIFY(sameBits(trace.windowS(i), 0.0f));
    QVERIFY(sameBits(trace.windowS(3), 1.5f));
    QCOMPARE(trace.endS(), 4.5);
}

// Samples appended before the trace turned windowed have no window; later ones keep theirs.
void TestTraceWindows::windowedAfterSamples()
{
    Trace trace;
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    const float watts = 4.0f;
    trace.append(0.0, 1.0f, std::span<const float>(&watts, 1));
    trace.append(1.0, 1.0f, std::span<const float>(&watts, 1));
    QVERIFY(!trace.hasWindows());
    trace.setTiming(TimingKind::Windowed);
    trace.append(2.0, 1.0f, std::span<const float>(&watts, 1));
    trace.append(3.0, 0.5f, std::span<const float>(&watts, 1));
    QCOMPARE(trace.windowS(0), 0.0f);
    QCOMPARE(trace.windowS(1), 0.0f);
    QCOMPARE(trace.windowS(2), 1.0f);
    QCOMPARE(trace.windowS(3), 0.5f);
    // 4 W over 1 s + 0.5 s = 6 Ws.
    QCOMPARE(*analyzeTrace(trace).channels.first().energyWh, 6.0 / 3600.0);
}

// 8 bytes of time + 4 of watts + about 0.13 of pyramid (8 bytes per 64 samples and a sixteenth
// more for the upper levels): 12.13, no window column. It was 16.13 with one.
void TestTraceWindows::millionContiguousSamplesFitSixteenBytes()
{
    const qsizetype n = 1'000'000;
    const Run run = makeRun(Shape::Contiguous, n);
    const Trace columns = byColumns(run);
    const double perValue = double(columns.memoryBytes()) / double(n);
    QVERIFY2(perValue <= 16.0, qPrintable(QString::number(perValue)));
    QVERIFY2(perValue < 12.3, qPrintable(QString::number(perValue)));
    // One by one the vectors grow by doubling: capacity 2^20 = 1,048,576, so 12.13 * 1.049 = 12.72.
    const Trace samples = bySample(run);
    const double perValueAppended = double(samples.memoryBytes()) / double(n);
    QVERIFY2(perValueAppended <= 16.0, qPrintable(QString::number(perValueAppended)));
}

// Windows that never meet fall back to a float per sample: what a windowed trace always cost.
void TestTraceWindows::irregularCostsNoMoreThanADenseColumn()
{
    const qsizetype n = 1'000'000;
    const Run run = makeRun(Shape::Irregular, n);
    // Reserved and appended at once, so no vector has slack: 8 + 4 + 4 + 0.13 = 16.13.
    Trace columns = emptyTrace();
    columns.reserve(n);
    const std::span<const float> values(run.watts);
    columns.appendColumns(run.times, run.windows, std::span<const std::span<const float>>(&values, 1));
    double perValue = double(columns.memoryBytes()) / double(n);
    QVERIFY2(perValue >= 16.0 && perValue < 16.3, qPrintable(QString::number(perValue)));
    // One by one after a reserve: the dense form takes over the reserve, so the same 16.13.
    Trace samples = emptyTrace();
    samples.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        samples.append(run.times[size_t(i)], run.windows[size_t(i)], std::span<const float>(&run.watts[size_t(i)], 1));
    perValue = double(samples.memoryBytes()) / double(n);
    QVERIFY2(perValue >= 16.0 && perValue < 16.3, qPrintable(QString::number(perValue)));
    for (qsizetype i = 0; i < n; i += 997)
        QVERIFY(sameBits(samples.windowS(i), run.windows[size_t(i)]) && sameBits(columns.windowS(i), run.windows[size_t(i)]));
}

QTEST_APPLESS_MAIN(TestTraceWindows)
#include "tst_tracewindows.moc"
