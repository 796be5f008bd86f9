#include "charts/powerchart.h"
#include "dashboard.h"
#include "issuesmodel.h"
#include "mainwindow.h"
#include "panels/runlistpanel.h"
#include "dashboardexport.h"
#include "runlibrarymodel.h"
#include "runloader.h"
#include "scenariomodel.h"

#include "io/logloader.h"
#include "trace/trace.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGraphicsView>
#include <QWheelEvent>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace nightwatt;

class TestDashboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void workedExampleThroughPanels();
    void figuresFollowEdits_data();
    void figuresFollowEdits();
    void runWithoutTimingNeedsRuntime();
    void selectedRangeBecomesThePower();
    void chartGetsDecimatedPoints();
    void mouseZoomsSelectsAndResets();
    void auxiliaryChannelsStartHidden();
    void exportDrawsTheChart_data();
    void exportDrawsTheChart();
    void dropOpensFiles();
    void loadErrorsGoToIssues();
    void loadingCanBeCancelled();
    void liveTraceGrows();
    void assumptionsAreRemembered();

private:
    QTemporaryDir m_libraryDir;
    static QString text(QWidget *root, const char *name);
    static void type(QWidget *root, const char *name, double value);
};

namespace {

const QChar kUnitSpace(0x202F); // formatFigure puts a narrow no-break space before units

QString figure(const char *number, const char *unit)
{
    return QString::fromUtf8(number) + kUnitSpace + QString::fromUtf8(unit);
}

// A trace of 1 W CPU and 3 W GPU, every second, with a 10 W CPU stretch in samples 100..199.
Trace steppedTrace(qsizetype samples, TimingKind timing)
{
    Trace trace;
    trace.setTiming(timing);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    trace.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
    for (qsizetype i = 0; i < samples; ++i) {
        const float cpu = (i >= 100 && i < 200) ? 10.0f : 1.0f;
        const float values[] = {cpu, 3.0f};
        trace.append(double(i), 1.0f, values);
    }
    return trace;
}

OpenRun runOf(Trace trace, const QString &title)
{
    auto log = std::make_shared<LoadedLog>();
    log->path = title;
    log->formatId = QStringLiteral("test");
    log->trace = std::move(trace);
    OpenRun run;
    run.stats = analyzeTrace(log->trace);
    run.title = title;
    run.log = std::move(log);
    return run;
}

} // namespace

void TestDashboard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NightwattTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_dashboard"));
}

void TestDashboard::init()
{
    QSettings().clear();
    // Each test function starts with an empty run library of its own.
    qputenv("NIGHTWATT_LIBRARY", m_libraryDir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction()))).toUtf8());
}

