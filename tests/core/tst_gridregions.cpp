#include "scenario/gridregions.h"
#include "scenario/scenario.h"
#include "scenario/units.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace nightwatt;

class TestGridRegions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bundledTablesLoadWithoutIssues();
    void rowsPerTable_data();
    void rowsPerTable();
    void knownRegions_data();
    void knownRegions();
    void egridColumnsAgree();
    void unitConversions();
    void search();
    void closeMatches_data();
    void closeMatches();
    void applyToScenario();
    void malformedTables_data();
    void malformedTables();
};

void TestGridRegions::bundledTablesLoadWithoutIssues()
{
    const GridRegions &tables = GridRegions::bundled();
    QVERIFY2(tables.issues().isEmpty(), qPrintable(tables.issues().join(u'\n')));
    // 69 country rows + 28 eGRID rows (27 subregions + national) + 3 EIA years.
    QCOMPARE(tables.regions().size(), 100);
}

void TestGridRegions::rowsPerTable_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("table");
    QTest::addColumn<int>("rows");
    // Data rows of each CSV (wc -l minus the header).
    QTest::newRow("countries") << ":/grid/grid_intensity_countries.csv" << int(GridRegions::Table::Countries) << 69;
    QTest::newRow("egrid2023") << ":/grid/grid_intensity_us_subregions_egrid2023.csv" << int(GridRegions::Table::EgridSubregions) << 28;
    QTest::newRow("eia") << ":/grid/grid_intensity_us_eia.csv" << int(GridRegions::Table::EiaNational) << 3;
}

void TestGridRegions::rowsPerTable()
{
    QFETCH(QString, path);
    QFETCH(int, table);
    QFETCH(int, rows);
    GridRegions t;
    t.loadFile(GridRegions::Table(table), path);
    QVERIFY2(t.issues().isEmpty(), qPrintable(t.issues().join(u'\n')));
    QCOMPARE(t.regions().size(), rows);
}

void TestGridRegions::knownRegions_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("gPerKWh");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("basis");
    // Countries: g CO2e/kWh as in the file (OWID/Ember lifecycle).
    QTest::newRow("FR") << "FR" << "FR" << 56.0 << 2023 << "CO2e, lifecycle";
    QTest::newRow("FRA alias") << "FRA" << "FR" << 56.0 << 2023 << "CO2e, lifecycle";
    QTest::newRow("lower case") << "fr" << "FR" << 56.0 << 2023 << "CO2e, lifecycle";
    QTest::newRow("full name") << "france" << "FR" << 56.0 << 2023 << "CO2e, lifecycle";
    QTest::newRow("DE") << "DE" << "DE" << 380.9 << 2023 << "CO2e, lifecycle";
    QTest::newRow("US is the country row") << "US" << "US" << 369.5 << 2023 << "CO2e, lifecycle";
    QTest::newRow("IS, a 2022 row") << "IS" << "IS" << 27.7 << 2022 << "CO2e, lifecycle";
    QTest::newRow("world 2025") << "WLD" << "WLD" << 458.0 << 2025 << "CO2e, lifecycle";
    QTest::newRow("CodeCarbon world, CO2 only") << "WLD_CC" << "WLD_CC" << 475.0 << 2018 << "CO2";
    // eGRID: 429.983 lb CO2e/MWh × 0.45359237 = 195.0370 g/kWh (the file's rounded column: 195.04).
    QTest::newRow("US-CAMX") << "US-CAMX" << "US-CAMX" << 195.0370080 << 2023 << "CO2e, direct at generation, no T&D losses";
    QTest::newRow("CAMX alias") << "camx" << "US-CAMX" << 195.0370080 << 2023 << "CO2e, direct at generation, no T&D losses";
    // 242.776 × 0.45359237 = 110.1213 g/kWh.
    QTest::newRow("US-NYUP") << "US-NYUP" << "US-NYUP" << 110.1213412 << 2023 << "CO2e, direct at generation, no T&D losses";
    // 770.884 × 0.45359237 = 349.6671 g/kWh.
    QTest::newRow("eGRID national") << "US-EGRID-2023" << "US-EGRID-2023" << 349.6671006 << 2023 << "CO2e, direct at generation, no T&D losses";
    // EIA: 0.81 lb/kWh × 453.59237 = 367.4098 g/kWh.
    QTest::newRow("US-EIA-2023") << "US-EIA-2023" << "US-EIA-2023" << 367.4098197 << 2023 << "CO2 only, utility-scale net generation";
    QTest::newRow("US-EIA-2019") << " us-eia-2019 " << "US-EIA-2019" << 0.92 * 453.59237 << 2019 << "CO2 only, utility-scale net generation";
}

