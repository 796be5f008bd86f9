#include "scenariooptions.h"

#include <cmath>

namespace nightwatt::cli {

namespace {

struct NumberOption
{
    const char *name;
    const char *description;
    double ScenarioInputs::*field;
    double minimum;
    double maximum;
};

constexpr NumberOption kNumberOptions[] = {
    {"power-w", "Mean power in W (instead of, or overriding, the log's).", &ScenarioInputs::meanPowerW, 0, 1e6},
    {"runtime-min", "Typical runtime of one run, in minutes (default: the log's duration).", &ScenarioInputs::runtimeMin, 0, 1e7},
    {"runs-per-week", "Runs per week (default 5).", &ScenarioInputs::runsPerWeek, 0, 1000},
    {"weeks-per-year", "Weeks per year with runs (default 52).", &ScenarioInputs::weeksPerYear, 0, 53},
    {"battery-wh", "Battery capacity for everyday use, in Wh (default 72.4).", &ScenarioInputs::batteryWh, 0, 1e5},
    {"battery-fraction", "Share of the battery used a day, 0 to 1 (default 0.55).", &ScenarioInputs::batteryDailyFraction, 0, 100},
    {"days-per-year", "Days of everyday use a year (default 365).", &ScenarioInputs::daysPerYear, 0, 366},
    {"gasoline-g-per-gallon", "CO2 per gallon of gasoline, in g (default 8887, EPA).", &ScenarioInputs::gasolineGPerGallon, 1, 1e6},
    {"pue", "Power usage effectiveness (default 1.0 for a laptop).", &ScenarioInputs::pue, 1, 10},
};

QString valueName(const char *name)
{
    return QString::fromLatin1(name).section(u'-', -1).toUpper();
}

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

void addScenarioOptions(QCommandLineParser &parser)
{
    for (const auto &option : kNumberOptions) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(option.name), QString::fromLatin1(option.description),
                                            valueName(option.name)));
    }
    parser.addOption(QCommandLineOption(QStringLiteral("grid-g-per-kwh"), QStringLiteral("Grid intensity in g CO2/kWh."), QStringLiteral("G")));
    parser.addOption(QCommandLineOption(QStringLiteral("grid-lb-per-kwh"),
                                        QStringLiteral("Grid intensity in lb CO2/kWh (default 0.81, EIA US 2023)."), QStringLiteral("LB")));
}

QString applyScenarioOptions(const QCommandLineParser &parser, ScenarioInputs &inputs)
{
    for (const auto &option : kNumberOptions) {
        const QString name = QString::fromLatin1(option.name);
        if (!parser.isSet(name))
            continue;
        const auto value = number(parser.value(name));
        if (!value || *value < option.minimum || *value > option.maximum) {
            return QStringLiteral("--%1 takes a number from %2 to %3, not \"%4\"")
                .arg(name)
                .arg(option.minimum)
                .arg(option.maximum)
                .arg(parser.value(name));
        }
        inputs.*option.field = *value;
    }
    const bool gramsSet = parser.isSet(QStringLiteral("grid-g-per-kwh"));
    const bool poundsSet = parser.isSet(QStringLiteral("grid-lb-per-kwh"));
    if (gramsSet && poundsSet)
        return QStringLiteral("give the grid intensity once: --grid-g-per-kwh or --grid-lb-per-kwh");
    if (gramsSet || poundsSet) {
        const QString name = gramsSet ? QStringLiteral("grid-g-per-kwh") : QStringLiteral("grid-lb-per-kwh");
        const auto value = number(parser.value(name));
        if (!value || *value < 0 || *value > (gramsSet ? 5000.0 : 11.0))
            return QStringLiteral("--%1 takes a plausible grid intensity, not \"%2\"").arg(name, parser.value(name));
        inputs.gridGPerKWh = gramsSet ? *value : units::lbPerKWhToGPerKWh(*value);
        inputs.gridSource = gramsSet ? QStringLiteral("custom, %1 g/kWh").arg(*value)
                                     : QStringLiteral("custom, %1 lb/kWh").arg(*value);
    }
    return {};
}

bool hasPowerOption(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("power-w"));
}

bool hasRuntimeOption(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("runtime-min"));
}

} // namespace nightwatt::cli
