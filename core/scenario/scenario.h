#pragma once

#include "scenario/units.h"

#include <QString>

namespace nightwatt {

struct GridRegion;

// Every assumption that turns a measured power into yearly figures. Defaults are the worked
// example: an overnight ResNet50 run on an Apple-silicon laptop, 5 nights a week, US grid.
struct ScenarioInputs
{
    double meanPowerW = 17.02;
    double runtimeMin = 709;
    double runsPerWeek = 5;
    double weeksPerYear = 52;
    // Power usage effectiveness: 1.0 for a laptop or workstation; data centres draw more.
    double pue = 1.0;

    // Everyday use the training is compared with: 55 % of a 72.4 Wh battery (MacBook Pro 14" M4,
    // Apple tech specs 2024) a day, every day.
    double batteryWh = 72.4;
    double batteryDailyFraction = 0.55;
    double daysPerYear = 365;

    // EIA FAQ 74, "How much carbon dioxide is produced per kilowatthour of U.S. electricity
    // generation?": about 0.81 lb CO2/kWh in 2023 (utility-scale generation, CO2 only).
    double gridGPerKWh = units::lbPerKWhToGPerKWh(0.81);
    QString gridSource = QStringLiteral("EIA, US average, 2023 (CO2, utility-scale generation)");
    // The bundled-table code the intensity came from (GridRegions), empty when typed in; its basis
    // (which gas, lifecycle or direct) and data year, 0 when unknown. Bases differ between tables.
    QString gridRegion = QStringLiteral("US-EIA-2023");
    QString gridBasis = QStringLiteral("CO2 only, utility-scale net generation");
    int gridYear = 2023;

    // EPA, "Greenhouse Gas Emissions from a Typical Passenger Vehicle" (EPA-420-F-11-041, 2011,
    // unchanged in later editions): 8,887 g CO2 per gallon
    // of gasoline burned.
    double gasolineGPerGallon = 8887;

    // Everyday equivalents of the training CO2 (facts.md §2, §3; equivalences.csv).
    // EPA, "Greenhouse Gas Emissions from a Typical Passenger Vehicle" (EPA-420-F-23-014, 2023):
    // "about 400 grams of CO2 per mile" (tailpipe; 8,887 g/gal ÷ 22.2 mpg = 400.3).
    double carGPerMile = 400;
    QString carSource = QStringLiteral("EPA, typical passenger vehicle, 2023 (tailpipe CO2, 22.2 mpg)");
    // EPA Greenhouse Gas Equivalencies Calculator, current vintage (2024-2026): 1.24e-5 t CO2 per
    // smartphone charge (delivered electricity). Quoted second-hand; EPA revises it yearly.
    double phoneGPerCharge = 12.4;
    QString phoneSource = QStringLiteral("EPA Greenhouse Gas Equivalencies Calculator, 2024 (CO2 per smartphone charge)");

    bool operator==(const ScenarioInputs &) const = default;
};

struct ScenarioResult
{
    double whPerRun = 0;
    double kwhPerWeek = 0;
    double kwhPerYear = 0;
    double baselineKwhPerYear = 0;
    double trainingToBaselineRatio = 0; // training kWh per year / everyday kWh per year
    double co2KgPerYear = 0;
    double co2LbPerYear = 0;
    double baselineCo2KgPerYear = 0;
    double baselineCo2LbPerYear = 0;
    double gasolineGallonsPerYear = 0;
    double co2GPerRun = 0;
    double co2KgPerWeek = 0;
    double carMilesPerYear = 0;
    double phoneChargesPerYear = 0;
};

ScenarioResult computeScenario(const ScenarioInputs &inputs);

// Takes the intensity, its label, basis and year from a bundled grid table row.
void applyGridRegion(const GridRegion &region, ScenarioInputs &inputs);
// A typed intensity: no region, basis or year known.
void applyCustomGrid(double gPerKWh, const QString &label, ScenarioInputs &inputs);

// "3.6× everyday use" / "everyday use is 28 % of training": ratios said the way they are meant,
// never "360 % more".
QString describeRatio(double trainingToBaselineRatio);

} // namespace nightwatt