QString TestDashboard::text(QWidget *root, const char *name)
{
    auto *label = root->findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

void TestDashboard::type(QWidget *root, const char *name, double value)
{
    auto *spin = root->findChild<QDoubleSpinBox *>(QString::fromLatin1(name));
    QVERIFY2(spin, name);
    spin->setValue(value);
}

// design.md: 17.02 W × 709 min = 201.12 Wh; × 5 × 52 = 52.29 kWh; everyday 72.4 Wh × 55 % × 365 =
// 14.53 kWh; 52.29 kWh × 0.81 lb/kWh = 42.36 lb = 19.21 kg; 19,212 g / 8,887 g/gal = 2.16 gal.
void TestDashboard::workedExampleThroughPanels()
{
    ScenarioModel model;
    model.setMeanPowerW(1);
    model.setRuntimeMin(1);
    Dashboard dashboard(&model);
    type(&dashboard, "meanPowerW", 17.02);
    type(&dashboard, "runtimeMin", 709);
    QCOMPARE(model.inputs().meanPowerW, 17.02);
    QCOMPARE(text(&dashboard, "whPerRun"), figure("201.12", "Wh"));
    QCOMPARE(text(&dashboard, "kwhPerWeek"), figure("1.006", "kWh"));
    QCOMPARE(text(&dashboard, "kwhPerYear"), figure("52.29", "kWh"));
    QCOMPARE(text(&dashboard, "baselineKwhPerYear"), figure("14.53", "kWh"));
    QVERIFY2(text(&dashboard, "trainingToBaseline").contains(QStringLiteral("3.60× everyday use; everyday use is 27.8 % of training")),
             qPrintable(text(&dashboard, "trainingToBaseline")));
    QCOMPARE(text(&dashboard, "trainingCo2"), figure("19.21", "kg") + QStringLiteral(" (") + figure("42.36", "lb") + u')');
    QCOMPARE(text(&dashboard, "everydayCo2"), figure("5.34", "kg") + QStringLiteral(" (") + figure("11.77", "lb") + u')');
    QCOMPARE(text(&dashboard, "gasolineGallons"), figure("2.16", "gal of gasoline"));
}

void TestDashboard::figuresFollowEdits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("label");
    QTest::addColumn<QString>("expected");
    // 17.02 W × 709 min = 201.1197 Wh a run.
    QTest::newRow("3 runs a week") << QByteArray("runsPerWeek") << 3.0 << QByteArray("kwhPerYear")
                                   << figure("31.37", "kWh"); // 201.1197 × 3 × 52 = 31.375 kWh
    QTest::newRow("40 weeks") << QByteArray("weeksPerYear") << 40.0 << QByteArray("kwhPerYear")
                              << figure("40.22", "kWh"); // 1.00560 × 40 = 40.224
    QTest::newRow("CPU-only runtime") << QByteArray("runtimeMin") << 1100.0 << QByteArray("whPerRun")
                                      << figure("312.03", "Wh"); // 17.02 × 1100 / 60 = 312.033
    QTest::newRow("PUE 1.5") << QByteArray("pue") << 1.5 << QByteArray("whPerRun") << figure("301.68", "Wh"); // × 1.5
    QTest::newRow("a 100 Wh battery") << QByteArray("batteryWh") << 100.0 << QByteArray("baselineKwhPerYear")
                                      << figure("20.08", "kWh"); // 100 × 0.55 × 365 = 20.075
    QTest::newRow("a full battery a day") << QByteArray("batteryDailyPercent") << 100.0 << QByteArray("baselineKwhPerYear")
                                          << figure("26.43", "kWh"); // 72.4 × 365 = 26.426
    QTest::newRow("weekdays only") << QByteArray("daysPerYear") << 260.0 << QByteArray("baselineKwhPerYear")
                                   << figure("10.35", "kWh"); // 72.4 × 0.55 × 260 = 10.353
    QTest::newRow("cleaner grid, lb") << QByteArray("gridIntensity") << 0.5 << QByteArray("trainingCo2")
                                      << figure("11.86", "kg") + QStringLiteral(" (") + figure("26.15", "lb") + u')';
                                      // 52.2911 kWh × 0.5 lb = 26.146 lb = 11.860 kg
    QTest::newRow("gasoline factor") << QByteArray("gasolineGPerGallon") << 10000.0 << QByteArray("gasolineGallons")
                                     << figure("1.92", "gal of gasoline"); // 19,212 g / 10,000 g
}

void TestDashboard::figuresFollowEdits()
{
    QFETCH(QByteArray, input);
    QFETCH(double, value);
    QFETCH(QByteArray, label);
    QFETCH(QString, expected);
    ScenarioModel model;
    Dashboard dashboard(&model);
    QSignalSpy spy(&model, &ScenarioModel::changed);
    type(&dashboard, input.constData(), value);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(text(&dashboard, label.constData()), expected);
}

void TestDashboard::runWithoutTimingNeedsRuntime()
{
    ScenarioModel model;
    Dashboard dashboard(&model);
    const OpenRun run = runOf(steppedTrace(300, TimingKind::None), QStringLiteral("grepped.txt"));
    dashboard.setRun(run);
    model.setMeasurement(run.stats, run.title);
    // Sample mean: CPU (100 × 10 + 200 × 1) / 300 = 4 W, GPU 3 W → 7 W.
    QCOMPARE(model.inputs().meanPowerW, 7.0);
    QVERIFY(model.runtimeMissing());
    QCOMPARE(text(&dashboard, "measuredDuration"), QStringLiteral("unknown (no timing)"));
    QCOMPARE(text(&dashboard, "whPerRun"), QStringLiteral("needs runtime"));
    QVERIFY(text(&dashboard, "measurementMethod").contains(QStringLiteral("no timing")));
    QVERIFY(text(&dashboard, "runtimeNote").startsWith(QStringLiteral("Required")));
    // One state: the runtime box waits for the user too, it shows no worked-example 709 min.
    auto *runtime = dashboard.findChild<QDoubleSpinBox *>(QStringLiteral("runtimeMin"));
    QVERIFY(runtime);
    QCOMPARE(runtime->text(), QStringLiteral("needs runtime"));
    type(&dashboard, "runtimeMin", 60);
    QCOMPARE(runtime->text(), QStringLiteral("60.00 min"));
    QVERIFY(!model.runtimeMissing());
    QCOMPARE(text(&dashboard, "whPerRun"), figure("7.00", "Wh")); // 7 W for 1 h
}

