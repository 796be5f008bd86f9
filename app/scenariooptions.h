#pragma once

#include "scenario/scenario.h"

#include <QCommandLineParser>
#include <QString>

namespace nightwatt::cli {

// The scenario options every sub-command that reports figures accepts (design.md).
void addScenarioOptions(QCommandLineParser &parser);

// Applies the options given on the command line over `inputs`. Returns an error message for a
// value that is not a number or out of range, else an empty string.
QString applyScenarioOptions(const QCommandLineParser &parser, ScenarioInputs &inputs);

bool hasPowerOption(const QCommandLineParser &parser);
bool hasRuntimeOption(const QCommandLineParser &parser);

} // namespace nightwatt::cli
