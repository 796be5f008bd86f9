#pragma once

#include "analysis/phases.h"
#include "analysis/tracestats.h"
#include "compare/comparemodel.h"

#include <optional>

namespace nightwatt {

class ScenarioModel;
struct OpenRun;

// The main window's scenario as a compare column: the run shown (the whole run, or the selected
// range when its power is the one in use) or the typed power, with every assumption as it is now.
CompareColumn columnFromCurrent(const ScenarioModel &model, const OpenRun *run, std::optional<SampleRange> selection);

// One phase of the run shown as a compare column: the phase's mean power over its samples in the
// scenario's place, every other assumption as it is now.
CompareColumn columnFromPhase(const ScenarioModel &model, const OpenRun &run, const PhaseFigures &phase);

// The library run a loaded log came from ("run:ID"), if any.
std::optional<qint64> libraryRunId(const QString &path);

} // namespace nightwatt
