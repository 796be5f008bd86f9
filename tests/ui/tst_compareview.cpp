#include "charts/channelstyle.h"
#include "charts/minipowerchart.h"
#include "charts/powerchart.h"
#include "compare/comparemodel.h"
#include "compare/compareview.h"
#include "compare/scenariolibrary.h"
#include "dashboard.h"
#include "mainwindow.h"
#include "panels/emissionspanel.h"
#include "panels/gridpicker.h"
#include "panels/runlistpanel.h"
#include "scenariomodel.h"

#include "scenario/gridregions.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

class TestCompareView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void fewerNightsShowsItsDeltas();
    void editsAndReorderFollow();
    void duplicateWithAnotherGrid();
    void exportWritesTheComparison();
    void scenariosSaveAndReopen();
    void addCurrentRunAndRange();
    void gridSearchFindsCodes_data();
    void gridSearchFindsCodes();
    void pickedRegionShowsBasisAndYear();
    void unitToggleConverts();
    void equivalentsAreEditable();
    void gridBasisIsRemembered();

private:
    static QString text(QWidget *root, const QString &name);

    QTemporaryDir m_libraryDir;
};

namespace {

const QChar kUnitSpace(0x202F); // formatFigure's narrow no-break space before units

QString figure(const char *number, const char *unit)
{
    return QString::fromUtf8(number) + kUnitSpace + QString::fromUtf8(unit);
}

CompareColumn typedColumn(const QString &name, double runsPerWeek = 5)
{
    CompareColumn c;
    c.name = name;
    c.powerSource = QStringLiteral("typed in");
    c.inputs.meanPowerW = 17.02;
    c.inputs.runtimeMin = 709;
    c.inputs.runsPerWeek = runsPerWeek;
    return c;
}

} // namespace

void TestCompareView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NightwattTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_compareview"));
}

void TestCompareView::init()
{
    QSettings().clear();
    // A run library of its own for each test function: a scenario kept for the example run by an
    // earlier run of these tests would otherwise be restored over the measured power.
    qputenv("NIGHTWATT_LIBRARY", m_libraryDir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction()))).toUtf8());
}

QString TestCompareView::text(QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

// 17.02 W × 709 min / 60 = 201.1197 Wh a run. 5 nights × 52 weeks: 52.2911 kWh a year; 3 nights:
// 201.1197 × 3 × 52 = 31.3747 kWh. Difference −20.9164 kWh, −2/5 = −40.0 %. (31.37, not 31.38:
// 0.6 × 52.2911 = 31.3747.)
void TestCompareView::fewerNightsShowsItsDeltas()
{
    CompareView view;
    view.model()->add(typedColumn(QStringLiteral("5 nights")));
    QCOMPARE(view.model()->duplicateWithRunsPerWeek(0, 3), 1);
    QCOMPARE(view.model()->at(1).name, QStringLiteral("5 nights · 3 runs/week"));
    QCOMPARE(text(&view, QStringLiteral("figure_scenario_kwh_per_year_0")), figure("52.29", "kWh"));
    QCOMPARE(text(&view, QStringLiteral("figure_scenario_kwh_per_year_1")), figure("31.37", "kWh"));
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_0")), QStringLiteral("reference"));
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_1")), QStringLiteral("−20.92 (−40.0 %)"));
    // Per week: 1.0056 kWh vs 0.6034 kWh (−0.4022 kWh, −40 %); per run unchanged.
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_week_1")), QStringLiteral("−0.4022 (−40.0 %)"));
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_wh_per_run_1")), QStringLiteral("same"));
    // Ratio to everyday use (72.4 Wh × 55 % × 365 = 14.5343 kWh): 52.2911 / 14.5343 = 3.598×.
    QCOMPARE(text(&view, QStringLiteral("figure_baseline_training_to_baseline_ratio_0")), figure("3.598", "×"));
    // Same grid, same basis: nothing to warn about.
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("compareBasisWarning"))->isHidden());
}

