#include "panelfigures.h"

#include "figureformat.h"
#include "scenariomodel.h"

namespace nightwatt {

namespace {

// Shorter logs are likely excerpts: their duration is a poor guess at the runtime of a run.
constexpr double kShortLogMin = 5;

} // namespace

RuntimeFigures PanelFigures::runtime(const ScenarioModel &model)
{
    RuntimeFigures f;
    const auto &m = model.measurement();
    const bool timed = m && m->durationS;
    if (!m) {
        f.measuredDuration = f.coverage = f.samples = QStringLiteral("—");
    } else if (!timed) {
        f.measuredDuration = tr("unknown (no timing)");
        f.coverage = QStringLiteral("—");
        f.samples = QString::number(m->samples);
    } else {
        f.measuredDuration = formatDuration(*m->durationS);
        if (*m->durationS >= 3600)
            f.measuredDuration += QStringLiteral(" (") + formatFigure(*m->durationS / 60.0, 1, QStringLiteral("min")) + u')';
        const auto coverage = m->coverage();
        const QString gaps = m->gaps == 0 ? tr("no gaps") : m->gaps == 1 ? tr("1 gap") : tr("%1 gaps").arg(m->gaps);
        f.coverage = QStringLiteral("%1 %, %2").arg(coverage ? formatNumber(*coverage * 100.0, 1) : QStringLiteral("—"), gaps);
        f.samples = QStringLiteral("%1, %2").arg(QString::number(m->samples),
                                                 m->meanIntervalS ? formatDuration(*m->meanIntervalS) : QStringLiteral("—"));
    }
    const double runtimeMin = model.inputs().runtimeMin;
    f.typicalRuntime = model.runtimeMissing() ? tr("needs runtime") : formatFigure(runtimeMin, 1, QStringLiteral("min"));
    if (model.runtimeMissing()) {
        f.runtimeNote = tr("Required: the log has no timing, so its duration is unknown. Type the runtime of a run.");
        f.noteIsWarning = true;
    } else {
        switch (model.runtimeSource()) {
        case ScenarioModel::RuntimeSource::Measured:
            f.runtimeNote = tr("= the measured duration (%1).").arg(formatDuration(runtimeMin * 60.0));
            if (runtimeMin < kShortLogMin) {
                f.runtimeNote += tr(" The log is short: if it is an excerpt, type the runtime of a whole run.");
                f.noteIsWarning = true;
            }
            break;
        case ScenarioModel::RuntimeSource::Typed:
            f.runtimeNote = tr("Typed in (%1).").arg(formatDuration(runtimeMin * 60.0));
            break;
        case ScenarioModel::RuntimeSource::Default:
            f.runtimeNote = tr("Worked example: 709 min (%1).").arg(formatDuration(709 * 60.0));
            break;
        }
    }
    const ScenarioResult longest = model.longestRunResult();
    f.longestNote = tr("Informative: at that runtime a run takes %1, %2 a year.")
                        .arg(formatFigure(longest.whPerRun, 1, QStringLiteral("Wh")), formatFigure(longest.kwhPerYear, 1, QStringLiteral("kWh")));
    return f;
}

FrequencyFigures PanelFigures::frequency(const ScenarioModel &model)
{
    const ScenarioInputs &in = model.inputs();
    const ScenarioResult &r = model.result();
    const bool known = !model.runtimeMissing();
    FrequencyFigures f;
    f.whPerRun = known ? formatFigure(r.whPerRun, 2, QStringLiteral("Wh")) : tr("needs runtime");
    f.kwhPerWeek = known ? formatFigure(r.kwhPerWeek, 3, QStringLiteral("kWh")) : QStringLiteral("—");
    f.kwhPerYear = known ? formatFigure(r.kwhPerYear, 2, QStringLiteral("kWh")) : QStringLiteral("—");
    f.perRunNote = tr("Per run: %1 × %2 h%3.")
                       .arg(formatFigure(in.meanPowerW, 2, QStringLiteral("W")), formatNumber(in.runtimeMin / 60.0, 2),
                            in.pue == 1.0 ? QString() : tr(" × PUE %1").arg(formatNumber(in.pue, 2)));
    return f;
}

BaselineFigures PanelFigures::baseline(const ScenarioModel &model)
{
    const ScenarioInputs &in = model.inputs();
    const ScenarioResult &r = model.result();
    BaselineFigures f;
    f.dailyWh = formatFigure(in.batteryWh * in.batteryDailyFraction, 2, QStringLiteral("Wh"));
    f.kwhPerYear = formatFigure(r.baselineKwhPerYear, 2, QStringLiteral("kWh"));
    const ScenarioInputs defaults;
    f.batterySource = in.batteryWh == defaults.batteryWh
                          ? tr("%1 Wh battery, MacBook Pro 14\" M4 (Apple tech specs, 2024), %2 % of it a day")
                          : tr("%1 Wh battery (typed in), %2 % of it a day");
    f.batterySource = f.batterySource.arg(formatNumber(in.batteryWh, 1), formatNumber(in.batteryDailyFraction * 100.0, 0));
    f.trainingRatio = model.runtimeMissing() ? tr("— (needs runtime)") : describeRatio(r.trainingToBaselineRatio);
    return f;
}

EmissionsFigures PanelFigures::emissions(const ScenarioModel &model)
{
    const ScenarioInputs &in = model.inputs();
    const ScenarioResult &r = model.result();
    EmissionsFigures f;
    f.gridIntensity = tr("%1 = %2").arg(formatFigure(in.gridGPerKWh, 1, tr("g/kWh")),
                                        formatFigure(units::gPerKWhToLbPerKWh(in.gridGPerKWh), 3, tr("lb/kWh")));
    f.gridBasis = in.gridBasis.isEmpty() ? tr("basis and year unknown (typed in)")
                                         : tr("%1 · %2").arg(in.gridBasis, in.gridYear > 0 ? QString::number(in.gridYear) : tr("year unknown"));
    f.gridSource = in.gridSource;
    if (model.runtimeMissing()) {
        f.trainingCo2 = tr("needs runtime");
        f.gallons = f.miles = f.charges = QStringLiteral("—");
    } else {
        f.trainingCo2 = QStringLiteral("%1 (%2)").arg(formatFigure(r.co2KgPerYear, 2, QStringLiteral("kg")),
                                                      formatFigure(r.co2LbPerYear, 2, QStringLiteral("lb")));
        f.gallons = formatFigure(r.gasolineGallonsPerYear, 2, tr("gal of gasoline"));
        f.miles = formatFigure(r.carMilesPerYear, 1, tr("miles"));
        f.charges = formatFigure(r.phoneChargesPerYear, 0, tr("charges"));
    }
    f.everydayCo2 = QStringLiteral("%1 (%2)").arg(formatFigure(r.baselineCo2KgPerYear, 2, QStringLiteral("kg")),
                                                  formatFigure(r.baselineCo2LbPerYear, 2, QStringLiteral("lb")));
    const ScenarioInputs defaults;
    f.gasolineSource = in.gasolineGPerGallon == defaults.gasolineGPerGallon
                           ? tr("%1 g CO₂ per US gallon burned (EPA-420-F-11-041, 2011)").arg(formatNumber(in.gasolineGPerGallon, 0))
                           : tr("%1 g CO₂ per US gallon burned (typed in)").arg(formatNumber(in.gasolineGPerGallon, 0));
    f.equivalentSources = tr("Car: %1. Phone: %2.").arg(in.carSource, in.phoneSource);
    return f;
}

} // namespace nightwatt
