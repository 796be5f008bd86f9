// A run's phases in the window: shaded on the power chart, listed in the Phases panel, a click on
// a phase selecting its range, and the PNG export showing both.
#include "charts/markersitem.h"
#include "charts/powerchart.h"
#include "compare/currentcolumn.h"
#include "dashboard.h"
#include "livetracemirror.h"
#include "openrun.h"
#include "panels/phasespanel.h"
#include "phasesmodel.h"
#include "dashboardexport.h"
#include "scenariomodel.h"

#include "live/livetrace.h"
#include "trace/trace.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
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

// 10 W up to 40 s, 20 W between, 30 W from 60 s to 100 s: 400 + 15 + 360 + 25 + 1200 = 2000 J.
// "idle" [0, 40] holds 400 J (a fifth), "train" [60, 100] 1200 J (three fifths).
OpenRun stepRun(bool withPhases)
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    std::vector<double> times;
    std::vector<float> values;
    for (int i = 0; i <= 100; ++i) {
        times.push_back(double(i));
        values.push_back(i <= 40 ? 10.0f : i >= 60 ? 30.0f : 20.0f);
    }
    const std::vector<std::span<const float>> columns{std::span<const float>(values)};
    trace.appendColumns(times, {}, columns);
    if (withPhases) {
        trace.addMarker(phase(MarkerKind::Init, QStringLiteral("idle"), 0, 40));
        trace.addMarker(phase(MarkerKind::Epoch, QStringLiteral("train"), 60, 100));
        trace.addMarker(Marker{MarkerKind::Marker, QStringLiteral("checkpoint"), 50, std::nullopt});
    }
    auto log = std::make_shared<LoadedLog>();
    log->path = QStringLiteral("steps.csv");
    log->formatId = QStringLiteral("test");
    log->trace = std::move(trace);
    OpenRun run;
    run.stats = analyzeTrace(log->trace);
    run.phases = analyzePhases(log->trace, run.stats);
    run.title = QStringLiteral("steps");
    run.log = std::move(log);
    return run;
}

// The row of the table whose label is `label`, in the order shown.
int rowOf(const QTableView *table, const QString &label)
{
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, PhasesModel::Label).data().toString() == label)
            return row;
    }
    return -1;
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
    void panelListsThePhasesFigures();
    void panelHidesWithoutPhases();
    void clickingAPhaseSelectsItsRange();
    void phaseBecomesACompareColumn();
    void exportShowsShadingAndTable();
    void livePhaseGrowsUntilItsStop();

private:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
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

void TestPhasesView::panelListsThePhasesFigures()
{
    ScenarioModel model;
    Dashboard dashboard(&model);
    dashboard.setRun(stepRun(true));
    const PhasesPanel *panel = dashboard.phasesPanel();
    QVERIFY(!panel->isHidden());
    const QAbstractItemModel *rows = panel->table()->model();
    QCOMPARE(rows->rowCount(), 2); // the instant has no figures
    const int idle = rowOf(panel->table(), QStringLiteral("idle"));
    const int train = rowOf(panel->table(), QStringLiteral("train"));
    QCOMPARE(idle, 0); // in order of start at first
    QCOMPARE(train, 1);
    const auto figure = [&](int row, int column) { return rows->index(row, column).data(PhasesModel::SortRole).toDouble(); };
    QCOMPARE(figure(train, PhasesModel::Start), 60.0);
    QCOMPARE(figure(train, PhasesModel::Duration), 40.0);
    QCOMPARE(figure(train, PhasesModel::MeanPower), 30.0);
    QCOMPARE(figure(train, PhasesModel::Energy), 1200.0 / 3600);
    QCOMPARE(figure(train, PhasesModel::Share), 0.6);
    QCOMPARE(figure(idle, PhasesModel::MeanPower), 10.0);
    QCOMPARE(figure(idle, PhasesModel::Share), 0.2);
    QCOMPARE(rows->index(train, PhasesModel::Share).data().toString(), QStringLiteral("60.0\u202F%"));
    QCOMPARE(rows->index(train, PhasesModel::MeanPower).data().toString(), QStringLiteral("30.0\u202FW"));

    // Sorted by energy, largest first: the training phase leads.
    panel->table()->sortByColumn(PhasesModel::Energy, Qt::DescendingOrder);
    QCOMPARE(rowOf(panel->table(), QStringLiteral("train")), 0);
}