void TestCompareView::editsAndReorderFollow()
{
    CompareView view;
    view.model()->add(typedColumn(QStringLiteral("A")));
    view.model()->add(typedColumn(QStringLiteral("B")));
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_1")), QStringLiteral("same"));
    // Typing 3 runs a week into the second column's own field.
    auto *runs = view.findChild<QDoubleSpinBox *>(QStringLiteral("compareRuns_1"));
    QVERIFY(runs);
    runs->setValue(3);
    QCOMPARE(view.model()->at(1).inputs.runsPerWeek, 3.0);
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_1")), QStringLiteral("−20.92 (−40.0 %)"));
    // B first: A is now 20.9164 kWh more than 31.3747 kWh, +66.7 %.
    view.model()->move(1, 0);
    QCOMPARE(view.model()->at(0).name, QStringLiteral("B"));
    QCOMPARE(text(&view, QStringLiteral("figure_scenario_kwh_per_year_0")), figure("31.37", "kWh"));
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_1")), QStringLiteral("+20.92 (+66.7 %)"));
    view.model()->remove(0);
    QCOMPARE(view.model()->count(), 1);
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_0")), QStringLiteral("reference"));
    QVERIFY(!view.findChild<QLabel *>(QStringLiteral("figure_scenario_kwh_per_year_1")));
}

// US (EIA 2023): 0.81 lb/kWh × 453.59237 = 367.4098 g/kWh; 52.2911 kWh × 367.4098 = 19,212.3 g =
// 19.21 kg. France (OWID, 2023, lifecycle): 56.0 g/kWh → 2,928.3 g = 2.93 kg. Difference
// −16.2840 kg = (56.0 − 367.4098) / 367.4098 = −84.8 %. Gasoline: 2,928.3 / 8,887 = 0.330 gal.
void TestCompareView::duplicateWithAnotherGrid()
{
    CompareView view;
    view.model()->add(typedColumn(QStringLiteral("US")));
    const GridRegion *france = GridRegions::bundled().find(QStringLiteral("FR"));
    QVERIFY(france);
    QCOMPARE(view.model()->duplicateWithGrid(0, *france), 1);
    QCOMPARE(view.model()->at(1).name, QStringLiteral("US · grid FR"));
    QCOMPARE(view.model()->at(1).inputs.runsPerWeek, 5.0); // only the grid changed
    QCOMPARE(text(&view, QStringLiteral("figure_emissions_co2_kg_per_year_0")), figure("19.21", "kg"));
    QCOMPARE(text(&view, QStringLiteral("figure_emissions_co2_kg_per_year_1")), figure("2.93", "kg"));
    QCOMPARE(text(&view, QStringLiteral("delta_emissions_co2_kg_per_year_1")), QStringLiteral("−16.28 (−84.8 %)"));
    QCOMPARE(text(&view, QStringLiteral("figure_emissions_gasoline_gallons_per_year_1")), figure("0.330", "gal/year"));
    QCOMPARE(text(&view, QStringLiteral("delta_scenario_kwh_per_year_1")), QStringLiteral("same"));
    QVERIFY(text(&view, QStringLiteral("compareBasis_1")).contains(QStringLiteral("lifecycle")));
    // CO2 only (EIA) against lifecycle CO2e (OWID): said, not mixed silently.
    auto *warning = view.findChild<QLabel *>(QStringLiteral("compareBasisWarning"));
    QVERIFY(!warning->isHidden());
    QVERIFY2(warning->text().contains(QStringLiteral("not on one basis")), qPrintable(warning->text()));
}

void TestCompareView::exportWritesTheComparison()
{
    CompareView view;
    view.model()->add(typedColumn(QStringLiteral("5 nights")));
    view.model()->duplicateWithRuntime(0, 1100);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("comparison.png"));
    QVERIFY(view.exportTo(path, QSize(1400, 900)));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1400, 900));
    // The bars are drawn flat in the palette's first two colours: both scenarios are in the image.
    int blue = 0, orange = 0, nonWhite = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y) & 0xffffff;
            blue += p == (paletteColor(0).rgb() & 0xffffff) ? 1 : 0;
            orange += p == (paletteColor(1).rgb() & 0xffffff) ? 1 : 0;
            nonWhite += p != 0xffffff ? 1 : 0;
        }
    }
    QVERIFY2(blue > 300 && orange > 300, qPrintable(QStringLiteral("%1 %2").arg(blue).arg(orange)));
    QVERIFY(nonWhite > 1400 * 900 / 20);
}

