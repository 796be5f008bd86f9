#include "charts/tracelayer.h"

#include "charts/columnenvelope.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

double PlotMapping::x(double position) const
{
    return plot.left() + (position - left) * plot.width() / std::max(right - left, 1e-300);
}

double PlotMapping::y(double value) const
{
    return plot.bottom() - (value - yLo) / std::max(yHi - yLo, 1e-300) * plot.height();
}

namespace {

void addBars(const ChannelEnvelope &envelope, const PlotMapping &m, double penWidth, TraceLinesItem::Layer &layer)
{
    const double plotLeft = m.plot.left();
    const double columnWidth = m.plot.width() / std::max<double>(1, double(envelope.columns.size()));
    layer.bars.reserve(qsizetype(envelope.columns.size()));
    int previous = -1;
    double previousX = 0;
    for (int c = 0; c < int(envelope.columns.size()); ++c) {
        const EnvelopeColumn &column = envelope.columns[size_t(c)];
        if (column.isEmpty())
            continue;
        const double x = plotLeft + (c + 0.5) * columnWidth;
        double lo = column.min, hi = column.max;
        if (previous >= 0) {
            const float joinFrom = envelope.columns[size_t(previous)].last;
            if (previous == c - 1) {
                lo = std::min(lo, double(joinFrom));
                hi = std::max(hi, double(joinFrom));
            } else {
                layer.strokes.append(QLineF(previousX, m.y(joinFrom), x, m.y(column.first)));
            }
        } else {
            for (const QPointF &p : envelope.points) {
                if (m.x(p.x()) < plotLeft)
                    layer.strokes.append(QLineF(m.x(p.x()), m.y(p.y()), x, m.y(column.first)));
            }
        }
        // Whole pixels: the bars are filled without antialiasing, the raster engine's fastest path.
        const double top = std::floor(m.y(hi) - penWidth / 2), bottom = std::ceil(m.y(lo) + penWidth / 2);
        const double barLeft = std::floor(x - penWidth / 2);
        layer.bars.append(QRectF(barLeft, top, std::ceil(x + penWidth / 2) - barLeft, bottom - top));
        previous = c;
        previousX = x;
    }
    if (previous >= 0) {
        const float lastValue = envelope.columns[size_t(previous)].last;
        for (const QPointF &p : envelope.points) {
            if (m.x(p.x()) >= plotLeft)
                layer.strokes.append(QLineF(previousX, m.y(lastValue), m.x(p.x()), m.y(p.y())));
        }
    }
}

} // namespace

TraceLinesItem::Layer layerFor(const ChannelEnvelope &envelope, const PlotMapping &mapping, const QPen &pen, qsizetype markersUpTo)
{
    TraceLinesItem::Layer layer;
    layer.pen = pen;
    if (envelope.dense) {
        addBars(envelope, mapping, pen.widthF(), layer);
        return layer;
    }
    layer.polyline.reserve(qsizetype(envelope.points.size()));
    for (const QPointF &p : envelope.points)
        layer.polyline.append(QPointF(mapping.x(p.x()), mapping.y(p.y())));
    // A handful of samples (or one) is a few dots, not a line: show them.
    layer.markers = qsizetype(envelope.points.size()) <= markersUpTo;
    return layer;
}

} // namespace nightwatt
