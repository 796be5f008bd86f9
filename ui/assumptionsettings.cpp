#include "assumptionsettings.h"

#include "scenariomodel.h"

#include <QSettings>

#include <cmath>

namespace nightwatt::assumptionsettings {

namespace {

struct Field
{
    const char *key;
    double ScenarioInputs::*member;
};

constexpr Field kFields[] = {
    {"runsPerWeek", &ScenarioInputs::runsPerWeek},
    {"weeksPerYear", &ScenarioInputs::weeksPerYear},
    {"pue", &ScenarioInputs::pue},
    {"batteryWh", &ScenarioInputs::batteryWh},
    {"batteryDailyFraction", &ScenarioInputs::batteryDailyFraction},
    {"daysPerYear", &ScenarioInputs::daysPerYear},
    {"gridGPerKWh", &ScenarioInputs::gridGPerKWh},
    {"gasolineGPerGallon", &ScenarioInputs::gasolineGPerGallon},
};

QString key(const char *name)
{
    return QStringLiteral("assumptions/") + QLatin1String(name);
}

} // namespace

void load(QSettings &settings, ScenarioModel &model)
{
    ScenarioInputs inputs = model.inputs();
    for (const auto &field : kFields) {
        bool ok = false;
        const double value = settings.value(key(field.key)).toDouble(&ok);
        if (ok && std::isfinite(value) && value >= 0)
            inputs.*field.member = value;
    }
    const QString source = settings.value(key("gridSource")).toString();
    if (!source.isEmpty())
        inputs.gridSource = source;
    bool ok = false;
    double longest = settings.value(key("longestRuntimeMin")).toDouble(&ok);
    if (!ok || !(longest >= 0))
        longest = model.longestRuntimeMin();
    model.setAssumptions(inputs, longest);
}

void save(QSettings &settings, const ScenarioModel &model)
{
    const ScenarioInputs &inputs = model.inputs();
    for (const auto &field : kFields)
        settings.setValue(key(field.key), inputs.*field.member);
    settings.setValue(key("gridSource"), inputs.gridSource);
    settings.setValue(key("longestRuntimeMin"), model.longestRuntimeMin());
}

} // namespace nightwatt::assumptionsettings
