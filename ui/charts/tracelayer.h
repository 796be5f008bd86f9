#pragma once

#include "charts/tracelinesitem.h"

#include <QRectF>

namespace nightwatt {

struct ChannelEnvelope;

// How sample positions and values map to scene pixels: the plot area shows positions
// [left, right] and values [yLo, yHi] (in the trace's unit).
struct PlotMapping
{
    QRectF plot;
    double left = 0, right = 1;
    double yLo = 0, yHi = 1;

    double x(double position) const;
    double y(double value) const;
};

// What the chart paints for one channel. Dense: per pixel column a bar from its minimum to its
// maximum, stretched to the previous column's last value so neighbours join, as wide as the pen
// (a flat stretch still shows as a line); across empty columns (gaps in irregular timing) and to
// the samples off the plot's edges, the line a plain line plot would draw. Sparse: the samples,
// as dots too when there are at most `markersUpTo`.
TraceLinesItem::Layer layerFor(const ChannelEnvelope &envelope, const PlotMapping &mapping, const QPen &pen, qsizetype markersUpTo);

} // namespace nightwatt