void TestDashboard::selectedRangeBecomesThePower()
{
    ScenarioModel model;
    Dashboard dashboard(&model);
    const OpenRun run = runOf(steppedTrace(1000, TimingKind::Windowed), QStringLiteral("windowed"));
    dashboard.setRun(run);
    model.setMeasurement(run.stats, run.title);
    // Whole run: CPU (100 × 10 + 900 × 1) / 1000 = 1.9 W + GPU 3 W = 4.9 W over 1000 s.
    QCOMPARE(model.inputs().meanPowerW, 4.9);
    QVERIFY2(text(&dashboard, "measurementMethod").contains(QStringLiteral("windowed samples")), qPrintable(text(&dashboard, "measurementMethod")));
    QVERIFY2(text(&dashboard, "measurementMethod").contains(QStringLiteral("Coverage 100.0 %")), qPrintable(text(&dashboard, "measurementMethod")));
    QCOMPARE(text(&dashboard, "measuredDuration"), figure("16.7", "min")); // 1000 s
    dashboard.chart()->setSelection(SampleRange{100, 200});
    // Samples 100..199: CPU 10 W + GPU 3 W = 13 W for 100 one-second windows = 1300 Ws = 0.361 Wh.
    const QString figures = text(&dashboard, "selectionFigures");
    QVERIFY2(figures.contains(figure("13.00", "W")), qPrintable(figures));
    QVERIFY2(figures.contains(figure("0.361", "Wh")), qPrintable(figures));
    QVERIFY2(figures.contains(figure("100.0", "s")), qPrintable(figures));
    auto *use = dashboard.findChild<QPushButton *>(QStringLiteral("useRange"));
    QVERIFY(use && use->isEnabled());
    use->click();
    QCOMPARE(model.inputs().meanPowerW, 13.0);
    QCOMPARE(model.powerSource(), ScenarioModel::PowerSource::Range);
    // Runtime stays the measured 1000 s: 13 W × 1000/3600 h = 3.61 Wh a run.
    QCOMPARE(text(&dashboard, "whPerRun"), figure("3.61", "Wh"));
}

void TestDashboard::chartGetsDecimatedPoints()
{
    const Trace trace = steppedTrace(1'000'000, TimingKind::Points);
    PowerChart chart;
    chart.resize(1000, 500);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 100);
    chart.redrawNow();
    const int width = chart.plotArea().width();
    // Two channels, at most 4 points per pixel column each; never the million raw samples.
    QVERIFY2(chart.pointsDrawn() <= 2 * 4 * (width + 1), qPrintable(QString::number(chart.pointsDrawn())));
    QVERIFY(chart.pointsDrawn() >= 2 * width);
    // Zoomed to samples 100..249 the chart draws them raw, plus 99 and 250 so the lines reach the
    // plot edges: 152 points per channel.
    chart.setVisibleIndices(100, 249);
    const auto [b, e] = chart.visibleIndices();
    QCOMPARE(b, 100.0);
    QCOMPARE(e, 249.0);
    QCOMPARE(chart.pointsDrawn(), 2 * 152);
    chart.resetZoom();
    QCOMPARE(chart.visibleIndices().second, 999'999.0);
}

// Gestures on the chart: plain drag zooms to the dragged span, Shift+drag selects it, the wheel
// zooms about the cursor, Esc shows the whole run again.
void TestDashboard::mouseZoomsSelectsAndResets()
{
    const Trace trace = steppedTrace(1001, TimingKind::Points);
    PowerChart chart;
    chart.resize(900, 500);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 300);
    chart.redrawNow();
    auto *view = chart.findChild<QGraphicsView *>();
    QVERIFY(view);
    const QRect plot = chart.plotArea().translated(-view->pos());
    // x = 1000 × (px − left) / width on the full range 0..1000.
    const auto xAt = [&](double fraction) { return QPoint(plot.left() + int(fraction * plot.width()), plot.center().y()); };
    const auto near = [](double actual, double expected) { return std::abs(actual - expected) < 3.0; };

    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, xAt(0.1));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, xAt(0.2));
    QVERIFY(chart.selection().has_value());
    QVERIFY2(near(double(chart.selection()->begin), 100) && near(double(chart.selection()->end), 201),
             qPrintable(QStringLiteral("%1..%2").arg(chart.selection()->begin).arg(chart.selection()->end)));
    QCOMPARE(chart.visibleIndices().second, 1000.0); // selecting does not zoom

    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, xAt(0.5));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, xAt(0.75));
    auto [b, e] = chart.visibleIndices();
    QVERIFY2(near(b, 500) && near(e, 750), qPrintable(QStringLiteral("%1..%2").arg(b).arg(e)));

    // One wheel notch in, about the middle of the plot: 80 % of the 250-sample span remains.
    QWheelEvent wheel(QPointF(xAt(0.5)), view->viewport()->mapToGlobal(QPointF(xAt(0.5))), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view->viewport(), &wheel);
    std::tie(b, e) = chart.visibleIndices();
    QVERIFY2(near(e - b, 200), qPrintable(QStringLiteral("%1..%2").arg(b).arg(e)));

    QTest::keyClick(view, Qt::Key_Escape);
    QCOMPARE(chart.visibleIndices(), (std::pair{0.0, 1000.0}));
}

