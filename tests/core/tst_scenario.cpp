#include "report/runsummary.h"
#include "report/significant.h"
#include "scenario/scenario.h"

#include <QTest>

using namespace nightwatt;

class TestScenario : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workedExample();
    void scalesWithEachInput_data();
    void scalesWithEachInput();
    void unitConversions();
    void ratioWording_data();
    void ratioWording();
    void significantDigits_data();
    void significantDigits();
    void summaryRatioReadsOnce();
    void summarySaysEveryAssumptionApplied();
};

// design.md: 17.02 W for 709 min, 5 runs a week, 52 weeks; 55 % of 72.4 Wh a day; 0.81 lb/kWh.
void TestScenario::workedExample()
{
    ScenarioInputs in;
    in.meanPowerW = 17.02;
    in.runtimeMin = 709;
    const ScenarioResult r = computeScenario(in);
    QCOMPARE(qRound(r.whPerRun * 100), 20112);                 // 17.02 × 709 / 60 = 201.1197 Wh
    QCOMPARE(qRound(r.kwhPerWeek * 10000), 10056);             // 1.0056 kWh
    QCOMPARE(qRound(r.kwhPerYear * 100), 5229);                // 52.29 kWh
    QCOMPARE(qRound(r.baselineKwhPerYear * 100), 1453);        // 72.4 × 0.55 × 365 = 14.5343 kWh
    QCOMPARE(qRound(r.trainingToBaselineRatio * 1000), 3598);  // 3.598
    QCOMPARE(qRound(r.co2LbPerYear * 100), 4236);              // 52.2911 × 0.81 = 42.356 lb
    QCOMPARE(qRound(r.co2KgPerYear * 100), 1921);              // 19.212 kg
    QCOMPARE(qRound(r.baselineCo2LbPerYear * 100), 1177);      // 14.5343 × 0.81 = 11.773 lb
    QCOMPARE(qRound(r.gasolineGallonsPerYear * 1000), 2162);   // 19,212 g / 8,887 g = 2.162
}

void TestScenario::scalesWithEachInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<double>("factor");
    QTest::newRow("three nights instead of five") << "runsPerWeek" << 3.0 / 5.0;
    QTest::newRow("CPU-only runtime 1100 min") << "runtimeMin" << 1100.0 / 709.0;
    QTest::newRow("half the power") << "meanPowerW" << 0.5;
    QTest::newRow("pue 1.5") << "pue" << 1.5;
}

void TestScenario::scalesWithEachInput()
{
    QFETCH(QString, input);
    QFETCH(double, factor);
    const ScenarioInputs base;
    ScenarioInputs changed = base;
    if (input == u"runsPerWeek")
        changed.runsPerWeek *= factor;
    else if (input == u"runtimeMin")
        changed.runtimeMin *= factor;
    else if (input == u"meanPowerW")
        changed.meanPowerW *= factor;
    else if (input == u"pue")
        changed.pue *= factor;
    const ScenarioResult a = computeScenario(base);
    const ScenarioResult b = computeScenario(changed);
    QVERIFY(qFuzzyCompare(b.kwhPerYear, a.kwhPerYear * factor));
    QVERIFY(qFuzzyCompare(b.co2KgPerYear, a.co2KgPerYear * factor));
    QVERIFY(qFuzzyCompare(b.gasolineGallonsPerYear, a.gasolineGallonsPerYear * factor));
    QVERIFY(qFuzzyCompare(b.baselineKwhPerYear, a.baselineKwhPerYear)); // everyday use does not change
}

void TestScenario::unitConversions()
{
    QVERIFY(qFuzzyCompare(units::lbPerKWhToGPerKWh(0.81), 367.4098197));
    QVERIFY(qFuzzyCompare(units::gPerKWhToLbPerKWh(453.59237), 1.0));
    QVERIFY(qFuzzyCompare(units::gramsToPounds(units::poundsToGrams(42.36)), 42.36));
}

void TestScenario::ratioWording_data()
{
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QString>("expected");
    QTest::newRow("worked example") << 3.598 << QStringLiteral("3.60× everyday use; everyday use is 27.8 % of training");
    QTest::newRow("less than everyday") << 0.25 << QStringLiteral("25.0 % of everyday use; everyday use is 4.00× training");
    QTest::newRow("no baseline") << 0.0 << QStringLiteral("no everyday use to compare with");
}

void TestScenario::ratioWording()
{
    QFETCH(double, ratio);
    QFETCH(QString, expected);
    QCOMPARE(describeRatio(ratio), expected);
}

void TestScenario::significantDigits_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected"); // three significant digits
    QTest::newRow("tens") << 32.37 << QStringLiteral("32.4");
    QTest::newRow("below one") << 0.73221 << QStringLiteral("0.732");
    QTest::newRow("ten-thousandths") << 0.0003562 << QStringLiteral("0.000356");
    QTest::newRow("thousands, no exponent") << 1234.5 << QStringLiteral("1235");
    QTest::newRow("rounds up to the next digit") << 0.9996 << QStringLiteral("1.00");
    QTest::newRow("rounds up past the decimals") << 99.96 << QStringLiteral("100");
    QTest::newRow("negative") << -4.5678 << QStringLiteral("-4.57");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0");
}

void TestScenario::significantDigits()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(QString::number(value, 'f', significantDecimals(value, 3)), expected);
}

void TestScenario::summaryRatioReadsOnce()
{
    // The ratio in the summary's row and in its wording carry the same digits, and the wording
    // sits in one pair of brackets, none nested.
    RunSummary summary;
    summary.scenario.meanPowerW = 17.02;
    summary.scenario.runtimeMin = 709;
    summary.result = computeScenario(summary.scenario);
    const QString text = summaryToText(summary);
    const QString row = text.split(u'\n').filter(QStringLiteral("training ÷ everyday")).value(0);
    QVERIFY2(row.contains(QStringLiteral(" 3.60 ")) && !row.contains(QStringLiteral("3.598")), qPrintable(row));
    QCOMPARE(row.count(u'('), 1);
    QCOMPARE(row.count(u')'), 1);
}

void TestScenario::summarySaysEveryAssumptionApplied()
{
    // A PUE other than the default changes every energy figure: the text says it was applied,
    // and the gasoline equivalent names the factor it used, as the car and phone rows do.
    RunSummary summary;
    summary.scenario.pue = 1.5;
    summary.scenario.gasolineGPerGallon = 8000;
    summary.result = computeScenario(summary.scenario);
    const QStringList lines = summaryToText(summary).split(u'\n');
    const QString pue = lines.filter(QStringLiteral("PUE")).value(0);
    QVERIFY2(pue.contains(QStringLiteral("1.50")) && pue.contains(QStringLiteral("applied")), qPrintable(pue));
    const QString gasoline = lines.filter(QStringLiteral("gasoline equivalent")).value(0);
    QVERIFY2(gasoline.contains(QStringLiteral("8000 g CO2/gallon")), qPrintable(gasoline));
    // At the default the row stays out of the way.
    summary.scenario.pue = 1.0;
    QVERIFY(summaryToText(summary).split(u'\n').filter(QStringLiteral("PUE")).isEmpty());
}

QTEST_APPLESS_MAIN(TestScenario)
#include "tst_scenario.moc"
