#include "scenariooptions.h"

#include "numberoption.h"

#include "scenario/gridregions.h"

#include <optional>

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
    {"battery-fraction", "Share of the battery used a day, 0 to 1 (default 0.55).", &ScenarioInputs::batteryDailyFraction, 0, 1},
    {"days-per-year", "Days of everyday use a year (default 365).", &ScenarioInputs::daysPerYear, 0, 366},
    {"gasoline-g-per-gallon", "CO2 per gallon of gasoline, in g (default 8887, EPA).", &ScenarioInputs::gasolineGPerGallon, 1, 1e6},
    {"pue", "Power usage effectiveness (default 1.0 for a laptop).", &ScenarioInputs::pue, 1, 10},
    {"car-g-per-mile", "CO2 per mile of a typical passenger car, in g (default 400, EPA 2023).", &ScenarioInputs::carGPerMile, 1, 1e5},
    {"phone-g-per-charge", "CO2 per smartphone charge, in g (default 12.4, EPA calculator 2024).", &ScenarioInputs::phoneGPerCharge, 0.01, 1e4},
};

const QString kGrid = QStringLiteral("grid");
const QString kGridGrams = QStringLiteral("grid-g-per-kwh");
const QString kGridPounds = QStringLiteral("grid-lb-per-kwh");

QString valueName(const char *name)
{
    return QString::fromLatin1(name).section(u'-', -1).toUpper();
}

} // namespace

void addScenarioOptions(QCommandLineParser &parser)
{
    for (const auto &option : kNumberOptions) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(option.name), QString::fromLatin1(option.description),
                                            valueName(option.name)));
    }
    parser.addOption(QCommandLineOption(kGrid,
                                        QStringLiteral("Grid region from the bundled tables: a country (FR, DE, US), an eGRID2023 "
                                                       "subregion (US-CAMX) or US-EIA-2023 (the default). `nightwatt grids` lists them."),
                                        QStringLiteral("REGION")));
    parser.addOption(QCommandLineOption(kGridGrams, QStringLiteral("Grid intensity in g CO2/kWh."), QStringLiteral("G")));
    parser.addOption(QCommandLineOption(kGridPounds, QStringLiteral("Grid intensity in lb CO2/kWh (default 0.81, EIA US 2023)."), QStringLiteral("LB")));
}

QStringList scenarioOptionNames()
{
    QStringList names;
    for (const auto &option : kNumberOptions)
        names.append(QString::fromLatin1(option.name));
    names << kGrid << kGridGrams << kGridPounds;
    return names;
}

QString unknownGridMessage(const QString &code)
{
    QStringList close;
    for (const auto *region : GridRegions::bundled().closeMatches(code))
        close.append(QStringLiteral("%1 (%2)").arg(region->code, region->name));
    QString message = QStringLiteral("unknown grid region \"%1\"").arg(code);
    if (!close.isEmpty())
        message += QStringLiteral("; close matches: ") + close.join(QStringLiteral(", "));
    return message + QStringLiteral("; `nightwatt grids` lists every region");
}

QString applyScenarioValues(const QList<std::pair<QString, QString>> &values, ScenarioInputs &inputs)
{
    const auto valueOf = [&](const QString &name) -> std::optional<QString> {
        std::optional<QString> found;
        for (const auto &[key, value] : values) {
            if (key == name)
                found = value; // the last one given wins, as with repeated options
        }
        return found;
    };
    for (const auto &[key, value] : values) {
        if (!scenarioOptionNames().contains(key))
            return QStringLiteral("unknown scenario setting \"%1\"").arg(key);
    }
    for (const auto &option : kNumberOptions) {
        const QString name = QString::fromLatin1(option.name);
        const auto text = valueOf(name);
        if (!text)
            continue;
        QString error;
        const auto value = numberInRange(name, *text, {option.minimum, option.maximum}, &error);
        if (!value)
            return error;
        inputs.*option.field = *value;
        if (option.field == &ScenarioInputs::carGPerMile)
            inputs.carSource = QStringLiteral("custom, %1 g/mile").arg(*value);
        else if (option.field == &ScenarioInputs::phoneGPerCharge)
            inputs.phoneSource = QStringLiteral("custom, %1 g/charge").arg(*value);
    }
    const auto region = valueOf(kGrid);
    const auto grams = valueOf(kGridGrams);
    const auto pounds = valueOf(kGridPounds);
    if (int(region.has_value()) + int(grams.has_value()) + int(pounds.has_value()) > 1)
        return QStringLiteral("give the grid once: --grid, --grid-g-per-kwh or --grid-lb-per-kwh");
    if (region) {
        const GridRegion *found = GridRegions::bundled().find(*region);
        if (!found)
            return unknownGridMessage(*region);
        applyGridRegion(*found, inputs);
    } else if (grams || pounds) {
        const QString &name = grams ? kGridGrams : kGridPounds;
        const QString &text = grams ? *grams : *pounds;
        QString error;
        const auto value = numberInRange(name, text, {0, grams ? 5000.0 : 11.0}, &error);
        if (!value)
            return error;
        applyCustomGrid(grams ? *value : units::lbPerKWhToGPerKWh(*value),
                        grams ? QStringLiteral("custom, %1 g/kWh").arg(*value) : QStringLiteral("custom, %1 lb/kWh").arg(*value), inputs);
    }
    return {};
}

QString applyScenarioOptions(const QCommandLineParser &parser, ScenarioInputs &inputs)
{
    QList<std::pair<QString, QString>> values;
    for (const auto &name : scenarioOptionNames()) {
        if (parser.isSet(name))
            values.append({name, parser.value(name)});
    }
    return applyScenarioValues(values, inputs);
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
