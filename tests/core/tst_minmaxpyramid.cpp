#include "trace/decimation.h"
#include "trace/minmaxpyramid.h"
#include "trace/trace.h"

#include "loadhelpers.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace nightwatt;

Q_DECLARE_METATYPE(std::vector<float>)

class TestMinMaxPyramid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void picksOfAWorkedRange();
    void picksEqualAScan_data();
    void picksEqualAScan();
    void boundsEqualAScan_data() { picksEqualAScan_data(); }
    void boundsEqualAScan();
    void decimationEqualsTheLinearScan_data();
    void decimationEqualsTheLinearScan();
    void realTracesDecimateAlike_data();
    void realTracesDecimateAlike();
    void growingTraceStaysExact();
    void appendedColumnsStayExact();
    void levelsAndSize();
};

namespace {

// The reference: first, smallest, largest, last present sample of [begin, end), in order.
MinMaxPyramid::Picks scan(const std::vector<float> &v, qsizetype begin, qsizetype end)
{
    MinMaxPyramid::Picks p;
    for (qsizetype i = begin; i < end; ++i) {
        if (std::isnan(v[size_t(i)]))
            continue;
        if (p.first < 0)
            p.first = p.min = p.max = i;
        p.last = i;
        if (v[size_t(i)] < v[size_t(p.min)])
            p.min = i;
        if (v[size_t(i)] > v[size_t(p.max)])
            p.max = i;
    }
    return p;
}

MinMaxPyramid built(const std::vector<float> &v)
{
    MinMaxPyramid pyramid;
    pyramid.extend(v);
    return pyramid;
}

// Power-like noise with what trips up min/max code: runs of NaN, repeated values (ties), signed
// zeros, infinities, and a lone spike.
std::vector<float> awkward(qsizetype n, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<float> v(static_cast<size_t>(n));
    for (auto &x : v)
        x = float(rng.bounded(40)) * 0.5f; // few distinct values: many ties
    for (int k = 0; k < 20 && n > 0; ++k) {
        const auto at = qsizetype(rng.bounded(quint32(n)));
        const auto len = std::min<qsizetype>(n - at, qsizetype(rng.bounded(300)));
        std::fill_n(v.begin() + at, len, kMissing);
    }
    if (n > 10) {
        v[size_t(n / 3)] = -0.0f;
        v[size_t(n / 2)] = 0.0f;
        v[size_t(n / 5)] = std::numeric_limits<float>::infinity();
        v[size_t(n / 7)] = -std::numeric_limits<float>::infinity();
        v[size_t(n - 2)] = 1.0e6f;
    }
    return v;
}

std::vector<double> irregularTimes(qsizetype n, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<double> t(static_cast<size_t>(n));
    double now = 100.0;
    for (auto &x : t) {
        x = now;
        now += rng.bounded(5) == 0 ? 30.0 : 0.1 + rng.generateDouble(); // gaps now and then
    }
    return t;
}

bool samePicks(const MinMaxPyramid::Picks &a, const MinMaxPyramid::Picks &b)
{
    return a.first == b.first && a.min == b.min && a.max == b.max && a.last == b.last;
}

QString describe(const MinMaxPyramid::Picks &p)
{
    return QStringLiteral("first %1 min %2 max %3 last %4").arg(p.first).arg(p.min).arg(p.max).arg(p.last);
}

} // namespace

// 1000 samples with value i % 100, except sample 450 = 500 W (spike) and samples 0..99 missing.
// Over [50, 900): samples 50..99 are missing, so the first present is 100 and its value 0 is the
// smallest (first zero at 100); the spike at 450 is the largest; the last present is 899.
void TestMinMaxPyramid::picksOfAWorkedRange()
{
    std::vector<float> v(1000);
    for (size_t i = 0; i < v.size(); ++i)
        v[i] = float(i % 100);
    v[450] = 500.0f;
    std::fill_n(v.begin(), 100, kMissing);
    const MinMaxPyramid pyramid = built(v);
    const auto p = pyramid.picks(v, 50, 900);
    QCOMPARE(p.first, 100);
    QCOMPARE(p.min, 100);
    QCOMPARE(p.max, 450);
    QCOMPARE(p.last, 899);
    // [460, 470): values 60..69, nothing missing.
    const auto q = pyramid.picks(v, 460, 470);
    QCOMPARE(q.first, 460);
    QCOMPARE(q.min, 460);
    QCOMPARE(q.max, 469);
    QCOMPARE(q.last, 469);
    // Only missing samples: no picks at all.
    QVERIFY(pyramid.picks(v, 0, 100).isEmpty());
    QVERIFY(pyramid.picks(v, 500, 500).isEmpty());
}

void TestMinMaxPyramid::picksEqualAScan_data()
{
    QTest::addColumn<std::vector<float>>("values");
    QTest::newRow("empty") << std::vector<float>();
    QTest::newRow("one sample") << std::vector<float>{4.5f};
    QTest::newRow("all missing") << std::vector<float>(5000, kMissing);
    QTest::newRow("constant, exactly one block") << std::vector<float>(size_t(MinMaxPyramid::kBaseBlock), 2.0f);
    QTest::newRow("awkward 1 block + 1") << awkward(MinMaxPyramid::kBaseBlock + 1, 1);
    QTest::newRow("awkward 5000") << awkward(5000, 2);
    QTest::newRow("awkward 300000 (4 levels)") << awkward(300000, 3);
}

