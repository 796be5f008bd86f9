// What the power chart draws for long traces: the per-pixel-column envelope it computes from the
// min/max pyramid, the pixels it paints from it, zooms, and live growth.
#include "charts/columnenvelope.h"
#include "charts/powerchart.h"
#include "charts/tracelinesitem.h"

#include "trace/minmaxpyramid.h"
#include "trace/trace.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace nightwatt;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
const QRgb kCpuColor = qRgb(0x1f, 0x77, 0xb4); // the chart's colour for a channel named "cpu"

// One channel named "cpu", sampled every 0.1 s.
Trace cpuTrace(const std::vector<float> &values)
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    std::vector<double> times(values.size());
    for (size_t i = 0; i < times.size(); ++i)
        times[i] = double(i) * 0.1;
    const std::vector<std::span<const float>> columns{std::span<const float>(values)};
    trace.appendColumns(times, {}, columns);
    return trace;
}

const TraceLinesItem *linesOf(const PowerChart &chart)
{
    for (QGraphicsItem *item : chart.findChild<QGraphicsView *>()->scene()->items()) {
        if (auto *lines = dynamic_cast<const TraceLinesItem *>(item))
            return lines;
    }
    return nullptr;
}

// Topmost row in column x of the plot painted in the cpu colour, or -1.
int topmostCpuPixel(const QImage &image, int x, const QRect &plot)
{
    for (int y = plot.top(); y <= plot.bottom(); ++y) {
        if (image.pixel(x, y) == kCpuColor)
            return y;
    }
    return -1;
}

} // namespace

class TestPowerChartDrawing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void envelopeWorkedByHand();
    void envelopeOfGapsAndEdges();
    void envelopeMatchesEverySample_data();
    void envelopeMatchesEverySample();
    void sparseRangeKeepsItsSamples();
    void oneSpikeInAMillionIsDrawn();
    void zoomShowsTheRightRange();
    void liveGrowthRepaintsOnlyWhatChanges();
    void followedZoomMovesInSteps();
};

void TestPowerChartDrawing::envelopeWorkedByHand()
{
    // Positions are the indices 0..7; two columns over [0, 7] are 3.5 wide: samples 0–3 fall in
    // the first, 4–7 in the second (sample 5 is missing and left out).
    const std::vector<float> values{1, 5, 2, 8, 3, kNaN, 4, 7};
    MinMaxPyramid pyramid;
    pyramid.extend(values);
    const ChannelEnvelope e = columnEnvelope(values, {}, pyramid, {0, 8, 0.0, 7.0, 2, 0});
    QVERIFY(e.dense);
    QCOMPARE(e.columns.size(), size_t(2));
    QCOMPARE(e.columns[0].min, 1.0f);
    QCOMPARE(e.columns[0].max, 8.0f);
    QCOMPARE(e.columns[0].first, 1.0f);
    QCOMPARE(e.columns[0].last, 8.0f);
    QCOMPARE(e.columns[1].min, 3.0f);
    QCOMPARE(e.columns[1].max, 7.0f);
    QCOMPARE(e.columns[1].first, 3.0f);
    QCOMPARE(e.columns[1].last, 7.0f);
    QVERIFY(e.points.empty()); // nothing lies off the plot
    QCOMPARE(e.pointCount(), 4);  // a minimum and a maximum per column
}

void TestPowerChartDrawing::envelopeOfGapsAndEdges()
{
    // Irregular times 0, 1, 2, then 10, 11, 12 s, plus one sample either side of the plot's
    // [0.5, 12] s. Three columns 3.83 s wide: [0.5, 4.33) holds 1 and 2 s, [4.33, 8.17) nothing
    // (the gap), [8.17, 12] holds 10, 11 and 12 s. The samples at 0 s and 13 s are the edges.
    const std::vector<double> times{0, 1, 2, 10, 11, 12, 13};
    const std::vector<float> values{9, 4, 6, 1, 9, 2, 3};
    MinMaxPyramid pyramid;
    pyramid.extend(values);
    const ChannelEnvelope e = columnEnvelope(values, times, pyramid, {0, 7, 0.5, 12.0, 3, 0});
    QVERIFY(e.dense);
    QCOMPARE(e.columns[0].min, 4.0f);
    QCOMPARE(e.columns[0].max, 6.0f);
    QCOMPARE(e.columns[0].last, 6.0f);
    QVERIFY(e.columns[1].isEmpty());
    QCOMPARE(e.columns[2].min, 1.0f);
    QCOMPARE(e.columns[2].max, 9.0f);
    QCOMPARE(e.columns[2].first, 1.0f);
    QCOMPARE(e.columns[2].last, 2.0f);
    QCOMPARE(e.points.size(), size_t(2));
    QCOMPARE(e.points[0], QPointF(0, 9));
    QCOMPARE(e.points[1], QPointF(13, 3));
}

