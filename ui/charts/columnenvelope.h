#pragma once

#include <QPointF>

#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace nightwatt {

class MinMaxPyramid;

// What one channel looks like on a plot some pixel columns wide. A dense range (more samples than
// rawUpTo) is summarised per pixel column: the smallest and largest present sample whose position
// falls in it, and its first and last sample so neighbouring columns join as the line would. That
// is all a line plot of every sample shows at this width, so the chart draws one vertical stroke
// per column instead of handing thousands of points to Qt Charts. A sparse range keeps its samples.
struct EnvelopeColumn
{
    float min = std::numeric_limits<float>::quiet_NaN();
    float max = std::numeric_limits<float>::quiet_NaN();
    float first = std::numeric_limits<float>::quiet_NaN();
    float last = std::numeric_limits<float>::quiet_NaN();
    bool isEmpty() const { return !(min <= max); }
};

struct ChannelEnvelope
{
    bool dense = false;
    std::vector<EnvelopeColumn> columns; // dense only: one per pixel column, left to right
    // Sparse: every present sample as (position, value). Dense: at most the nearest present sample
    // left of the plot and the one right of it, so the line runs on to the plot's edges.
    std::vector<QPointF> points;
    // Points a plot of this envelope draws: a minimum and a maximum per non-empty column, plus points.
    qsizetype pointCount() const;
};

struct EnvelopeRequest
{
    qsizetype first = 0, last = 0; // samples [first, last) that may be drawn, edges included
    double left = 0, right = 1;    // positions at the plot's left and right edges
    int columns = 1;
    qsizetype rawUpTo = 0;         // up to this many samples in [first, last) are drawn raw
};

// `xs` holds each sample's position (e.g. the trace's time axis, ascending); empty means the
// sample index is its position. Column c covers positions [left + c·w, left + (c+1)·w) with
// w = (right − left) / columns, the last one also its right edge. The per-column minimum and
// maximum come from `pyramid`, the level-of-detail summary of `values`: the cost grows with the
// columns and the logarithm of the samples, not with the samples.
ChannelEnvelope columnEnvelope(std::span<const float> values, std::span<const double> xs, const MinMaxPyramid &pyramid,
                               const EnvelopeRequest &request);

} // namespace nightwatt