void TestCompareView::scenariosSaveAndReopen()
{
    QTemporaryDir dir;
    const QString library = dir.filePath(QStringLiteral("library.sqlite"));
    CompareView view;
    view.setLibraryPath(library);
    view.model()->add(typedColumn(QStringLiteral("MPS")));
    view.model()->duplicateWithGrid(0, *GridRegions::bundled().find(QStringLiteral("US-CAMX")));
    QSignalSpy saved(&view, &CompareView::saved);
    view.saveToLibrary(QStringLiteral("Overnight"));
    QVERIFY(saved.wait(10000));
    QCOMPARE(saved.first().first().toString(), QString());

    const scenariolibrary::ListResult listed = scenariolibrary::list(library).result();
    QCOMPARE(listed.error, QString());
    QCOMPARE(listed.scenarios.size(), 2);
    QCOMPARE(listed.scenarios.at(0).scenario.name, QStringLiteral("Overnight · MPS"));
    QCOMPARE(listed.scenarios.at(1).scenario.name, QStringLiteral("Overnight · MPS · grid US-CAMX"));
    QVERIFY(!listed.scenarios.at(1).scenario.runId);

    CompareView reopened;
    reopened.openScenarios(listed.scenarios);
    QCOMPARE(reopened.model()->count(), 2);
    // The grid's region, basis and year come back with the number.
    QCOMPARE(reopened.model()->at(1).inputs, view.model()->at(1).inputs);
    QCOMPARE(reopened.model()->at(1).inputs.gridRegion, QStringLiteral("US-CAMX"));
    // eGRID CAMX CO2e 429.983 lb/MWh × 0.45359237 = 195.035 g/kWh; × 52.2911 kWh = 10.20 kg.
    QCOMPARE(text(&reopened, QStringLiteral("figure_emissions_co2_kg_per_year_1")), figure("10.20", "kg"));
}

void TestCompareView::addCurrentRunAndRange()
{
    MainWindow window;
    window.openSampleRun();
    QTRY_VERIFY_WITH_TIMEOUT(window.dashboard()->run().has_value(), 20000);
    window.addCurrentToComparison();
    CompareModel *model = window.compareView()->model();
    QCOMPARE(model->count(), 1);
    const OpenRun *run = &*window.dashboard()->run();
    QCOMPARE(model->at(0).name, run->title);
    QVERIFY(model->at(0).log);
    QVERIFY(!model->at(0).range);
    QCOMPARE(model->at(0).inputs.meanPowerW, run->stats.total.meanW);
    const auto charts = window.compareView()->findChildren<MiniPowerChart *>();
    QCOMPARE(charts.size(), 1);
    QVERIFY(charts.first()->pointsDrawn() > 0);

    // A selected range whose power is in use becomes a column of its own.
    const SampleRange range{10, 60};
    window.dashboard()->chart()->setSelection(range);
    window.scenarioModel()->useRangePower(12.5, QStringLiteral("samples 10–60"));
    window.addCurrentToComparison();
    QCOMPARE(model->count(), 2);
    QVERIFY(model->at(1).range);
    QCOMPARE(model->at(1).range->begin, qsizetype(10));
    QCOMPARE(model->at(1).inputs.meanPowerW, 12.5);

    // A typed power has no run behind it.
    window.scenarioModel()->setMeanPowerW(30);
    window.addCurrentToComparison();
    QCOMPARE(model->count(), 3);
    QVERIFY(!model->at(2).log);
    QCOMPARE(model->at(2).inputs.meanPowerW, 30.0);
}

void TestCompareView::gridSearchFindsCodes_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("code");
    QTest::newRow("FR") << QStringLiteral("FR") << QStringLiteral("FR");
    QTest::newRow("France") << QStringLiteral("france") << QStringLiteral("FR");
    QTest::newRow("US-CAMX") << QStringLiteral("US-CAMX") << QStringLiteral("US-CAMX");
    QTest::newRow("camx lower case") << QStringLiteral("camx") << QStringLiteral("US-CAMX");
    QTest::newRow("California") << QStringLiteral("California") << QStringLiteral("US-CAMX");
    QTest::newRow("EIA") << QStringLiteral("EIA") << QStringLiteral("US-EIA-2023");
}

void TestCompareView::gridSearchFindsCodes()
{
    QFETCH(QString, typed);
    QFETCH(QString, code);
    GridPicker picker;
    const QStringList codes = picker.codesMatching(typed);
    QVERIFY2(codes.contains(code), qPrintable(codes.join(u' ')));
    QVERIFY(codes.size() < GridRegions::bundled().regions().size()); // it narrows the list
}