void TestGridRegions::knownRegions()
{
    QFETCH(QString, asked);
    QFETCH(QString, code);
    QFETCH(double, gPerKWh);
    QFETCH(int, year);
    QFETCH(QString, basis);
    const GridRegion *region = GridRegions::bundled().find(asked);
    QVERIFY(region);
    QCOMPARE(region->code, code);
    QVERIFY2(qAbs(region->gPerKWh - gPerKWh) < 1e-3, qPrintable(QString::number(region->gPerKWh, 'f', 6)));
    QCOMPARE(region->year, year);
    QCOMPARE(region->basis, basis);
    // The label names basis and year, so figures of different bases are never shown bare.
    QVERIFY(region->label().contains(basis));
    QVERIFY(region->label().contains(QString::number(year)));
    QVERIFY(!region->shortSource.isEmpty());
    QVERIFY(region->shortSource.size() <= region->source.size());
}

// The eGRID file gives each rate twice (lb/MWh and rounded g/kWh): our conversion must reproduce
// the rounded column for every row, which checks both the factor and the column mapping.
void TestGridRegions::egridColumnsAgree()
{
    QFile file(QStringLiteral(":/grid/grid_intensity_us_subregions_egrid2023.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 29);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).trimmed().split(','); // no quoted fields in this file
        const QString code = QString::fromLatin1(fields.at(0));
        const double roundedGPerKWh = fields.at(6).toDouble();
        const GridRegion *region = GridRegions::bundled().find(code == u"US" ? QStringLiteral("US-EGRID-2023") : QStringLiteral("US-") + code);
        QVERIFY2(region, qPrintable(code));
        QVERIFY2(qAbs(region->gPerKWh - roundedGPerKWh) <= 0.0051, qPrintable(code));
        QCOMPARE(region->name.isEmpty(), false);
    }
}

void TestGridRegions::unitConversions()
{
    // 1 lb/MWh = 453.59237 g / 1000 kWh.
    QVERIFY(qFuzzyCompare(units::lbPerMWhToGPerKWh(1000.0), 453.59237));
    QVERIFY(qFuzzyCompare(units::gPerKWhToLbPerMWh(453.59237), 1000.0));
    // eGRID US CO2: 767.209 lb/MWh = 348.0004 g/kWh (facts.md: 348.0).
    QCOMPARE(qRound(units::lbPerMWhToGPerKWh(767.209) * 100), 34800);
    // lb/kWh and lb/MWh differ by 1000: 0.81 lb/kWh = 810 lb/MWh.
    QVERIFY(qFuzzyCompare(units::lbPerKWhToGPerKWh(0.81), units::lbPerMWhToGPerKWh(810.0)));
    QVERIFY(qFuzzyCompare(units::poundsToGrams(2.0), 907.18474));
}

void TestGridRegions::search()
{
    const GridRegions &t = GridRegions::bundled();
    QCOMPARE(t.search(QString()).size(), t.regions().size());
    const auto france = t.search(QStringLiteral("fran"));
    QCOMPARE(france.size(), 1);
    QCOMPARE(france.first()->code, QStringLiteral("FR"));
    // Code hits come before name hits: "NY" is in three eGRID codes, and in no name before them.
    const auto ny = t.search(QStringLiteral("NY"));
    QVERIFY(ny.size() >= 3);
    QVERIFY(ny.first()->code.startsWith(QLatin1String("US-NY")));
    QCOMPARE(t.search(QStringLiteral("california")).first()->code, QStringLiteral("US-CAMX"));
    QVERIFY(t.search(QStringLiteral("zzzz")).isEmpty());
    QVERIFY(!t.find(QStringLiteral("zzzz")));
    QVERIFY(!t.find(QString()));
}

void TestGridRegions::closeMatches_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expectedFirst");
    QTest::newRow("one letter off a subregion") << "US-CAMZ" << "US-CAMX";
    QTest::newRow("a name") << "france" << "FR";
    QTest::newRow("a misspelt name") << "Frnace" << "FR";
    QTest::newRow("nothing near") << "QQQQQQQQQQQQ" << "";
}

void TestGridRegions::closeMatches()
{
    QFETCH(QString, typed);
    QFETCH(QString, expectedFirst);
    const auto matches = GridRegions::bundled().closeMatches(typed);
    QVERIFY(matches.size() <= 5);
    if (expectedFirst.isEmpty()) {
        QVERIFY(matches.isEmpty());
        return;
    }
    QVERIFY(!matches.isEmpty());
    QCOMPARE(matches.first()->code, expectedFirst);
}

