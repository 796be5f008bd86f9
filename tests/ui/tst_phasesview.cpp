// A run's phases in the window: shaded on the power chart, listed in the Phases panel, a click on
// a phase selecting its range, and the PNG export showing both.
#include "charts/markersitem.h"
#include "charts/powerchart.h"

#include "trace/trace.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QTest>

#include <vector>

using namespace nightwatt;

namespace {

// One "cpu" channel reading `watts` every second from 0 to `seconds`.
Trace steadyTrace(int seconds, float watts)
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    std::vector<double> times;
    std::vector<float> values;
    for (int i = 0; i <= seconds; ++i) {
        times.push_back(double(i));
        values.push_back(watts);
    }
    const std::vector<std::span<const float>> columns{std::span<const float>(values)};
    trace.appendColumns(times, {}, columns);
    return trace;
}

Marker phase(MarkerKind kind, const QString &label, double startS, double endS)
{
    return Marker{kind, label, startS, endS};
}

const MarkersItem *markersOf(const PowerChart &chart, MarkersItem::Part part)
{
    // The shading sits under the traces, the labels over them.
    const MarkersItem *found = nullptr;
    for (QGraphicsItem *item : chart.findChild<QGraphicsView *>()->scene()->items()) {
        if (auto *markers = dynamic_cast<const MarkersItem *>(item)) {
            if (!found || (part == MarkersItem::Part::Shading ? markers->zValue() < found->zValue() : markers->zValue() > found->zValue()))
                found = markers;
        }
    }
    return found;
}

void showChart(PowerChart &chart, const Trace &trace)
{
    chart.resize(900, 420);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.redrawNow();
}

} // namespace

class TestPhasesView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chartShadesPhasesAndMarksInstants();
    void manyLabelsThinOutWithoutOverlap();
};

void TestPhasesView::chartShadesPhasesAndMarksInstants()
{
    Trace trace = steadyTrace(100, 10);
    trace.addMarker(phase(MarkerKind::Epoch, QStringLiteral("epoch 1"), 10, 40));
    trace.addMarker(phase(MarkerKind::Eval, QStringLiteral("eval 1"), 40, 50));
    trace.addMarker(Marker{MarkerKind::Marker, QStringLiteral("checkpoint"), 80, std::nullopt});
    PowerChart chart;
    showChart(chart, trace);

    const MarkersItem *shading = markersOf(chart, MarkersItem::Part::Shading);
    QVERIFY(shading);
    QCOMPARE(shading->bands().size(), 2);
    QCOMPARE(shading->instants().size(), 1);

    const QImage image = chart.grab().toImage();
    const QRect plot = chart.plotArea();
    const auto xAt = [&](double seconds) { return plot.left() + int(seconds / 100.0 * plot.width()); };
    const int y = plot.bottom() - plot.height() / 4; // below the 10 W line, above the axis
    const QColor plain = image.pixelColor(xAt(65), y);
    const QColor epoch = image.pixelColor(xAt(25), y);
    const QColor eval = image.pixelColor(xAt(45), y);
    QVERIFY2(epoch != plain, "the epoch is not shaded");
    QVERIFY2(eval != plain && eval != epoch, "the evaluation is not shaded in its own tint");
    // Shading is a light tint: the background stays light under it.
    QVERIFY(epoch.lightness() > 200);

    // The instant is a line across the plot, and the labels that fit are drawn.
    bool lineFound = false;
    for (int x = xAt(80) - 2; x <= xAt(80) + 2; ++x)
        lineFound = lineFound || image.pixelColor(x, y).lightness() < 200;
    QVERIFY2(lineFound, "the instant has no line");
    const MarkersItem *labels = markersOf(chart, MarkersItem::Part::Labels);
    QStringList texts;
    for (const MarkersItem::Label &label : labels->labels())
        texts.append(label.text);
    QCOMPARE(texts, (QStringList{QStringLiteral("epoch 1"), QStringLiteral("eval 1"), QStringLiteral("checkpoint")}));
}

void TestPhasesView::manyLabelsThinOutWithoutOverlap()
{
    Trace trace = steadyTrace(1000, 10);
    for (int i = 0; i < 500; ++i)
        trace.addMarker(phase(MarkerKind::Epoch, QStringLiteral("epoch %1").arg(i + 1), 2.0 * i, 2.0 * i + 2));
    PowerChart chart;
    showChart(chart, trace);

    const MarkersItem *labels = markersOf(chart, MarkersItem::Part::Labels);
    QCOMPARE(labels->bands().size(), 500);
    const auto &shown = labels->labels();
    QVERIFY(!shown.isEmpty());
    QVERIFY(shown.size() < 500);
    for (qsizetype i = 1; i < shown.size(); ++i)
        QVERIFY2(!shown[i].box.intersects(shown[i - 1].box), qPrintable(shown[i].text));

    // Zoomed in, only the phases in view are drawn, and more of them have room for a label.
    chart.setVisibleIndices(0, 100);
    QVERIFY(labels->bands().size() <= 51);
    QVERIFY(labels->labels().size() > 0);
}

QTEST_MAIN(TestPhasesView)
#include "tst_phasesview.moc"
