#pragma once

#include "trace/channel.h"
#include "trace/marker.h"

#include <QColor>
#include <QPen>

#include <vector>

namespace nightwatt {

class Trace;

// The one palette every chart draws with (the power chart, the mini charts, the comparison bars
// and their exports): matplotlib's tab10 (CPU blue, GPU orange, as the seaborn figures), then
// tab20's light tints of the same ten hues. Slots past the end start over.
constexpr int kPaletteSize = 20;
QColor paletteColor(int slot);

// A colour for every channel of a trace, all different up to kPaletteSize channels: cpu, gpu,
// ane, dram, package and combined keep their usual slot while it is free; any other channel takes
// the first free one. Colours are given in channel order, so a live trace that gains channels
// keeps the ones it has.
std::vector<QColor> channelColors(const Trace &trace);
// Its line: solid for components, dashed for reported totals, dotted for auxiliary channels.
QPen channelPen(const ChannelInfo &info, const QColor &color);
// The same channel drawn too densely for its dashes or dots to show (or to be stroked quickly):
// solid, in a light tint of its colour, so a reported total still reads as a line of its own
// beside the components it contains. A solid pen is returned as it is.
QPen densePen(const QPen &pen);

// How a kind of marker looks on the chart and in the phases table: one colour per kind, chosen
// apart from the channel palette's strong colours so that shading never reads as a trace.
QColor markerColor(MarkerKind kind);
// The light tint a phase of that kind shades the plot with.
QColor markerTint(MarkerKind kind);

} // namespace nightwatt
