#pragma once

#include "analysis/phases.h"
#include "scenario/scenario.h"

#include <QList>
#include <QString>

#include <optional>

namespace nightwatt {

// The phases whose label matches a wildcard pattern ("run", "eval*"), taken as one: durations and
// energies summed, the mean power their ratio, so the evaluations of a run weigh by their length.
struct PhaseSelection
{
    QString pattern;
    int count = 0;
    double durationS = 0;
    std::optional<double> energyWh; // null when a matched phase has no energy (no timing)
    double meanW = 0;
};

// nullopt when no phase matches.
std::optional<PhaseSelection> selectPhases(const QList<PhaseFigures> &phases, const QString &pattern);

// The selection's length becomes the runtime of a run.
void applyPhaseRuntime(const PhaseSelection &selection, ScenarioInputs &scenario);
// The selection stands for the run: its mean power and its length.
void applyPhaseMeasurement(const PhaseSelection &selection, ScenarioInputs &scenario);

// "no phase matches "eval*" (phases: run, epoch 1, epoch 2)" for a pattern that found nothing.
QString noPhaseMessage(const QList<PhaseFigures> &phases, const QString &pattern);

} // namespace nightwatt
