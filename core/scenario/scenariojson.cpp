#include "scenario/scenariojson.h"

namespace nightwatt {

namespace {

struct NumberField
{
    const char16_t *key;
    double ScenarioInputs::*member;
};

constexpr NumberField kNumberFields[] = {
    {u"mean_power_w", &ScenarioInputs::meanPowerW},
    {u"runtime_min", &ScenarioInputs::runtimeMin},
    {u"runs_per_week", &ScenarioInputs::runsPerWeek},
    {u"weeks_per_year", &ScenarioInputs::weeksPerYear},
    {u"pue", &ScenarioInputs::pue},
    {u"battery_wh", &ScenarioInputs::batteryWh},
    {u"battery_daily_fraction", &ScenarioInputs::batteryDailyFraction},
    {u"days_per_year", &ScenarioInputs::daysPerYear},
    {u"grid_g_per_kwh", &ScenarioInputs::gridGPerKWh},
    {u"gasoline_g_per_gallon", &ScenarioInputs::gasolineGPerGallon},
};

const QString kGridSourceKey = QStringLiteral("grid_source");

} // namespace

QJsonObject scenarioInputsToJson(const ScenarioInputs &inputs)
{
    QJsonObject object;
    for (const auto &field : kNumberFields)
        object.insert(QString::fromUtf16(field.key), inputs.*field.member);
    object.insert(kGridSourceKey, inputs.gridSource);
    return object;
}

std::optional<ScenarioInputs> scenarioInputsFromJson(const QJsonObject &object, QString *error)
{
    ScenarioInputs inputs;
    for (const auto &field : kNumberFields) {
        const QString key = QString::fromUtf16(field.key);
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            continue;
        if (!value.isDouble()) {
            if (error)
                *error = QStringLiteral("scenario value \"%1\" is not a number").arg(key);
            return std::nullopt;
        }
        inputs.*field.member = value.toDouble();
    }
    const QJsonValue source = object.value(kGridSourceKey);
    if (!source.isUndefined()) {
        if (!source.isString()) {
            if (error)
                *error = QStringLiteral("scenario value \"%1\" is not text").arg(kGridSourceKey);
            return std::nullopt;
        }
        inputs.gridSource = source.toString();
    }
    return inputs;
}

} // namespace nightwatt
