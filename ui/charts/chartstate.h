#pragma once

#include "analysis/tracestats.h"

#include <QSet>
#include <QString>

#include <optional>

namespace nightwatt {

// What the power chart's x axis counts.
enum class XAxisMode { Samples, Elapsed, Clock };
enum class PowerUnit { Milliwatts, Watts };

// Everything a user set on a power chart, so that an exported copy looks like the one on screen.
struct ChartViewState
{
    XAxisMode xAxis = XAxisMode::Samples;
    PowerUnit unit = PowerUnit::Milliwatts; // as powermetrics prints it
    // Visible part in sample-index units; none = the whole run.
    std::optional<std::pair<double, double>> visibleIndices;
    QSet<QString> hiddenChannels;
    std::optional<SampleRange> selection;
    bool initialised = false; // false = pick defaults for the trace (auxiliary channels hidden)
};

} // namespace nightwatt
