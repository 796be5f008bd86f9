#pragma once

#include "analysis/tracestats.h"
#include "compare/comparemodel.h"

#include <optional>

namespace nightwatt {

class ScenarioModel;
struct OpenRun;

// The main window's scenario as a compare column: the run shown (the whole run, or the selected
// range when its power is the one in use) or the typed power, with every assumption as it is now.
CompareColumn columnFromCurrent(const ScenarioModel &model, const OpenRun *run, std::optional<SampleRange> selection);

// The library run a loaded log came from ("run:ID"), if any.
std::optional<qint64> libraryRunId(const QString &path);

} // namespace nightwatt