// Random ranges of every width, against the scan above.
void TestMinMaxPyramid::picksEqualAScan()
{
    QFETCH(std::vector<float>, values);
    const MinMaxPyramid pyramid = built(values);
    const auto n = qsizetype(values.size());
    QRandomGenerator rng(42);
    for (int round = 0; round < 2000; ++round) {
        qsizetype a = n ? qsizetype(rng.bounded(quint32(n + 1))) : 0;
        qsizetype b = n ? qsizetype(rng.bounded(quint32(n + 1))) : 0;
        if (round % 3 == 0 && n > 0) // narrow ranges too, where the raw ends dominate
            b = std::min(n, a + qsizetype(rng.bounded(200)));
        if (a > b)
            std::swap(a, b);
        const auto expected = scan(values, a, b);
        const auto got = pyramid.picks(values, a, b);
        if (!samePicks(expected, got))
            QFAIL(qPrintable(QStringLiteral("[%1, %2): scan %3, pyramid %4").arg(a).arg(b).arg(describe(expected), describe(got))));
    }
    if (n > 0)
        QVERIFY(samePicks(scan(values, 0, n), pyramid.picks(values, 0, n)));
}

// The values a chart column draws: those of the scan's picks, from the pyramid's nodes.
void TestMinMaxPyramid::boundsEqualAScan()
{
    QFETCH(std::vector<float>, values);
    const MinMaxPyramid pyramid = built(values);
    const auto n = qsizetype(values.size());
    QRandomGenerator rng(7);
    const auto same = [](float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    for (int round = 0; round < 2000; ++round) {
        qsizetype a = n ? qsizetype(rng.bounded(quint32(n + 1))) : 0;
        qsizetype b = n ? qsizetype(rng.bounded(quint32(n + 1))) : 0;
        if (round % 3 == 0 && n > 0)
            b = std::min(n, a + qsizetype(rng.bounded(200)));
        if (a > b)
            std::swap(a, b);
        const auto expected = scan(values, a, b);
        const auto got = pyramid.bounds(values, a, b);
        QCOMPARE(got.isEmpty(), expected.isEmpty());
        if (expected.isEmpty())
            continue;
        const auto at = [&](qsizetype i) { return values[size_t(i)]; };
        if (!same(got.first, at(expected.first)) || !same(got.min, at(expected.min)) || !same(got.max, at(expected.max))
            || !same(got.last, at(expected.last)))
            QFAIL(qPrintable(QStringLiteral("[%1, %2): scan %3, bounds %4 %5 %6 %7")
                                 .arg(a)
                                 .arg(b)
                                 .arg(describe(expected))
                                 .arg(got.first)
                                 .arg(got.min)
                                 .arg(got.max)
                                 .arg(got.last)));
    }
}

void TestMinMaxPyramid::decimationEqualsTheLinearScan_data()
{
    QTest::addColumn<std::vector<float>>("values");
    QTest::addColumn<int>("columns");
    QTest::addColumn<bool>("byTime");
    QTest::newRow("1 M by index, 1600 columns") << awkward(1'000'000, 7) << 1600 << false;
    QTest::newRow("1 M by time with gaps, 1600 columns") << awkward(1'000'000, 8) << 1600 << true;
    QTest::newRow("200 k by time, 7 columns") << awkward(200'000, 9) << 7 << true;
    QTest::newRow("50 k by index, 333 columns") << awkward(50'000, 10) << 333 << false;
    QTest::newRow("sparse: 1000 samples, 600 columns") << awkward(1000, 11) << 600 << false;
}

// The chart's promise: drawing from the pyramid picks exactly the samples the full scan picks,
// for the whole trace and for zoomed and panned windows of it.
void TestMinMaxPyramid::decimationEqualsTheLinearScan()
{
    QFETCH(std::vector<float>, values);
    QFETCH(int, columns);
    QFETCH(bool, byTime);
    const auto n = qsizetype(values.size());
    const std::vector<double> times = byTime ? irregularTimes(n, 5) : std::vector<double>();
    const MinMaxPyramid pyramid = built(values);
    QRandomGenerator rng(3);
    for (int round = 0; round < 12; ++round) {
        qsizetype a = 0, b = n;
        if (round > 0) { // zoom to a random window, then pan it
            const qsizetype width = std::max<qsizetype>(1, n >> (round % 6));
            a = qsizetype(rng.bounded(quint32(n - width + 1)));
            b = a + width;
        }
        const auto linear = decimateMinMax(values, a, b, columns, times);
        const auto fast = decimateMinMax(values, a, b, columns, times, pyramid);
        QCOMPARE(fast, linear);
        QVERIFY(fast.size() <= size_t(columns) * 4 || b - a <= qsizetype(columns) * 4);
    }
}

void TestMinMaxPyramid::realTracesDecimateAlike_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("columns");
    QTest::newRow("nvidia-smi h100x8") << QStringLiteral("nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv") << 9;
    QTest::newRow("nvidia-smi titanx partial") << QStringLiteral("nvidia-smi-query-titanx-2gpu-partial-last-line-training_profile.csv") << 13;
    QTest::newRow("perf stat") << QStringLiteral("perf-stat-energy-pkg-cores-locale-comma-nnbsp-MSc-Thesis.txt") << 3;
    QTest::newRow("nvidia-smi titanx NUL tail") << QStringLiteral("nvidia-smi-query-titanx-2gpu-nul-padded-tail-training_profile.csv") << 17;
}

// Every channel of a real log, by sample index and by time, whole and in halves.
void TestMinMaxPyramid::realTracesDecimateAlike()
{
    QFETCH(QString, file);
    QFETCH(int, columns);
    const LoadedLog log = LogLoader::loadFile(test::dataPath(file));
    QVERIFY2(log.ok(), qPrintable(log.error));
    const Trace &trace = log.trace;
    QVERIFY2(trace.size() > qsizetype(columns) * 4, "too few samples to need decimating");
    for (int c = 0; c < trace.channelCount(); ++c) {
        const auto values = trace.values(c);
        const std::pair<qsizetype, qsizetype> ranges[] = {{0, trace.size()}, {trace.size() / 2, trace.size()}};
        for (const auto xs : {std::span<const double>(), trace.times()}) {
            for (const auto &[a, b] : ranges) {
                QCOMPARE(decimateMinMax(values, a, b, columns, xs, trace.levelOfDetail(c)), decimateMinMax(values, a, b, columns, xs));
            }
        }
    }
}

// A live trace grows one sample at a time; at every point the pyramid answers like the scan,
// including for the samples appended since its last catch-up.
void TestMinMaxPyramid::growingTraceStaysExact()
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    const std::vector<float> source = awkward(40'000, 21);
    for (qsizetype i = 0; i < qsizetype(source.size()); ++i) {
        const float v = source[size_t(i)];
        trace.append(double(i) * 0.1, 0.0f, std::span<const float>(&v, 1));
        if (i == 20'000) // a channel that appears part-way: its past reads as missing
            trace.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
        if (i % 997 == 0 || i == qsizetype(source.size()) - 1) {
            for (int c = 0; c < trace.channelCount(); ++c) {
                const auto values = trace.values(c);
                const std::vector<float> copy(values.begin(), values.end());
                QVERIFY(samePicks(trace.levelOfDetail(c).picks(values, 0, trace.size()), scan(copy, 0, trace.size())));
                QCOMPARE(decimateMinMax(values, 0, trace.size(), 50, trace.times(), trace.levelOfDetail(c)),
                         decimateMinMax(values, 0, trace.size(), 50, trace.times()));
            }
        }
    }
    // The pyramid lags by less than one block and never runs ahead.
    QVERIFY(trace.size() - trace.levelOfDetail(0).size() < MinMaxPyramid::kBaseBlock);
    QVERIFY(trace.levelOfDetail(0).size() <= trace.size());
}

void TestMinMaxPyramid::appendedColumnsStayExact()
{
    Trace trace;
    trace.setTiming(TimingKind::Windowed);
    trace.ensureChannel({QStringLiteral("gpu0"), QStringLiteral("GPU 0"), ChannelRole::Component});
    const std::vector<float> source = awkward(100'000, 31);
    QRandomGenerator rng(8);
    qsizetype at = 0;
    while (at < qsizetype(source.size())) {
        const qsizetype chunk = std::min<qsizetype>(qsizetype(source.size()) - at, 1 + rng.bounded(5000));
        std::vector<double> times(static_cast<size_t>(chunk));
        for (qsizetype i = 0; i < chunk; ++i)
            times[size_t(i)] = double(at + i);
        const std::span<const float> column(source.data() + at, size_t(chunk));
        trace.appendColumns(times, {}, std::span<const std::span<const float>>(&column, 1));
        at += chunk;
        QCOMPARE(trace.levelOfDetail(0).size(), trace.size()); // bulk appends catch up at once
        QCOMPARE(decimateMinMax(trace.values(0), 0, trace.size(), 123, {}, trace.levelOfDetail(0)),
                 decimateMinMax(trace.values(0), 0, trace.size(), 123));
    }
}

// 300,000 samples: 4,688 base blocks (300000 / 64, rounded up), then 293, 19, 2 and 1 nodes:
// five levels, and 8 bytes for each of the 5,003 nodes, about 0.13 bytes per sample.
void TestMinMaxPyramid::levelsAndSize()
{
    const MinMaxPyramid pyramid = built(std::vector<float>(300'000, 1.0f));
    QCOMPARE(pyramid.size(), 300'000);
    QCOMPARE(pyramid.levelCount(), 5);
    QVERIFY(pyramid.bytes() >= 5003 * 8);
    QVERIFY(pyramid.bytes() < 300'000 / 5); // under 0.2 bytes per sample, with vector slack
}

QTEST_APPLESS_MAIN(TestMinMaxPyramid)
#include "tst_minmaxpyramid.moc"
