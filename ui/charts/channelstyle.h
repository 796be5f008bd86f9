#pragma once

#include "trace/channel.h"
#include "trace/marker.h"

#include <QColor>
#include <QPen>

namespace nightwatt {

// How a channel looks wherever a trace is drawn (the power chart, the comparison's mini charts):
// the same colour for the same channel; `index` picks one for channels without their own.
QColor channelColor(const ChannelInfo &info, int index);
// Its line: solid for components, dashed for reported totals, dotted for auxiliary channels.
QPen channelPen(const ChannelInfo &info, int index);

// How a kind of marker looks on the chart and in the phases table: one colour per kind, chosen
// apart from the channel palette's strong colours so that shading never reads as a trace.
QColor markerColor(MarkerKind kind);
// The light tint a phase of that kind shades the plot with.
QColor markerTint(MarkerKind kind);

} // namespace nightwatt