void TestPowerChartDrawing::envelopeMatchesEverySample_data()
{
    QTest::addColumn<bool>("times");      // irregular time positions instead of indices
    QTest::addColumn<double>("missing");  // share of missing samples
    QTest::addColumn<int>("columns");
    QTest::addColumn<double>("zoomFrom"); // visible part, as shares of the trace
    QTest::addColumn<double>("zoomTo");
    QTest::newRow("indices, whole") << false << 0.0 << 1600 << 0.0 << 1.0;
    QTest::newRow("indices, zoomed, missing values") << false << 0.3 << 997 << 0.31 << 0.47;
    QTest::newRow("irregular times, whole") << true << 0.0 << 1200 << 0.0 << 1.0;
    QTest::newRow("irregular times, zoomed, missing") << true << 0.1 << 640 << 0.5 << 0.503;
    QTest::newRow("fewer samples than columns in places") << true << 0.0 << 1500 << 0.2 << 0.2003;
}

// The envelope against a plain pass over every sample, column by column.
void TestPowerChartDrawing::envelopeMatchesEverySample()
{
    QFETCH(bool, times);
    QFETCH(double, missing);
    QFETCH(int, columns);
    QFETCH(double, zoomFrom);
    QFETCH(double, zoomTo);
    constexpr qsizetype n = 300'000;
    QRandomGenerator random(42);
    std::vector<float> values(static_cast<size_t>(n));
    std::vector<double> xs;
    double t = 0;
    for (qsizetype i = 0; i < n; ++i) {
        values[size_t(i)] = random.generateDouble() < missing ? kNaN : float(random.bounded(1000.0));
        if (times) {
            t += random.generateDouble() < 0.001 ? 50.0 : random.bounded(0.2); // now and then a gap
            xs.push_back(t);
        }
    }
    MinMaxPyramid pyramid;
    pyramid.extend(values);
    const auto position = [&](qsizetype i) { return times ? xs[size_t(i)] : double(i); };
    const double lastPosition = position(n - 1);
    const double left = zoomFrom * lastPosition, right = zoomTo * lastPosition;
    const ChannelEnvelope e = columnEnvelope(values, xs, pyramid, {0, n, left, right, columns, 0});
    QVERIFY(e.dense);
    QCOMPARE(e.columns.size(), size_t(columns));

    // Column c starts at left + c·w (the last one ends at right, inclusive).
    const double w = (right - left) / columns;
    std::vector<EnvelopeColumn> expected(static_cast<size_t>(columns));
    for (qsizetype i = 0; i < n; ++i) {
        const double x = position(i);
        const float v = values[size_t(i)];
        if (x < left || x > right || std::isnan(v))
            continue;
        int c = 0;
        while (c + 1 < columns && x >= left + (c + 1) * w)
            ++c;
        EnvelopeColumn &column = expected[size_t(c)];
        if (column.isEmpty()) {
            column.min = column.max = column.first = v;
        }
        column.min = std::min(column.min, v);
        column.max = std::max(column.max, v);
        column.last = v;
    }
    int empty = 0;
    for (int c = 0; c < columns; ++c) {
        const EnvelopeColumn &got = e.columns[size_t(c)], &want = expected[size_t(c)];
        QCOMPARE(got.isEmpty(), want.isEmpty());
        empty += want.isEmpty() ? 1 : 0;
        if (want.isEmpty())
            continue;
        QCOMPARE(got.min, want.min);
        QCOMPARE(got.max, want.max);
        QCOMPARE(got.first, want.first);
        QCOMPARE(got.last, want.last);
    }
    if (QByteArray(QTest::currentDataTag()).startsWith("fewer"))
        QVERIFY2(empty > 0, "the row is meant to have columns without samples");
}

