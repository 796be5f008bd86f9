#pragma once

#include "scenario/scenario.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace nightwatt {

// ScenarioInputs as a JSON object with snake_case keys and units in the names, as the run library
// stores it. Numbers survive the round trip exactly (Qt writes the shortest exact form).
QJsonObject scenarioInputsToJson(const ScenarioInputs &inputs);

// Reads what scenarioInputsToJson wrote. A key that is absent keeps its default (so older saved
// scenarios open after a new assumption is added); a key of the wrong type is an error.
std::optional<ScenarioInputs> scenarioInputsFromJson(const QJsonObject &object, QString *error = nullptr);

} // namespace nightwatt