void TestDashboard::auxiliaryChannelsStartHidden()
{
    Trace trace = steppedTrace(20, TimingKind::Points);
    const int dram = trace.ensureChannel({QStringLiteral("dram"), QStringLiteral("DRAM"), ChannelRole::Auxiliary});
    const int package = trace.ensureChannel({QStringLiteral("package"), QStringLiteral("Package (reported)"), ChannelRole::ReportedTotal});
    for (int i = 0; i < 20; ++i) {
        std::vector<float> values(4, 1.0f);
        values[size_t(dram)] = 0.4f;
        values[size_t(package)] = 5.0f;
        trace.append(20.0 + i, 0.0f, values);
    }
    PowerChart chart;
    chart.resize(800, 400);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 200);
    chart.redrawNow();
    QVERIFY(!chart.isChannelVisible(QStringLiteral("dram")));
    QVERIFY(chart.isChannelVisible(QStringLiteral("package"))); // a reported total is shown, dashed
    // CPU and GPU have 40 samples, the package its 20; DRAM is not drawn.
    QCOMPARE(chart.pointsDrawn(), 40 + 40 + 20);
    chart.setChannelVisible(QStringLiteral("dram"), true);
    QCOMPARE(chart.pointsDrawn(), 40 + 40 + 20 + 20);
    chart.setChannelVisible(QStringLiteral("cpu"), false);
    QCOMPARE(chart.pointsDrawn(), 40 + 20 + 20);
}

void TestDashboard::exportDrawsTheChart_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<QSize>("size");
    QTest::newRow("chart 900x450") << int(ExportView::Chart) << QSize(900, 450);
    QTest::newRow("dashboard 1400x900") << int(ExportView::Dashboard) << QSize(1400, 900);
    QTest::newRow("small chart 320x200") << int(ExportView::Chart) << QSize(320, 200);
}

void TestDashboard::exportDrawsTheChart()
{
    QFETCH(int, view);
    QFETCH(QSize, size);
    const OpenRun run = RunLoader::loadRun(QStringLiteral(":/sample/sample-run.txt"), LoadOptions{});
    QVERIFY(run.log->ok());
    ScenarioModel model;
    model.setMeasurement(run.stats, run.title);
    const QImage image = renderExport({ExportView(view), size}, run, model, ChartViewState{});
    QCOMPARE(image.size(), size);
    // The CPU line (#1f77b4) and GPU line (#ff7f0e) are drawn: count pixels close to each.
    int cpu = 0, gpu = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - 0x1f) < 40 && std::abs(c.green() - 0x77) < 40 && std::abs(c.blue() - 0xb4) < 40)
                ++cpu;
            if (std::abs(c.red() - 0xff) < 30 && std::abs(c.green() - 0x7f) < 40 && std::abs(c.blue() - 0x0e) < 50)
                ++gpu;
        }
    }
    // A line across most of the plot leaves at least one coloured pixel per column of ~half the width.
    QVERIFY2(cpu > size.width() / 2, qPrintable(QString::number(cpu)));
    QVERIFY2(gpu > size.width() / 2, qPrintable(QString::number(gpu)));
}

