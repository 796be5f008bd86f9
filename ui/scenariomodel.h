#pragma once

#include "analysis/tracestats.h"
#include "scenario/scenario.h"

#include <QObject>
#include <QString>

#include <optional>

namespace nightwatt {

// The one place the dashboard's assumptions live. Every panel edits it through its setters and
// redraws its figures on changed(); nothing else holds a copy, so every figure follows any edit.
class ScenarioModel : public QObject
{
    Q_OBJECT
public:
    // Where the scenario's mean power comes from, said next to the figure.
    enum class PowerSource { Default, Measured, Range, Typed };
    enum class RuntimeSource { Default, Measured, Typed };

    explicit ScenarioModel(QObject *parent = nullptr);

    const ScenarioInputs &inputs() const { return m_inputs; }
    const ScenarioResult &result() const { return m_result; }

    // The run the figures are measured from: takes its total mean power and, when the log has
    // timing, its duration as the runtime. Without timing the runtime becomes a required input.
    void setMeasurement(const TraceStats &stats, const QString &runTitle);
    void clearMeasurement();
    const std::optional<TraceStats> &measurement() const { return m_measurement; }
    QString runTitle() const { return m_runTitle; }

    PowerSource powerSource() const { return m_powerSource; }
    QString powerSourceText() const;
    RuntimeSource runtimeSource() const { return m_runtimeSource; }
    // True while the runtime is unknown: the log has no timing and none was typed.
    bool runtimeMissing() const;
    // Informative only: the longest run seen (the worked example's CPU-only run took 1,100 min).
    double longestRuntimeMin() const { return m_longestRuntimeMin; }
    // The figures the longest runtime would give, everything else unchanged.
    ScenarioResult longestRunResult() const;

    void setMeanPowerW(double watts);                     // typed
    void useRangePower(double watts, const QString &rangeText);
    void useMeasuredPower();
    void useMeasuredRuntime();
    void setRuntimeMin(double minutes);
    void setLongestRuntimeMin(double minutes);
    void setRunsPerWeek(double runs);
    void setWeeksPerYear(double weeks);
    void setPue(double pue);
    void setBatteryWh(double wh);
    void setBatteryDailyFraction(double fraction);
    void setDaysPerYear(double days);
    void setGridGPerKWh(double gPerKWh, const QString &source);
    void setGasolineGPerGallon(double gPerGallon);
    // A row of the bundled grid tables: its intensity, basis, year and source together.
    void setGridRegion(const GridRegion &region);
    // A typed intensity: no basis or year is known, so none is kept from a previous region.
    void setCustomGrid(double gPerKWh, const QString &source);
    void setCarGPerMile(double gPerMile, const QString &source);
    void setPhoneGPerCharge(double gPerCharge, const QString &source);

    // The assumptions that are not about one run (schedule, baseline, grid, fuel, longest run).
    ScenarioInputs assumptions() const { return m_inputs; }
    void setAssumptions(const ScenarioInputs &assumptions, double longestRuntimeMin);
    // Back to the documented defaults (ScenarioInputs{}), keeping the measured power and runtime.
    void resetAssumptions();
    // Every input as saved with a run, power and runtime included. A value equal to the measured
    // one counts as measured, any other as typed in.
    void restoreInputs(const ScenarioInputs &inputs);

Q_SIGNALS:
    void changed();

private:
    template<typename Edit>
    void edit(Edit &&apply);
    void recompute();

    ScenarioInputs m_inputs;
    ScenarioResult m_result;
    std::optional<TraceStats> m_measurement;
    QString m_runTitle;
    QString m_rangeText;
    PowerSource m_powerSource = PowerSource::Default;
    RuntimeSource m_runtimeSource = RuntimeSource::Default;
    double m_longestRuntimeMin = 1100;
};

} // namespace nightwatt