void TestPhasesView::panelHidesWithoutPhases()
{
    ScenarioModel model;
    Dashboard dashboard(&model);
    dashboard.setRun(stepRun(true));
    QVERIFY(!dashboard.phasesPanel()->isHidden());
    dashboard.setRun(stepRun(false));
    QVERIFY(dashboard.phasesPanel()->isHidden());
    QCOMPARE(dashboard.phasesPanel()->table()->model()->rowCount(), 0);
}

void TestPhasesView::clickingAPhaseSelectsItsRange()
{
    ScenarioModel model;
    Dashboard dashboard(&model);
    dashboard.resize(1400, 900);
    dashboard.setRun(stepRun(true));
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QTableView *table = dashboard.phasesPanel()->table();
    const int train = rowOf(table, QStringLiteral("train"));
    const QRect cell = table->visualRect(table->model()->index(train, PhasesModel::Label));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());

    // The readings at 60 s to 100 s, both ends included: samples 60..100.
    const auto selection = dashboard.chart()->selection();
    QVERIFY(selection);
    QCOMPARE(selection->begin, qsizetype(60));
    QCOMPARE(selection->end, qsizetype(101));
    const QString figures = dashboard.findChild<QLabel *>(QStringLiteral("selectionFigures"))->text();
    QVERIFY2(figures.contains(QStringLiteral("30.00\u202FW")), qPrintable(figures));

    // The chosen phase is what "Add Phase to Comparison" hands on.
    auto *add = dashboard.findChild<QPushButton *>(QStringLiteral("addPhaseToComparison"));
    QVERIFY(add && add->isEnabled());
    QSignalSpy requested(dashboard.phasesPanel(), &PhasesPanel::addToComparisonRequested);
    add->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().value<PhaseFigures>().label, QStringLiteral("train"));
}

void TestPhasesView::phaseBecomesACompareColumn()
{
    ScenarioModel model;
    const OpenRun run = stepRun(true);
    model.setMeasurement(run.stats, run.title);
    const CompareColumn column = columnFromPhase(model, run, run.phases.at(1));
    QCOMPARE(column.inputs.meanPowerW, 30.0);
    QCOMPARE(column.inputs.runtimeMin, model.inputs().runtimeMin);
    QVERIFY(column.range);
    QCOMPARE(column.range->begin, qsizetype(60));
    QCOMPARE(column.range->end, qsizetype(101));
    QCOMPARE(column.name, QStringLiteral("steps, train"));
    QVERIFY(column.log == run.log);
}

void TestPhasesView::exportShowsShadingAndTable()
{
    ScenarioModel model;
    const OpenRun with = stepRun(true), without = stepRun(false);
    model.setMeasurement(with.stats, with.title);
    const QSize size(1600, 1000);

    // The chart alone: the phases tint the plot where the bare run leaves it white.
    const QImage chartWith = renderExport({ExportView::Chart, size}, with, model, ChartViewState{});
    const QImage chartWithout = renderExport({ExportView::Chart, size}, without, model, ChartViewState{});
    qsizetype tinted = 0;
    for (int y = 0; y < size.height(); y += 4) {
        for (int x = 0; x < size.width(); x += 4)
            tinted += chartWith.pixel(x, y) != chartWithout.pixel(x, y) ? 1 : 0;
    }
    QVERIFY2(tinted > (size.width() / 4) * (size.height() / 4) / 10, qPrintable(QString::number(tinted)));

    // The report page: the phases table sits under the figures, in the lower part of the page,
    // which a run without phases leaves as it was.
    const QImage dashWith = renderExport({ExportView::Dashboard, size}, with, model, ChartViewState{});
    const QImage dashWithout = renderExport({ExportView::Dashboard, size}, without, model, ChartViewState{});
    const QRect lowerPart(0, size.height() * 3 / 4, size.width(), size.height() / 4);
    QVERIFY(dashWith.copy(lowerPart) != dashWithout.copy(lowerPart));
}

