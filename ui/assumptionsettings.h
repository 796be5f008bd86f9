#pragma once

#include <QVariantMap>

class QSettings;

namespace nightwatt {

class ScenarioModel;

// Remembers the assumptions (schedule, baseline, grid, fuel, longest run) between sessions. The
// measured power and runtime belong to a run and are not stored.
namespace assumptionsettings {
void load(QSettings &settings, ScenarioModel &model);
// The keys and values load() reads, for a SettingsWriter.
QVariantMap values(const ScenarioModel &model);
} // namespace assumptionsettings

} // namespace nightwatt
