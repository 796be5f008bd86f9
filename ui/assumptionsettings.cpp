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
    {"carGPerMile", &ScenarioInputs::carGPerMile},
    {"phoneGPerCharge", &ScenarioInputs::phoneGPerCharge},
};

// Texts kept with the numbers: a grid figure without its basis and year would be mixed silently.
struct TextField
{
    const char *key;
    QString ScenarioInputs::*member;
};

constexpr TextField kTextFields[] = {
    {"gridSource", &ScenarioInputs::gridSource},
    {"gridRegion", &ScenarioInputs::gridRegion},
    {"gridBasis", &ScenarioInputs::gridBasis},
    {"carSource", &ScenarioInputs::carSource},
    {"phoneSource", &ScenarioInputs::phoneSource},
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
    for (const auto &field : kTextFields) {
        // Written together: a stored value, even empty (a typed grid has no region), replaces the default.
        if (settings.contains(key(field.key)))
            inputs.*field.member = settings.value(key(field.key)).toString();
    }
    if (settings.contains(key("gridYear")))
        inputs.gridYear = settings.value(key("gridYear")).toInt();
    bool ok = false;
    double longest = settings.value(key("longestRuntimeMin")).toDouble(&ok);
    if (!ok || !(longest >= 0))
        longest = model.longestRuntimeMin();
    model.setAssumptions(inputs, longest);
}

QVariantMap values(const ScenarioModel &model)
{
    QVariantMap values;
    const ScenarioInputs &inputs = model.inputs();
    for (const auto &field : kFields)
        values.insert(key(field.key), inputs.*field.member);
    for (const auto &field : kTextFields)
        values.insert(key(field.key), inputs.*field.member);
    values.insert(key("gridYear"), inputs.gridYear);
    values.insert(key("longestRuntimeMin"), model.longestRuntimeMin());
    return values;
}

} // namespace nightwatt::assumptionsettings
