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
    {u"car_g_per_mile", &ScenarioInputs::carGPerMile},
    {u"phone_g_per_charge", &ScenarioInputs::phoneGPerCharge},
};

struct TextField
{
    const char16_t *key;
    QString ScenarioInputs::*member;
};

// Where each factor came from travels with it, so a restored scenario says the same sources,
// and a grid figure is never compared on another basis without saying so.
constexpr TextField kTextFields[] = {
    {u"grid_source", &ScenarioInputs::gridSource},
    {u"grid_region", &ScenarioInputs::gridRegion},
    {u"grid_basis", &ScenarioInputs::gridBasis},
    {u"car_source", &ScenarioInputs::carSource},
    {u"phone_source", &ScenarioInputs::phoneSource},
};

const QString kGridYearKey = QStringLiteral("grid_year");

} // namespace

QJsonObject scenarioInputsToJson(const ScenarioInputs &inputs)
{
    QJsonObject object;
    for (const auto &field : kNumberFields)
        object.insert(QString::fromUtf16(field.key), inputs.*field.member);
    for (const auto &field : kTextFields)
        object.insert(QString::fromUtf16(field.key), inputs.*field.member);
    object.insert(kGridYearKey, inputs.gridYear);
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
    for (const auto &field : kTextFields) {
        const QString key = QString::fromUtf16(field.key);
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            continue;
        if (!value.isString()) {
            if (error)
                *error = QStringLiteral("scenario value \"%1\" is not text").arg(key);
            return std::nullopt;
        }
        inputs.*field.member = value.toString();
    }
    const QJsonValue year = object.value(kGridYearKey);
    if (!year.isUndefined()) {
        if (!year.isDouble() || year.toDouble() != double(year.toInt())) {
            if (error)
                *error = QStringLiteral("scenario value \"%1\" is not a whole number").arg(kGridYearKey);
            return std::nullopt;
        }
        inputs.gridYear = year.toInt();
    }
    // Saved before the basis was stored: only the default intensity's basis is known.
    if (!object.contains(QStringLiteral("grid_basis")) && inputs.gridGPerKWh != ScenarioInputs{}.gridGPerKWh) {
        inputs.gridRegion.clear();
        inputs.gridBasis.clear();
        inputs.gridYear = 0;
    }
    return inputs;
}

} // namespace nightwatt