void TestDashboard::dropOpensFiles()
{
    MainWindow window;
    const QString a = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
    const QString b = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m4-mac16_6-macos15-binsquare.txt");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(b)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(window.runList()->count(), 2); // both kept in the run library
    QTRY_VERIFY(window.dashboard()->run() && window.dashboard()->run()->log->path == b); // the last one opened is shown
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("powermetrics-m4-mac16_6-macos15-binsquare.txt")));
    // The chart takes the run once the events queued with it are handled.
    QTRY_VERIFY(window.dashboard()->chart()->trace() == &window.dashboard()->run()->trace());
    QCOMPARE(window.scenarioModel()->powerSource(), ScenarioModel::PowerSource::Measured);
    // Written on the settings thread: newest first, for File > Open Recent.
    QTRY_COMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), (QStringList{b, a}));
    RunLibraryModel *runs = window.runList()->model();
    const int first = runs->index(0, RunLibraryModel::NameColumn).data() == QStringLiteral("powermetrics-m1-macbookair10_1-codecarbon.txt") ? 0 : 1;
    window.openLibraryRun(runs->at(first).id);
    QTRY_COMPARE(window.scenarioModel()->runTitle(), QStringLiteral("powermetrics-m1-macbookair10_1-codecarbon.txt"));
}

void TestDashboard::loadErrorsGoToIssues()
{
    MainWindow window;
    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.txt"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a power log\n");
    file.close();
    window.openFiles({dir.filePath(QStringLiteral("missing.txt")), garbage});
    QTRY_COMPARE(window.issuesModel()->rowCount(), 2);
    IssuesModel *issues = window.issuesModel();
    QCOMPARE(issues->index(0, IssuesModel::FileColumn).data().toString(), QStringLiteral("missing.txt"));
    QCOMPARE(issues->index(0, IssuesModel::MessageColumn).data().toString(), QStringLiteral("error: no such file"));
    QCOMPARE(issues->index(1, IssuesModel::FileColumn).data().toString(), QStringLiteral("garbage.txt"));
    QVERIFY(issues->index(1, IssuesModel::MessageColumn).data().toString().contains(QStringLiteral("not a power log")));
    QCOMPARE(window.runList()->count(), 0);
}

void TestDashboard::loadingCanBeCancelled()
{
    // 40 copies of the 16,313-line example run: big enough to be read in several 4 MiB chunks.
    QTemporaryDir dir;
    QFile sample(QStringLiteral(":/sample/sample-run.txt"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QByteArray text = sample.readAll();
    QFile big(dir.filePath(QStringLiteral("big.txt")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    for (int i = 0; i < 40; ++i)
        big.write(text);
    big.close();
    QVERIFY(big.size() > 3 * 4 * 1024 * 1024);

    RunLoader loader;
    QSignalSpy failed(&loader, &RunLoader::failed);
    QSignalSpy loaded(&loader, &RunLoader::loaded);
    QSignalSpy finished(&loader, &RunLoader::finished);
    loader.load({big.fileName(), big.fileName()});
    QVERIFY(loader.isBusy());
    loader.cancel(); // stops the first file at its next chunk and drops the second
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(failed.count(), 1);
    const auto run = failed.first().first().value<OpenRun>();
    QVERIFY(run.log->cancelled);
}

// Live capture attaches a trace that grows: the chart follows it, new channels included.
void TestDashboard::liveTraceGrows()
{
    Trace trace = steppedTrace(10, TimingKind::Points);
    PowerChart chart;
    chart.resize(800, 400);
    chart.setTrace(&trace);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.plotArea().width() > 200);
    chart.redrawNow();
    QCOMPARE(chart.pointsDrawn(), 2 * 10);
    const int ane = trace.ensureChannel({QStringLiteral("ane"), QStringLiteral("ANE"), ChannelRole::Component});
    for (int i = 10; i < 30; ++i) {
        std::vector<float> values(3, 2.0f);
        values[size_t(ane)] = 0.5f;
        trace.append(double(i), 0.0f, values);
    }
    chart.traceGrew();
    // Redraws are coalesced on a timer (≤ 25 a second), so the new points arrive shortly after.
    // CPU and GPU: 30 points each; ANE: the 20 samples it has (the first 10 are missing).
    QTRY_COMPARE(chart.pointsDrawn(), 30 + 30 + 20);
    QCOMPARE(chart.visibleIndices().second, 29.0);
}

void TestDashboard::assumptionsAreRemembered()
{
    {
        MainWindow window;
        type(window.dashboard(), "runsPerWeek", 3);
        type(window.dashboard(), "batteryWh", 50);
    }
    {
        MainWindow window;
        QCOMPARE(window.scenarioModel()->inputs().runsPerWeek, 3.0);
        QCOMPARE(window.scenarioModel()->inputs().batteryWh, 50.0);
        window.scenarioModel()->resetAssumptions();
        QCOMPARE(window.scenarioModel()->inputs().runsPerWeek, 5.0);
        QCOMPARE(window.scenarioModel()->inputs().batteryWh, 72.4);
    }
    MainWindow window;
    QCOMPARE(window.scenarioModel()->inputs().runsPerWeek, 5.0);
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
