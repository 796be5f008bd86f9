#include "scenariomodel.h"

#include "scenario/gridregions.h"

namespace nightwatt {

ScenarioModel::ScenarioModel(QObject *parent)
    : QObject(parent)
{
    recompute();
}

template<typename Edit>
void ScenarioModel::edit(Edit &&apply)
{
    apply();
    recompute();
    Q_EMIT changed();
}

void ScenarioModel::recompute()
{
    m_result = computeScenario(m_inputs);
}

void ScenarioModel::setMeasurement(const TraceStats &stats, const QString &runTitle)
{
    edit([&] {
        m_measurement = stats;
        m_runTitle = runTitle;
        m_inputs.meanPowerW = stats.total.meanW;
        m_powerSource = PowerSource::Measured;
        if (stats.durationS && *stats.durationS > 0) {
            m_inputs.runtimeMin = *stats.durationS / 60.0;
            m_runtimeSource = RuntimeSource::Measured;
        } else {
            m_runtimeSource = RuntimeSource::Default;
        }
    });
}

void ScenarioModel::clearMeasurement()
{
    edit([&] {
        m_measurement.reset();
        m_runTitle.clear();
        if (m_powerSource == PowerSource::Measured || m_powerSource == PowerSource::Range)
            m_powerSource = PowerSource::Typed;
        if (m_runtimeSource == RuntimeSource::Measured)
            m_runtimeSource = RuntimeSource::Typed;
    });
}

QString ScenarioModel::powerSourceText() const
{
    switch (m_powerSource) {
    case PowerSource::Measured:
        if (m_measurement)
            return tr("mean total (%1) over the whole run").arg(m_measurement->total.components.join(QStringLiteral(" + ")).toUpper());
        return tr("measured");
    case PowerSource::Range:
        return tr("mean over the selected range, %1").arg(m_rangeText);
    case PowerSource::Typed:
        return tr("typed in");
    case PowerSource::Default:
        break;
    }
    return tr("worked example (17.02 W, M4 MacBook Pro)");
}

bool ScenarioModel::runtimeMissing() const
{
    return m_measurement && !m_measurement->durationS && m_runtimeSource != RuntimeSource::Typed;
}

ScenarioResult ScenarioModel::longestRunResult() const
{
    ScenarioInputs longest = m_inputs;
    longest.runtimeMin = m_longestRuntimeMin;
    return computeScenario(longest);
}

void ScenarioModel::setMeanPowerW(double watts)
{
    edit([&] {
        m_inputs.meanPowerW = watts;
        m_powerSource = PowerSource::Typed;
    });
}

void ScenarioModel::useRangePower(double watts, const QString &rangeText)
{
    edit([&] {
        m_inputs.meanPowerW = watts;
        m_rangeText = rangeText;
        m_powerSource = PowerSource::Range;
    });
}

void ScenarioModel::useMeasuredPower()
{
    if (!m_measurement)
        return;
    edit([&] {
        m_inputs.meanPowerW = m_measurement->total.meanW;
        m_powerSource = PowerSource::Measured;
    });
}

void ScenarioModel::useMeasuredRuntime()
{
    if (!m_measurement || !m_measurement->durationS)
        return;
    edit([&] {
        m_inputs.runtimeMin = *m_measurement->durationS / 60.0;
        m_runtimeSource = RuntimeSource::Measured;
    });
}

void ScenarioModel::setRuntimeMin(double minutes)
{
    edit([&] {
        m_inputs.runtimeMin = minutes;
        m_runtimeSource = RuntimeSource::Typed;
    });
}

void ScenarioModel::setLongestRuntimeMin(double minutes)
{
    edit([&] { m_longestRuntimeMin = minutes; });
}

void ScenarioModel::setRunsPerWeek(double runs)
{
    edit([&] { m_inputs.runsPerWeek = runs; });
}

void ScenarioModel::setWeeksPerYear(double weeks)
{
    edit([&] { m_inputs.weeksPerYear = weeks; });
}

void ScenarioModel::setPue(double pue)
{
    edit([&] { m_inputs.pue = pue; });
}

void ScenarioModel::setBatteryWh(double wh)
{
    edit([&] { m_inputs.batteryWh = wh; });
}

void ScenarioModel::setBatteryDailyFraction(double fraction)
{
    edit([&] { m_inputs.batteryDailyFraction = fraction; });
}

void ScenarioModel::setDaysPerYear(double days)
{
    edit([&] { m_inputs.daysPerYear = days; });
}

void ScenarioModel::setGridGPerKWh(double gPerKWh, const QString &source)
{
    edit([&] {
        m_inputs.gridGPerKWh = gPerKWh;
        m_inputs.gridSource = source;
    });
}

void ScenarioModel::setGasolineGPerGallon(double gPerGallon)
{
    edit([&] { m_inputs.gasolineGPerGallon = gPerGallon; });
}

void ScenarioModel::setGridRegion(const GridRegion &region)
{
    edit([&] { applyGridRegion(region, m_inputs); });
}

void ScenarioModel::setCustomGrid(double gPerKWh, const QString &source)
{
    edit([&] { applyCustomGrid(gPerKWh, source, m_inputs); });
}

void ScenarioModel::setCarGPerMile(double gPerMile, const QString &source)
{
    edit([&] {
        m_inputs.carGPerMile = gPerMile;
        m_inputs.carSource = source;
    });
}

void ScenarioModel::setPhoneGPerCharge(double gPerCharge, const QString &source)
{
    edit([&] {
        m_inputs.phoneGPerCharge = gPerCharge;
        m_inputs.phoneSource = source;
    });
}

void ScenarioModel::setAssumptions(const ScenarioInputs &assumptions, double longestRuntimeMin)
{
    edit([&] {
        const double power = m_inputs.meanPowerW;
        const double runtime = m_inputs.runtimeMin;
        m_inputs = assumptions;
        m_inputs.meanPowerW = power;
        m_inputs.runtimeMin = runtime;
        m_longestRuntimeMin = longestRuntimeMin;
    });
}

void ScenarioModel::restoreInputs(const ScenarioInputs &inputs)
{
    edit([&] {
        m_inputs = inputs;
        const bool measuredPower = m_measurement && inputs.meanPowerW == m_measurement->total.meanW;
        m_powerSource = measuredPower ? PowerSource::Measured : PowerSource::Typed;
        const bool measuredRuntime = m_measurement && m_measurement->durationS && inputs.runtimeMin == *m_measurement->durationS / 60.0;
        m_runtimeSource = measuredRuntime ? RuntimeSource::Measured : RuntimeSource::Typed;
    });
}

void ScenarioModel::resetAssumptions()
{
    setAssumptions(ScenarioInputs{}, 1100);
}

} // namespace nightwatt
