#include "report/phaseselection.h"

#include <QRegularExpression>
#include <QStringList>

namespace nightwatt {

std::optional<PhaseSelection> selectPhases(const QList<PhaseFigures> &phases, const QString &pattern)
{
    const QRegularExpression matcher = QRegularExpression::fromWildcard(pattern, Qt::CaseInsensitive);
    PhaseSelection selection;
    selection.pattern = pattern;
    selection.energyWh = 0.0;
    double weightedW = 0;
    for (const PhaseFigures &phase : phases) {
        if (!matcher.match(phase.label).hasMatch())
            continue;
        ++selection.count;
        selection.durationS += phase.durationS;
        weightedW += phase.meanW * phase.durationS;
        if (selection.energyWh && phase.energyWh)
            *selection.energyWh += *phase.energyWh;
        else
            selection.energyWh.reset();
    }
    if (selection.count == 0)
        return std::nullopt;
    if (selection.durationS > 0)
        selection.meanW = selection.energyWh ? *selection.energyWh * 3600.0 / selection.durationS : weightedW / selection.durationS;
    return selection;
}

void applyPhaseRuntime(const PhaseSelection &selection, ScenarioInputs &scenario)
{
    if (selection.durationS > 0)
        scenario.runtimeMin = selection.durationS / 60.0;
}

void applyPhaseMeasurement(const PhaseSelection &selection, ScenarioInputs &scenario)
{
    scenario.meanPowerW = selection.meanW;
    applyPhaseRuntime(selection, scenario);
}

QString noPhaseMessage(const QList<PhaseFigures> &phases, const QString &pattern)
{
    QStringList labels;
    for (const PhaseFigures &phase : phases) {
        if (!labels.contains(phase.label))
            labels.append(phase.label);
    }
    if (labels.isEmpty())
        return QStringLiteral("no phase matches \"%1\": the run has no phases (no marker file given?)").arg(pattern);
    return QStringLiteral("no phase matches \"%1\" (phases: %2)").arg(pattern, labels.join(QStringLiteral(", ")));
}

} // namespace nightwatt