void TestPowerChartDrawing::sparseRangeKeepsItsSamples()
{
    // Up to rawUpTo samples come back as they are, missing ones left out: 6 samples, 1 missing.
    const std::vector<float> values{3, kNaN, 5, 4, 8, 1};
    MinMaxPyramid pyramid;
    pyramid.extend(values);
    const ChannelEnvelope e = columnEnvelope(values, {}, pyramid, {0, 6, 0.0, 5.0, 100, 100});
    QVERIFY(!e.dense);
    QCOMPARE(e.points.size(), size_t(5));
    QCOMPARE(e.points[1], QPointF(2, 5));
    QCOMPARE(e.pointCount(), 5);
}

// A million samples at 10 W with a single 100 W sample in the middle: the chart shows the spike
// at its full height (a min/max per column, never a sample of the samples) and a flat line
// everywhere else.
void TestPowerChartDrawing::oneSpikeInAMillionIsDrawn()
{
    std::vector<float> values(1'000'000, 10.0f);
    values[500'000] = 100.0f;
    const Trace trace = cpuTrace(values);
    PowerChart chart;
    chart.resize(1000, 500);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 500);
    chart.redrawNow();
    // Two points (a minimum and a maximum) per pixel column, one channel.
    QVERIFY2(std::abs(chart.pointsDrawn() - 2 * chart.plotArea().width()) <= 4, qPrintable(QString::number(chart.pointsDrawn())));
    const QImage image = chart.grab().toImage();
    const QRect plot = chart.plotArea();

    // The spike's column: x = left + width × 500,000 / 999,999.
    const int spikeX = plot.left() + int(std::lround(plot.width() * 500'000.0 / 999'999.0));
    int spikeTop = plot.bottom();
    for (int x = spikeX - 2; x <= spikeX + 2; ++x) {
        const int top = topmostCpuPixel(image, x, plot);
        if (top >= 0)
            spikeTop = std::min(spikeTop, top);
    }
    // Away from it, every column shows the flat line at the same height.
    const int flatTop = topmostCpuPixel(image, plot.left() + plot.width() / 4, plot);
    QVERIFY(flatTop > 0);
    for (int x = plot.left() + 3; x < plot.right() - 3; ++x) {
        if (std::abs(x - spikeX) <= 3)
            continue;
        QCOMPARE(topmostCpuPixel(image, x, plot), flatTop);
    }
    // The y axis starts at 0 at the plot's bottom, so heights above it scale with the power:
    // 100 W stands 10 times as high as 10 W (± the pen's width, rounded to pixels).
    const double flatHeight = plot.bottom() - flatTop, spikeHeight = plot.bottom() - spikeTop;
    QVERIFY2(std::abs(spikeHeight - 10 * flatHeight) <= 12,
             qPrintable(QStringLiteral("flat %1 px, spike %2 px").arg(flatHeight).arg(spikeHeight)));
}

void TestPowerChartDrawing::zoomShowsTheRightRange()
{
    std::vector<float> values(1'000'000, 10.0f);
    values[500'000] = 100.0f;
    const Trace trace = cpuTrace(values);
    PowerChart chart;
    chart.resize(1000, 500);
    chart.setTrace(&trace);
    chart.setXAxisMode(XAxisMode::Elapsed);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 500);
    // Samples 450,000..550,000 (45,000..55,000 s): the spike at sample 500,000 sits in the middle.
    chart.setVisibleIndices(450'000, 550'000);
    QImage image = chart.grab().toImage();
    QRect plot = chart.plotArea();
    const int flatTop = topmostCpuPixel(image, plot.left() + plot.width() / 4, plot);
    int spikeAt = -1;
    for (int x = plot.left(); x <= plot.right(); ++x) {
        const int top = topmostCpuPixel(image, x, plot);
        if (top >= 0 && top < flatTop - 20) {
            QVERIFY2(spikeAt < 0 || x - spikeAt <= 2, "one spike, drawn once");
            spikeAt = x;
        }
    }
    QVERIFY2(std::abs(spikeAt - (plot.left() + plot.width() / 2)) <= 2, qPrintable(QString::number(spikeAt)));

    // Samples 600,000..700,000 do not hold it: a flat line only.
    chart.setVisibleIndices(600'000, 700'000);
    image = chart.grab().toImage();
    plot = chart.plotArea();
    const int flat = topmostCpuPixel(image, plot.left() + 5, plot);
    for (int x = plot.left() + 3; x < plot.right() - 3; ++x)
        QCOMPARE(topmostCpuPixel(image, x, plot), flat);
}