void TestGridRegions::applyToScenario()
{
    ScenarioInputs in;
    // The default names its table row, and the row holds the same figure.
    const GridRegion *defaultRegion = GridRegions::bundled().find(in.gridRegion);
    QVERIFY(defaultRegion);
    QCOMPARE(defaultRegion->gPerKWh, in.gridGPerKWh);
    QCOMPARE(defaultRegion->basis, in.gridBasis);
    QCOMPARE(defaultRegion->year, in.gridYear);

    applyGridRegion(*GridRegions::bundled().find(QStringLiteral("FR")), in);
    QCOMPARE(in.gridGPerKWh, 56.0);
    QCOMPARE(in.gridRegion, QStringLiteral("FR"));
    QCOMPARE(in.gridYear, 2023);
    QVERIFY(in.gridSource.contains(QLatin1String("France")));
    QVERIFY(in.gridSource.contains(QLatin1String("lifecycle")));
    // Worked example at 56 g/kWh: 52.2911 kWh × 0.056 = 2.9283 kg.
    QCOMPARE(qRound(computeScenario(in).co2KgPerYear * 10000), 29283);

    applyCustomGrid(400, QStringLiteral("custom"), in);
    QCOMPARE(in.gridGPerKWh, 400.0);
    QVERIFY(in.gridRegion.isEmpty());
    QCOMPARE(in.gridYear, 0);
}

void TestGridRegions::malformedTables_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("issue"); // part of the one issue expected, empty for none

    const QByteArray header = "code,name,g_co2_per_kwh,year,unit,source\n";
    const QByteArray fra = "FRA,France,56.0,2023,gCO2e/kWh lifecycle,OWID - via X\n";
    QTest::newRow("empty") << QByteArray() << 0 << "t.csv: empty table";
    QTest::newRow("header only") << header << 0 << "";
    QTest::newRow("one row") << header + fra << 1 << "";
    QTest::newRow("CRLF and BOM") << QByteArray("\xEF\xBB\xBF") + QByteArray(header + fra).replace("\n", "\r\n") << 1 << "";
    QTest::newRow("NUL tail") << header + fra + QByteArray(4, '\0') << 1 << "";
    QTest::newRow("no trailing newline") << header + fra.chopped(1) << 1 << "";
    QTest::newRow("quoted comma") << header + "FRA,\"France, \"\"metropolitan\"\"\",56.0,2023,u,s\n" << 1 << "";
    QTest::newRow("missing column") << QByteArray("code,name,year,unit,source\n") + "FRA,France,2023,u,s\n" << 0
                                    << "t.csv:1: missing column(s) g_co2_per_kwh";
    QTest::newRow("non-number keeps the good row") << header + fra + "DEU,Germany,n/a,2023,u,s\n" << 1
                                                   << "t.csv:3: DEU: \"n/a\" is not a plausible intensity";
    QTest::newRow("negative") << header + "DEU,Germany,-5,2023,u,s\n" << 0 << "t.csv:2: DEU: \"-5\"";
    QTest::newRow("huge") << header + "DEU,Germany,99999,2023,u,s\n" << 0 << "t.csv:2: DEU: \"99999\"";
    QTest::newRow("bad year") << header + "DEU,Germany,380,23,u,s\n" << 0 << "t.csv:2: DEU: \"23\" is not a year";
    QTest::newRow("cut-off last line") << header + fra + "DEU,Germ" << 1 << "t.csv:3: expected 6 fields, found 2";
    QTest::newRow("listed twice") << header + fra + fra << 1 << "t.csv:3: FRA is listed twice";
    QTest::newRow("garbage") << QByteArray("\x01\x02 not a table\n\xff\xfe") << 0 << "missing column(s)";
}

void TestGridRegions::malformedTables()
{
    QFETCH(QByteArray, csv);
    QFETCH(int, rows);
    QFETCH(QString, issue);
    QBuffer buffer(&csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    GridRegions t;
    t.load(GridRegions::Table::Countries, buffer, QStringLiteral("t.csv"));
    QCOMPARE(t.regions().size(), rows);
    if (issue.isEmpty()) {
        QVERIFY2(t.issues().isEmpty(), qPrintable(t.issues().join(u'\n')));
    } else {
        QCOMPARE(t.issues().size(), 1);
        QVERIFY2(t.issues().first().contains(issue), qPrintable(t.issues().first()));
    }
    if (QByteArray(QTest::currentDataTag()) == "quoted comma")
        QCOMPARE(t.regions().first().name, QStringLiteral("France, \"metropolitan\""));
    if (QByteArray(QTest::currentDataTag()) == "one row") {
        // Without the alpha-2 list the file's own code stays; the source is cut before " - ".
        QCOMPARE(t.regions().first().code, QStringLiteral("FRA"));
        QCOMPARE(t.regions().first().shortSource, QStringLiteral("OWID"));
    }
}

QTEST_APPLESS_MAIN(TestGridRegions)
#include "tst_gridregions.moc"
