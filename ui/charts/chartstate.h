#pragma once

#include "analysis/tracestats.h"

#include <QSet>
#include <QString>

#include <optional>

namespace nightwatt {

// What the power chart's x axis counts.
enum class XAxisMode { Samples, Elapsed, Clock };
// Auto: the unit follows the peak shown (see powerunit.h).
enum class PowerUnit { Auto, Milliwatts, Watts, Kilowatts };

// Everything a user set on a power chart, so that an exported copy looks like the one on screen.
struct ChartViewState
{
    XAxisMode xAxis = XAxisMode::Samples;
    PowerUnit unit = PowerUnit::Auto;
    // Visible part in sample-index units; none = the whole run.
    std::optional<std::pair<double, double>> visibleIndices;
    QSet<QString> hiddenChannels;
    std::optional<SampleRange> selection;
    bool initialised = false; // false = pick defaults for the trace (auxiliary channels hidden)
};

} // namespace nightwatt