// A growing trace shown whole: samples that change nothing visible cost no repaint; a new
// maximum in the last column repaints that column.
void TestPowerChartDrawing::liveGrowthRepaintsOnlyWhatChanges()
{
    std::vector<float> values(1'000'000, 10.0f);
    values[1000] = 50.0f; // sets the y axis, so that 40 W later fits under it
    Trace trace = cpuTrace(values);
    PowerChart chart;
    chart.resize(1000, 500);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 500);
    const TraceLinesItem *lines = linesOf(chart);
    QVERIFY(lines);
    const auto append = [&](float watts) {
        const float value[] = {watts};
        trace.append(double(trace.size()) * 0.1, 0.0f, value);
        chart.traceGrew();
    };
    append(10.0f); // the first growth leaves room at the right for those to come
    QTest::qWait(150);
    const qint64 redraws = chart.redrawCount();
    const qint64 paints = lines->paintCount();
    const std::vector<TraceLinesItem::Layer> before = lines->layers();
    // The last column holds about 1,100 samples (a million over 900-odd columns): two more at
    // the same 10 W fall into it and change nothing it shows.
    append(10.0f);
    QTest::qWait(60);
    append(10.0f);
    QTest::qWait(150);
    QVERIFY(chart.redrawCount() > redraws); // it did look
    QCOMPARE(lines->paintCount(), paints);  // and found nothing to repaint
    QVERIFY(lines->layers() == before);

    append(40.0f);
    QTRY_VERIFY(lines->paintCount() > paints);
    // Only the last bar grew: 40 W reaches 4 times as high as the 10 W line.
    const auto &bars = lines->layers().front().bars;
    QCOMPARE(bars.size(), before.front().bars.size());
    QVERIFY(bars.back().top() < before.front().bars.back().top() - 20);
    for (qsizetype i = 0; i + 1 < bars.size(); ++i)
        QCOMPARE(bars[i], before.front().bars[i]);
}

// Following the newest 10,000 samples: the view keeps 2 % of its span free at the right and
// moves on by that much when the newest sample reaches the edge, not by one sample per sample.
void TestPowerChartDrawing::followedZoomMovesInSteps()
{
    Trace trace = cpuTrace(std::vector<float>(100'000, 10.0f));
    PowerChart chart;
    chart.resize(1000, 500);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 500);
    chart.setVisibleIndices(89'999, 99'999);
    chart.setFollowing(true);
    const TraceLinesItem *lines = linesOf(chart);
    const auto append = [&] {
        const float value[] = {10.0f};
        trace.append(double(trace.size()) * 0.1, 0.0f, value);
        chart.traceGrew();
    };
    append();
    QTest::qWait(150);
    const std::vector<TraceLinesItem::Layer> first = lines->layers();
    // The flat line ends about 2 % (200 samples, ~18 px) short of the plot's right edge.
    const QRectF plot = chart.plotArea();
    const double lineEnd = first.front().bars.back().right();
    QVERIFY2(plot.right() - lineEnd > 10 && plot.right() - lineEnd < 30, qPrintable(QString::number(plot.right() - lineEnd)));

    const qint64 paints = lines->paintCount();
    append(); // the 10,000 samples' view moves on by one, the drawing stays put
    QTest::qWait(150);
    QCOMPARE(chart.visibleIndices().second, double(trace.size() - 1));
    // Every bar where it was; only the last column may have grown by the new sample (about 11
    // samples fall in a column, so it may have opened a new one).
    const auto &bars = lines->layers().front().bars;
    QVERIFY(bars.size() >= first.front().bars.size());
    for (qsizetype i = 0; i + 1 < first.front().bars.size(); ++i)
        QCOMPARE(bars[i], first.front().bars[i]);
    // 200 more samples fill the room: then the view moves on, and so do the lines.
    for (int i = 0; i < 200; ++i)
        append();
    QTest::qWait(150);
    QVERIFY(lines->paintCount() > paints);
    QCOMPARE(chart.visibleIndices().second, double(trace.size() - 1));
    const double newEnd = lines->layers().front().bars.back().right();
    QVERIFY2(plot.right() - newEnd > 10, qPrintable(QString::number(plot.right() - newEnd)));
}

QTEST_MAIN(TestPowerChartDrawing)
#include "tst_powerchartdrawing.moc"