// A capture's phase shows as it opens, from its start to the newest sample, and ends where its
// stop puts it; the chart hears of both through the same throttled path as the samples.
void TestPhasesView::livePhaseGrowsUntilItsStop()
{
    LiveTrace live;
    LiveTraceMirror mirror;
    mirror.follow(&live);
    PowerChart chart;
    connect(&mirror, &LiveTraceMirror::grew, &chart, &PowerChart::traceGrew);
    ParseSink *sink = live.sink();
    sink->setTiming(TimingKind::Points);
    sink->channel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    const float watts[] = {10.0f};
    const auto feed = [&](int from, int to) {
        for (int t = from; t <= to; ++t)
            sink->sample(double(t), 0.0f, watts, t);
    };
    feed(0, 20);
    QTRY_COMPARE(mirror.trace().size(), qsizetype(21));
    showChart(chart, mirror.trace());
    const MarkersItem *shading = markersOf(chart, MarkersItem::Part::Shading);
    QVERIFY(shading);
    const auto bandOf = [&] { return shading->bands().size() == 1 ? shading->bands().first() : MarkersItem::Band{}; };

    sink->marker({MarkerKind::Epoch, QStringLiteral("epoch 1"), 10, std::nullopt, true});
    feed(21, 40);
    QTRY_COMPARE(mirror.trace().size(), qsizetype(41));
    QTRY_COMPARE(shading->bands().size(), qsizetype(1));
    // The axis starts at 0 s on the plot's left edge (a growing run keeps some room on the
    // right): a position in seconds is its distance from there over the band's start, 10 s.
    const double plotLeft = shading->boundingRect().left();
    const auto secondsAt = [&](double x) { return 10.0 * (x - plotLeft) / (bandOf().left - plotLeft); };
    // Open: from 10 s to the newest sample, 40 s.
    QTRY_VERIFY2(std::abs(secondsAt(bandOf().right) - 40) < 0.5, qPrintable(QString::number(secondsAt(bandOf().right))));
    QCOMPARE(bandOf().label, QStringLiteral("epoch 1"));
    QVERIFY(shading->instants().isEmpty());

    // It grows with the capture.
    feed(41, 60);
    QTRY_VERIFY2(std::abs(secondsAt(bandOf().right) - 60) < 0.5, qPrintable(QString::number(secondsAt(bandOf().right))));

    // The stop closes it where it says, with no sample after it; the open one is gone.
    sink->marker({MarkerKind::Epoch, QStringLiteral("epoch 1"), 10, 30.0});
    QTRY_VERIFY2(shading->bands().size() == 1 && std::abs(secondsAt(bandOf().right) - 30) < 0.5,
                 qPrintable(QString::number(secondsAt(bandOf().right))));
    QCOMPARE(mirror.trace().markers(), (QList<Marker>{{MarkerKind::Epoch, QStringLiteral("epoch 1"), 10, 30.0}}));

    // An instant is a labelled line.
    sink->marker({MarkerKind::Marker, QStringLiteral("checkpoint"), 50, std::nullopt});
    QTRY_COMPARE(shading->instants().size(), qsizetype(1));
    QVERIFY(std::abs(secondsAt(shading->instants().first().x) - 50) < 0.5);
    const MarkersItem *labels = markersOf(chart, MarkersItem::Part::Labels);
    QStringList texts;
    for (const MarkersItem::Label &label : labels->labels())
        texts << label.text;
    QCOMPARE(texts, (QStringList{QStringLiteral("epoch 1"), QStringLiteral("checkpoint")}));
}

QTEST_MAIN(TestPhasesView)
#include "tst_phasesview.moc"
