#include "report/comparison.h"
#include "scenario/gridregions.h"

#include <QJsonArray>
#include <QTest>

using namespace nightwatt;

class TestComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void equivalents();
    void figureDeltas_data();
    void figureDeltas();
    void scenarioDeltas();
    void jsonShape();
    void textTable();
    void mixedBasesAreNoted();
};

namespace {

RunSummary typed(const ScenarioInputs &in)
{
    RunSummary s;
    s.scenario = in;
    s.result = computeScenario(in);
    return s;
}

} // namespace

// Worked example: 17.02 W × 709 min = 201.1197 Wh a run; 52.2911 kWh a year at 367.4098 g/kWh.
void TestComparison::equivalents()
{
    const ScenarioResult r = computeScenario(ScenarioInputs());
    QCOMPARE(qRound(r.co2KgPerYear * 1000), 19212);       // 52.2911 × 0.3674098 = 19.2123 kg
    QCOMPARE(qRound(r.co2GPerRun * 100), 7389);           // 0.2011197 kWh × 367.4098 = 73.893 g
    QCOMPARE(qRound(r.co2KgPerWeek * 10000), 3695);       // 1.0056 kWh × 0.3674098 = 0.36947 kg
    QCOMPARE(qRound(r.carMilesPerYear * 100), 4803);      // 19,212.27 g ÷ 400 g/mile = 48.03 miles
    QCOMPARE(qRound(r.phoneChargesPerYear), 1549);        // 19,212.27 g ÷ 12.4 g = 1,549.4 charges

    ScenarioInputs in;
    in.carGPerMile = 200; // half the CO2 per mile: twice the miles
    in.phoneGPerCharge = 0; // an unusable factor gives no equivalent rather than infinity
    const ScenarioResult c = computeScenario(in);
    QVERIFY(qFuzzyCompare(c.carMilesPerYear, r.carMilesPerYear * 2));
    QCOMPARE(c.phoneChargesPerYear, 0.0);
}

void TestComparison::figureDeltas_data()
{
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("absolute");
    QTest::addColumn<double>("percent"); // NaN: no percentage
    QTest::newRow("down 40 %") << 52.29 << 31.374 << -20.916 << -40.0;
    QTest::newRow("up 50 %") << 2.0 << 3.0 << 1.0 << 50.0;
    QTest::newRow("same") << 7.5 << 7.5 << 0.0 << 0.0;
    QTest::newRow("from zero") << 0.0 << 5.0 << 5.0 << qQNaN();
    QTest::newRow("to zero") << 4.0 << 0.0 << -4.0 << -100.0;
}

void TestComparison::figureDeltas()
{
    QFETCH(double, first);
    QFETCH(double, value);
    QFETCH(double, absolute);
    QFETCH(double, percent);
    const FigureDelta d = figureDelta(first, value);
    QVERIFY(qAbs(d.absolute - absolute) < 1e-9);
    QCOMPARE(d.percent.has_value(), !qIsNaN(percent));
    if (d.percent)
        QVERIFY2(qAbs(*d.percent - percent) < 1e-9, qPrintable(QString::number(*d.percent)));
}

namespace {

const FigureDelta &deltaFor(const QList<FigureDelta> &row, const char *section, const char *key)
{
    const auto &figures = comparisonFigures();
    for (qsizetype i = 0; i < figures.size(); ++i) {
        if (figures.at(i).section == QLatin1String(section) && figures.at(i).key == QLatin1String(key))
            return row.at(i);
    }
    qFatal("no figure %s.%s", section, key);
}

} // namespace

// "MPS vs CPU, 5 vs 3 nights, US vs FR" against the worked example.
void TestComparison::scenarioDeltas()
{
    ScenarioComparison c;
    const ScenarioInputs base;
    ScenarioInputs cpu = base;
    cpu.runtimeMin = 1100;
    ScenarioInputs threeNights = base;
    threeNights.runsPerWeek = 3;
    ScenarioInputs france = base;
    applyGridRegion(*GridRegions::bundled().find(QStringLiteral("FR")), france);
    c.scenarios = {typed(base), typed(cpu), typed(threeNights), typed(france)};
    const auto deltas = c.deltas();
    QCOMPARE(deltas.size(), 3);
    QCOMPARE(deltas.first().size(), comparisonFigures().size());

    // CPU-only: 1100/709 − 1 = +55.148 % energy; 201.1197 Wh × 1100/709 = 312.033 Wh, +110.914 Wh.
    const FigureDelta &cpuRun = deltaFor(deltas.at(0), "scenario", "wh_per_run");
    QCOMPARE(qRound(cpuRun.absolute * 1000), 110914);
    QCOMPARE(qRound(*deltaFor(deltas.at(0), "scenario", "kwh_per_year").percent * 1000), 55148);
    QCOMPARE(qRound(*deltaFor(deltas.at(0), "emissions", "gasoline_gallons_per_year").percent * 1000), 55148);
    // The runtime itself: 1100 − 709 = +391 min.
    QCOMPARE(deltaFor(deltas.at(0), "scenario", "runtime_min").absolute, 391.0);

    // Three nights: 52.2911 × 3/5 = 31.3747 kWh, −20.9164 kWh, −40 %.
    const FigureDelta &nights = deltaFor(deltas.at(1), "scenario", "kwh_per_year");
    QCOMPARE(qRound(nights.absolute * 10000), -209164);
    QCOMPARE(qRound(*nights.percent * 1000), -40000);
    // Everyday use does not change with the training schedule.
    QCOMPARE(deltaFor(deltas.at(1), "baseline", "kwh_per_year").absolute, 0.0);

    // France: energy unchanged; CO2 52.2911 × 0.056 = 2.9283 kg against 19.2123 kg: −16.2840 kg,
    // 56 / 367.4098 − 1 = −84.758 %; miles follow CO2: −16,284 g ÷ 400 = −40.71 miles.
    QCOMPARE(deltaFor(deltas.at(2), "scenario", "kwh_per_year").absolute, 0.0);
    const FigureDelta &co2 = deltaFor(deltas.at(2), "emissions", "co2_kg_per_year");
    QCOMPARE(qRound(co2.absolute * 10000), -162840);
    QCOMPARE(qRound(*co2.percent * 1000), -84758);
    QCOMPARE(qRound(deltaFor(deltas.at(2), "equivalents", "car_miles_per_year").absolute * 100), -4071);
    QCOMPARE(qRound(deltaFor(deltas.at(2), "emissions", "grid_g_per_kwh").absolute * 10000), -3114098); // 56 − 367.4098
}

