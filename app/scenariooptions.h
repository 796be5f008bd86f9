#pragma once

#include "scenario/scenario.h"

#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace nightwatt::cli {

// The scenario options every sub-command that reports figures accepts (design.md).
void addScenarioOptions(QCommandLineParser &parser);

// Applies the options given on the command line over `inputs`. Returns an error message for a
// value that is not a number or out of range, else an empty string.
QString applyScenarioOptions(const QCommandLineParser &parser, ScenarioInputs &inputs);

// The same settings as name/value pairs, names without "--" ("runs-per-week", "3"), for the
// per-scenario overrides of `compare`. Unknown names are an error.
QString applyScenarioValues(const QList<std::pair<QString, QString>> &values, ScenarioInputs &inputs);
QStringList scenarioOptionNames();

// "unknown grid region "FX"; close matches: FR (France), ..." for a code not in the tables.
QString unknownGridMessage(const QString &code);

bool hasPowerOption(const QCommandLineParser &parser);
bool hasRuntimeOption(const QCommandLineParser &parser);

} // namespace nightwatt::cli
