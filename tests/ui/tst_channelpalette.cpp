// One palette for every chart: CPU blue and GPU orange as in the seaborn figures, and a colour of
// its own for each channel of a multi-GPU log, in the power chart and the comparison bars alike.
#include "charts/channelstyle.h"
#include "charts/comparisonbarchart.h"
#include "charts/powerchart.h"
#include "charts/tracelinesitem.h"

#include "report/comparison.h"
#include "trace/trace.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QSet>
#include <QTest>

using namespace nightwatt;

namespace {

// Channels with these ids, channel c holding a steady c + 1 W so no line covers another.
Trace steadyTrace(const QStringList &ids)
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    for (const QString &id : ids)
        trace.ensureChannel({id, id.toUpper(), ChannelRole::Component});
    const size_t n = 30;
    std::vector<double> times(n);
    std::vector<std::vector<float>> values;
    for (qsizetype c = 0; c < ids.size(); ++c)
        values.emplace_back(n, float(c + 1));
    for (size_t i = 0; i < n; ++i)
        times[i] = double(i);
    std::vector<std::span<const float>> columns(values.begin(), values.end());
    trace.appendColumns(times, {}, columns);
    return trace;
}

QStringList gpuIds(int count)
{
    QStringList ids;
    for (int g = 0; g < count; ++g)
        ids << QStringLiteral("gpu%1").arg(g);
    return ids;
}

QSet<QRgb> distinct(const std::vector<QColor> &colors)
{
    QSet<QRgb> set;
    for (const QColor &color : colors)
        set.insert(color.rgb());
    return set;
}

const TraceLinesItem *linesOf(const PowerChart &chart)
{
    for (QGraphicsItem *item : chart.findChild<QGraphicsView *>()->scene()->items()) {
        if (auto *lines = dynamic_cast<const TraceLinesItem *>(item))
            return lines;
    }
    return nullptr;
}

int pixelsOf(const QImage &image, QRgb colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += (image.pixel(x, y) & 0xffffff) == (colour & 0xffffff) ? 1 : 0;
    }
    return count;
}

} // namespace

class TestChannelPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cpuBlueGpuOrange();
    void everyChannelItsOwnColour_data();
    void everyChannelItsOwnColour();
    void powerChartDrawsThemSo_data();
    void powerChartDrawsThemSo();
    void comparisonBarsUseThePalette_data();
    void comparisonBarsUseThePalette();
    void reportedTotalStaysApartWhenDense_data();
    void reportedTotalStaysApartWhenDense();
};

void TestChannelPalette::cpuBlueGpuOrange()
{
    const Trace trace = steadyTrace({QStringLiteral("cpu"), QStringLiteral("gpu"), QStringLiteral("ane"), QStringLiteral("combined")});
    const std::vector<QColor> colors = channelColors(trace);
    QCOMPARE(colors.at(0), QColor(0x1f77b4));
    QCOMPARE(colors.at(1), QColor(0xff7f0e));
    QCOMPARE(distinct(colors).size(), 4);
}

void TestChannelPalette::everyChannelItsOwnColour_data()
{
    QTest::addColumn<int>("gpus");
    QTest::newRow("8 GPUs") << 8;
    QTest::newRow("20 GPUs") << 20;
}

void TestChannelPalette::everyChannelItsOwnColour()
{
    QFETCH(int, gpus);
    const Trace trace = steadyTrace(gpuIds(gpus));
    QCOMPARE(distinct(channelColors(trace)).size(), gpus);
    // A package line after the GPUs still gets a colour none of them has.
    const Trace withPackage = steadyTrace(gpuIds(gpus - 1) << QStringLiteral("package"));
    QCOMPARE(distinct(channelColors(withPackage)).size(), gpus);
}

void TestChannelPalette::powerChartDrawsThemSo_data()
{
    everyChannelItsOwnColour_data();
}

void TestChannelPalette::powerChartDrawsThemSo()
{
    QFETCH(int, gpus);
    const Trace trace = steadyTrace(gpuIds(gpus));
    PowerChart chart;
    chart.resize(900, 500);
    chart.setTrace(&trace);
    chart.redrawNow();
    const TraceLinesItem *lines = linesOf(chart);
    QVERIFY(lines);
    QCOMPARE(int(lines->layers().size()), gpus);
    QSet<QRgb> colors;
    for (const TraceLinesItem::Layer &layer : lines->layers())
        colors.insert(layer.pen.color().rgb());
    QCOMPARE(colors.size(), gpus);
}

void TestChannelPalette::comparisonBarsUseThePalette_data()
{
    everyChannelItsOwnColour_data();
}

void TestChannelPalette::comparisonBarsUseThePalette()
{
    QFETCH(int, gpus);
    ScenarioComparison comparison;
    for (int i = 0; i < gpus; ++i) {
        RunSummary summary;
        summary.scenario.meanPowerW = 100 + 10 * i;
        summary.result = computeScenario(summary.scenario);
        comparison.scenarios.append(summary);
        comparison.labels.append(QStringLiteral("s%1").arg(i));
    }
    const QImage image = renderComparisonChart(comparison, QSize(1600, 700));
    for (int i = 0; i < gpus; ++i)
        QVERIFY2(pixelsOf(image, paletteColor(i).rgb()) > 50, qPrintable(paletteColor(i).name()));
}

void TestChannelPalette::reportedTotalStaysApartWhenDense_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("dense");
    // The bundled example's 709 samples: through them on a wide chart, one per column or more on
    // the dashboard's narrower one.
    QTest::newRow("wide, through the samples") << 1600 << false;
    QTest::newRow("narrow, as column envelopes") << 500 << true;
}

void TestChannelPalette::reportedTotalStaysApartWhenDense()
{
    QFETCH(int, width);
    QFETCH(bool, dense);
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    trace.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
    trace.ensureChannel({QStringLiteral("combined"), QStringLiteral("Combined (reported)"), ChannelRole::ReportedTotal});
    const size_t n = 709;
    std::vector<double> times(n);
    std::vector<float> cpu(n), gpu(n), combined(n);
    for (size_t i = 0; i < n; ++i) {
        times[i] = double(i);
        cpu[i] = 5 + float(i % 7) * 0.3f;
        gpu[i] = 12 - float(i % 5) * 0.8f;
        combined[i] = cpu[i] + gpu[i];
    }
    const std::vector<std::span<const float>> columns{std::span<const float>(cpu), std::span<const float>(gpu), std::span<const float>(combined)};
    trace.appendColumns(times, {}, columns);
    PowerChart chart;
    chart.resize(width, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setTrace(&trace);
    chart.redrawNow();
    const TraceLinesItem *lines = linesOf(chart);
    QVERIFY(lines);
    QCOMPARE(int(lines->layers().size()), 3);
    const TraceLinesItem::Layer &total = lines->layers().at(2);
    QCOMPARE(!total.bars.isEmpty(), dense);
    const QColor own = channelColors(trace).at(2);
    if (!dense) {
        QCOMPARE(total.pen.style(), Qt::DashLine);
        QCOMPARE(total.pen.color(), own);
        return;
    }
    // Too dense for dashes: a light tint of its own colour, apart from both components.
    QCOMPARE(total.pen.style(), Qt::SolidLine);
    QCOMPARE(total.pen.color().hslHue(), own.hslHue());
    QVERIFY2(total.pen.color().lightness() > own.lightness() + 50, qPrintable(total.pen.color().name()));
    for (int c = 0; c < 2; ++c)
        QVERIFY(total.pen.color() != lines->layers().at(size_t(c)).pen.color());
}

QTEST_MAIN(TestChannelPalette)
#include "tst_channelpalette.moc"