void TestComparison::jsonShape()
{
    ScenarioComparison c;
    ScenarioInputs idle;
    idle.meanPowerW = 0; // a first scenario of zero: percentages against it do not exist
    ScenarioInputs doubled;
    doubled.meanPowerW = 34.04;
    c.scenarios = {typed(idle), typed(ScenarioInputs()), typed(doubled)};
    c.labels = {QStringLiteral("idle"), QStringLiteral("MPS"), QStringLiteral("double")};
    const QJsonObject json = comparisonToJson(c);
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("deltas"), QStringLiteral("scenarios")}));

    const QJsonArray scenarios = json.value(QStringLiteral("scenarios")).toArray();
    QCOMPARE(scenarios.size(), 3);
    for (qsizetype i = 0; i < 3; ++i)
        QCOMPARE(scenarios.at(i).toObject(), summaryToJson(c.scenarios.at(i))); // exactly summary --json

    const QJsonArray deltas = json.value(QStringLiteral("deltas")).toArray();
    QCOMPARE(deltas.size(), 2);
    const QJsonObject second = deltas.at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("label")).toString(), QStringLiteral("double"));
    QCOMPARE(second.value(QStringLiteral("against")).toString(), QStringLiteral("idle"));
    // Every delta sits where its figure sits in the summary, and the figure there is a number.
    const QJsonObject first = scenarios.at(0).toObject();
    int figures = 0;
    for (const auto &section : {"scenario", "baseline", "emissions", "equivalents"}) {
        const QJsonObject deltaSection = second.value(QLatin1String(section)).toObject();
        QVERIFY(!deltaSection.isEmpty());
        for (auto it = deltaSection.begin(); it != deltaSection.end(); ++it) {
            QVERIFY2(first.value(QLatin1String(section)).toObject().value(it.key()).isDouble(), qPrintable(it.key()));
            const QJsonObject d = it.value().toObject();
            QCOMPARE(d.keys(), (QStringList{QStringLiteral("absolute"), QStringLiteral("percent")}));
            ++figures;
        }
    }
    QCOMPARE(figures, comparisonFigures().size());
    // 0 W → 34.04 W: +34.04 W, no percentage; 52.2911 kWh × 2 = 104.58 kWh from 0.
    const QJsonObject power = second.value(QStringLiteral("scenario")).toObject().value(QStringLiteral("mean_power_w")).toObject();
    QVERIFY(qFuzzyCompare(power.value(QStringLiteral("absolute")).toDouble(), 34.04));
    QVERIFY(power.value(QStringLiteral("percent")).isNull());
    const QJsonObject grid = second.value(QStringLiteral("emissions")).toObject().value(QStringLiteral("grid_g_per_kwh")).toObject();
    QCOMPARE(grid.value(QStringLiteral("absolute")).toDouble(), 0.0);
    QCOMPARE(grid.value(QStringLiteral("percent")).toDouble(), 0.0);
}

void TestComparison::textTable()
{
    ScenarioComparison c;
    ScenarioInputs threeNights;
    threeNights.runsPerWeek = 3;
    c.scenarios = {typed(ScenarioInputs()), typed(threeNights)};
    c.labels = {QStringLiteral("five nights"), QStringLiteral("three nights")};
    const QString text = comparisonToText(c);
    QVERIFY(text.contains(QLatin1String("[1] five nights")));
    QVERIFY(text.contains(QLatin1String("[2] three nights")));
    QVERIFY(text.contains(QLatin1String("52.29")));
    QVERIFY(text.contains(QLatin1String("31.37 (-40.0 %)")));
    QVERIFY(text.contains(QLatin1String("17.02 (same)"))); // the power did not change
    QVERIFY(text.contains(QLatin1String("EIA")));
}

void TestComparison::mixedBasesAreNoted()
{
    ScenarioInputs france;
    applyGridRegion(*GridRegions::bundled().find(QStringLiteral("FR")), france);
    ScenarioInputs germany;
    applyGridRegion(*GridRegions::bundled().find(QStringLiteral("DE")), germany);
    ScenarioComparison sameBasis;
    sameBasis.scenarios = {typed(france), typed(germany)};
    QVERIFY(sameBasis.notes().isEmpty());

    // The default EIA figure is CO2 only; the country table is lifecycle CO2e.
    ScenarioComparison mixed;
    mixed.scenarios = {typed(ScenarioInputs()), typed(france)};
    QCOMPARE(mixed.notes().size(), 1);
    QVERIFY(mixed.notes().first().contains(QLatin1String("[1] CO2 only")));
    QVERIFY(mixed.notes().first().contains(QLatin1String("[2] CO2e, lifecycle")));
    QVERIFY(comparisonToText(mixed).contains(QLatin1String("Note: The grid intensities are not on one basis")));
}

QTEST_APPLESS_MAIN(TestComparison)
#include "tst_comparison.moc"