void TestCompareView::pickedRegionShowsBasisAndYear()
{
    ScenarioModel model;
    EmissionsPanel panel(&model);
    auto *picker = panel.findChild<GridPicker *>();
    QVERIFY(picker);
    const int row = picker->findData(QStringLiteral("FR"));
    QVERIFY(row > 0);
    picker->setCurrentIndex(row);
    Q_EMIT picker->activated(row);
    QCOMPARE(model.inputs().gridGPerKWh, 56.0);
    QCOMPARE(model.inputs().gridRegion, QStringLiteral("FR"));
    const QString basis = text(&panel, QStringLiteral("gridBasis"));
    QVERIFY2(basis.contains(QStringLiteral("lifecycle")) && basis.contains(QStringLiteral("2023")), qPrintable(basis));
    // Typing a value replaces the region: its basis is unknown, and says so.
    panel.findChild<QComboBox *>(QStringLiteral("gridUnit"))->setCurrentIndex(1);
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("gridIntensity"))->setValue(100);
    QCOMPARE(model.inputs().gridGPerKWh, 100.0);
    QCOMPARE(model.inputs().gridBasis, QString());
    QCOMPARE(picker->currentIndex(), 0);
    QVERIFY(text(&panel, QStringLiteral("gridBasis")).contains(QStringLiteral("unknown")));
}

// 1 lb = 453.59237 g: 0.81 lb/kWh = 367.4098 g/kWh; 500 g/kWh = 1.10231 lb/kWh.
void TestCompareView::unitToggleConverts()
{
    ScenarioModel model;
    EmissionsPanel panel(&model);
    auto *spin = panel.findChild<QDoubleSpinBox *>(QStringLiteral("gridIntensity"));
    auto *unit = panel.findChild<QComboBox *>(QStringLiteral("gridUnit"));
    QCOMPARE(unit->currentIndex(), 0); // lb/kWh, as the worked example states it
    QCOMPARE(spin->value(), 0.81);
    unit->setCurrentIndex(1);
    QCOMPARE(spin->value(), 367.4);
    QCOMPARE(model.inputs().gridGPerKWh, 0.81 * 453.59237); // toggling is not an edit
    spin->setValue(500);
    QCOMPARE(model.inputs().gridGPerKWh, 500.0);
    unit->setCurrentIndex(0);
    QCOMPARE(spin->value(), 1.102);
    spin->setValue(1);
    QCOMPARE(model.inputs().gridGPerKWh, 453.59237);
}

// 19,212.3 g CO2 a year (see duplicateWithAnotherGrid): ÷ 400 g/mile = 48.03 miles (shown 48.0); ÷ 200 = 96.06;
// ÷ 12.4 g/charge = 1,549.4 charges; ÷ 10 = 1,921.2.
void TestCompareView::equivalentsAreEditable()
{
    ScenarioModel model;
    model.setMeanPowerW(17.02);
    model.setRuntimeMin(709);
    EmissionsPanel panel(&model);
    QCOMPARE(text(&panel, QStringLiteral("carMiles")), figure("48.0", "miles"));
    QCOMPARE(text(&panel, QStringLiteral("phoneCharges")), figure("1,549", "charges"));
    QVERIFY(text(&panel, QStringLiteral("equivalentSources")).contains(QStringLiteral("EPA")));
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("carGPerMile"))->setValue(200);
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("phoneGPerCharge"))->setValue(10);
    QCOMPARE(text(&panel, QStringLiteral("carMiles")), figure("96.1", "miles"));
    QCOMPARE(text(&panel, QStringLiteral("phoneCharges")), figure("1,921", "charges"));
    QVERIFY(model.inputs().carSource.contains(QStringLiteral("typed in")));
}

// A restart keeps the region with its basis and year, never the number alone under EIA's basis.
void TestCompareView::gridBasisIsRemembered()
{
    {
        MainWindow window;
        window.scenarioModel()->setGridRegion(*GridRegions::bundled().find(QStringLiteral("FR")));
        window.scenarioModel()->setCarGPerMile(300, QStringLiteral("typed in, 300 g CO2/mile"));
    }
    {
        MainWindow window;
        const ScenarioInputs &in = window.scenarioModel()->inputs();
        QCOMPARE(in.gridGPerKWh, 56.0);
        QCOMPARE(in.gridRegion, QStringLiteral("FR"));
        QCOMPARE(in.gridBasis, QStringLiteral("CO2e, lifecycle"));
        QCOMPARE(in.gridYear, 2023);
        QCOMPARE(in.carGPerMile, 300.0);
        window.scenarioModel()->setCustomGrid(100, QStringLiteral("typed in, 100 g CO2/kWh"));
    }
    MainWindow window;
    QCOMPARE(window.scenarioModel()->inputs().gridBasis, QString());
    QCOMPARE(window.scenarioModel()->inputs().gridYear, 0);
}

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
