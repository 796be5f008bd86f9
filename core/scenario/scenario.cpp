#include "scenario/scenario.h"

#include "scenario/gridregions.h"

namespace nightwatt {

ScenarioResult computeScenario(const ScenarioInputs &in)
{
    ScenarioResult r;
    r.whPerRun = in.meanPowerW * in.pue * in.runtimeMin / 60.0;
    r.kwhPerWeek = r.whPerRun * in.runsPerWeek / 1000.0;
    r.kwhPerYear = r.kwhPerWeek * in.weeksPerYear;
    r.baselineKwhPerYear = in.batteryWh * in.batteryDailyFraction * in.daysPerYear / 1000.0;
    r.trainingToBaselineRatio = r.baselineKwhPerYear > 0 ? r.kwhPerYear / r.baselineKwhPerYear : 0.0;
    r.co2KgPerYear = r.kwhPerYear * in.gridGPerKWh / 1000.0;
    r.co2LbPerYear = units::gramsToPounds(r.co2KgPerYear * 1000.0);
    r.baselineCo2KgPerYear = r.baselineKwhPerYear * in.gridGPerKWh / 1000.0;
    r.baselineCo2LbPerYear = units::gramsToPounds(r.baselineCo2KgPerYear * 1000.0);
    r.gasolineGallonsPerYear = in.gasolineGPerGallon > 0 ? r.co2KgPerYear * 1000.0 / in.gasolineGPerGallon : 0.0;
    r.co2GPerRun = r.whPerRun * in.gridGPerKWh / 1000.0;
    r.co2KgPerWeek = r.kwhPerWeek * in.gridGPerKWh / 1000.0;
    r.carMilesPerYear = in.carGPerMile > 0 ? r.co2KgPerYear * 1000.0 / in.carGPerMile : 0.0;
    r.phoneChargesPerYear = in.phoneGPerCharge > 0 ? r.co2KgPerYear * 1000.0 / in.phoneGPerCharge : 0.0;
    return r;
}

void applyGridRegion(const GridRegion &region, ScenarioInputs &in)
{
    in.gridGPerKWh = region.gPerKWh;
    in.gridSource = region.label();
    in.gridRegion = region.code;
    in.gridBasis = region.basis;
    in.gridYear = region.year;
}

void applyCustomGrid(double gPerKWh, const QString &label, ScenarioInputs &in)
{
    in.gridGPerKWh = gPerKWh;
    in.gridSource = label;
    in.gridRegion.clear();
    in.gridBasis.clear();
    in.gridYear = 0;
}

QString describeRatio(double ratio)
{
    if (!(ratio > 0))
        return QStringLiteral("no everyday use to compare with");
    if (ratio >= 1.0) {
        return QStringLiteral("%1× everyday use; everyday use is %2 % of training")
            .arg(ratio, 0, 'f', ratio < 10 ? 2 : 1)
            .arg(100.0 / ratio, 0, 'f', 1);
    }
    return QStringLiteral("%1 % of everyday use; everyday use is %2× training")
        .arg(ratio * 100.0, 0, 'f', 1)
        .arg(1.0 / ratio, 0, 'f', 2);
}

} // namespace nightwatt
