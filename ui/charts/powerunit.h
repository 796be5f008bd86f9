#pragma once

#include "charts/chartstate.h"

#include <QString>

namespace nightwatt {

// Auto picks the unit whose numbers read best for the peak it is shown: mW below 10 W (as
// powermetrics prints a laptop's rails), W up to 10 kW, kW above (a rack of GPUs).
PowerUnit unitForPeak(PowerUnit chosen, double peakWatts);
double wattsPer(PowerUnit unit); // a shown value times this is watts; Auto counts as W
QString unitSymbol(PowerUnit unit); // "mW", "W", "kW"; Auto has none

// How the choice is remembered: "auto", "mW", "W", "kW". Anything else (nothing saved yet, a
// setting from another version) reads as Auto.
QString unitSettingValue(PowerUnit unit);
PowerUnit unitFromSetting(const QString &value);

} // namespace nightwatt
