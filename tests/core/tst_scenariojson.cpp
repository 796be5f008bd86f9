#include "scenario/gridregions.h"
#include "scenario/scenariojson.h"

#include <QJsonObject>
#include <QTest>

using namespace nightwatt;

class TestScenarioJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gridBasisAndEquivalentsRoundTrip();
    void olderScenarioWithoutBasis_data();
    void olderScenarioWithoutBasis();
    void wrongTypesAreErrors_data();
    void wrongTypesAreErrors();
};

void TestScenarioJson::gridBasisAndEquivalentsRoundTrip()
{
    ScenarioInputs in;
    GridRegion region;
    region.code = QStringLiteral("FR");
    region.name = QStringLiteral("France");
    region.gPerKWh = 56.0;
    region.year = 2023;
    region.basis = QStringLiteral("CO2e, lifecycle");
    region.shortSource = QStringLiteral("Our World in Data");
    applyGridRegion(region, in);
    in.carGPerMile = 250;
    in.carSource = QStringLiteral("typed in, 250 g CO2/mile");
    in.phoneGPerCharge = 8.5;
    const QJsonObject json = scenarioInputsToJson(in);
    QCOMPARE(json.value(QStringLiteral("grid_region")).toString(), QStringLiteral("FR"));
    QCOMPARE(json.value(QStringLiteral("grid_basis")).toString(), QStringLiteral("CO2e, lifecycle"));
    QCOMPARE(json.value(QStringLiteral("grid_year")).toInt(), 2023);
    QString error;
    const auto back = scenarioInputsFromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, in);
}

void TestScenarioJson::olderScenarioWithoutBasis_data()
{
    QTest::addColumn<double>("gridGPerKWh");
    QTest::addColumn<QString>("expectedBasis");
    // The default intensity (EIA 2023, 0.81 lb/kWh) keeps the default basis; any other number saved
    // without one has no known basis, rather than borrowing EIA's.
    QTest::newRow("default intensity") << ScenarioInputs{}.gridGPerKWh << ScenarioInputs{}.gridBasis;
    QTest::newRow("other intensity") << 56.0 << QString();
}

void TestScenarioJson::olderScenarioWithoutBasis()
{
    QFETCH(double, gridGPerKWh);
    QFETCH(QString, expectedBasis);
    const auto in = scenarioInputsFromJson({{QStringLiteral("grid_g_per_kwh"), gridGPerKWh}, {QStringLiteral("grid_source"), QStringLiteral("x")}});
    QVERIFY(in);
    QCOMPARE(in->gridBasis, expectedBasis);
    QCOMPARE(in->gridYear, expectedBasis.isEmpty() ? 0 : 2023);
}

void TestScenarioJson::wrongTypesAreErrors_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("grid_year text") << QStringLiteral("grid_year") << QJsonValue(QStringLiteral("2023"));
    QTest::newRow("grid_basis number") << QStringLiteral("grid_basis") << QJsonValue(1);
    QTest::newRow("car_g_per_mile text") << QStringLiteral("car_g_per_mile") << QJsonValue(QStringLiteral("400"));
}

void TestScenarioJson::wrongTypesAreErrors()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QString error;
    QVERIFY(!scenarioInputsFromJson({{key, value}}, &error));
    QVERIFY2(error.contains(key), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestScenarioJson)
#include "tst_scenariojson.moc"
