#include "charts/powerunit.h"

#include <cmath>

namespace nightwatt {

namespace {

constexpr double kWattsAbove = 10;       // W: below, the figures read better in mW
constexpr double kKilowattsAbove = 10e3; // W: above, in kW

} // namespace

PowerUnit unitForPeak(PowerUnit chosen, double peakWatts)
{
    if (chosen != PowerUnit::Auto)
        return chosen;
    const double peak = std::isfinite(peakWatts) ? std::abs(peakWatts) : 0;
    if (peak < kWattsAbove)
        return PowerUnit::Milliwatts;
    return peak < kKilowattsAbove ? PowerUnit::Watts : PowerUnit::Kilowatts;
}

double wattsPer(PowerUnit unit)
{
    switch (unit) {
    case PowerUnit::Milliwatts:
        return 1e-3;
    case PowerUnit::Kilowatts:
        return 1e3;
    case PowerUnit::Auto:
    case PowerUnit::Watts:
        break;
    }
    return 1;
}

QString unitSymbol(PowerUnit unit)
{
    switch (unit) {
    case PowerUnit::Milliwatts:
        return QStringLiteral("mW");
    case PowerUnit::Watts:
        return QStringLiteral("W");
    case PowerUnit::Kilowatts:
        return QStringLiteral("kW");
    case PowerUnit::Auto:
        break;
    }
    return {};
}

QString unitSettingValue(PowerUnit unit)
{
    return unit == PowerUnit::Auto ? QStringLiteral("auto") : unitSymbol(unit);
}

PowerUnit unitFromSetting(const QString &value)
{
    for (PowerUnit unit : {PowerUnit::Milliwatts, PowerUnit::Watts, PowerUnit::Kilowatts}) {
        if (value == unitSymbol(unit))
            return unit;
    }
    return PowerUnit::Auto;
}

} // namespace nightwatt
