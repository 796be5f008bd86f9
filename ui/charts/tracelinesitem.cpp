#include "charts/tracelinesitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace nightwatt {

namespace {
constexpr double kMarkerRadius = 3.5;
constexpr double kMargin = 4; // pens and dots reach a little past the plot area's edges
} // namespace

TraceLinesItem::TraceLinesItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemUsesExtendedStyleOption); // for the exposed rectangle: a small repaint draws few bars
}

bool TraceLinesItem::setContent(const QRectF &plotArea, std::vector<Layer> layers)
{
    // A live trace usually changes only its last columns: repaint just those.
    bool whole = plotArea != m_plotArea || layers.size() != m_layers.size();
    QRectF changed;
    for (size_t i = 0; i < layers.size() && !whole; ++i) {
        const Layer &before = m_layers[i], &after = layers[i];
        if (before.pen != after.pen || before.markers != after.markers || before.strokes != after.strokes || before.polyline != after.polyline) {
            whole = true;
            break;
        }
        qsizetype same = 0;
        const qsizetype common = std::min(before.bars.size(), after.bars.size());
        while (same < common && before.bars[same] == after.bars[same])
            ++same;
        for (qsizetype j = same; j < before.bars.size(); ++j)
            changed |= before.bars[j];
        for (qsizetype j = same; j < after.bars.size(); ++j)
            changed |= after.bars[j];
    }
    if (!whole && changed.isEmpty())
        return false;
    if (plotArea != m_plotArea) {
        prepareGeometryChange();
        m_plotArea = plotArea;
    }
    m_layers = std::move(layers);
    if (whole)
        update();
    else
        update(changed.adjusted(-1, -1, 1, 1));
    return true;
}

QRectF TraceLinesItem::boundingRect() const
{
    return m_plotArea.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

void TraceLinesItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF exposed = option ? option->exposedRect : boundingRect();
    ++m_paints;
    painter->save();
    painter->setClipRect(m_plotArea.adjusted(0, -kMargin, 0, kMargin)); // lines to off-plot samples stop at the edges
    painter->setBrush(Qt::NoBrush);
    for (const Layer &layer : m_layers) {
        if (!layer.bars.isEmpty()) {
            // Whole-pixel bars need no antialiasing, and unblended fills are the raster engine's
            // fastest path.
            painter->setRenderHint(QPainter::Antialiasing, false);
            // Bars run left to right: only those under the exposed part need drawing.
            const auto from = std::lower_bound(layer.bars.begin(), layer.bars.end(), exposed.left(),
                                               [](const QRectF &bar, double x) { return bar.right() < x; });
            for (auto bar = from; bar != layer.bars.end() && bar->left() <= exposed.right(); ++bar)
                painter->fillRect(*bar, layer.pen.color());
            painter->setRenderHint(QPainter::Antialiasing, true);
        }
        painter->setPen(layer.pen);
        if (!layer.strokes.isEmpty())
            painter->drawLines(layer.strokes);
        if (layer.polyline.size() == 1) {
            painter->drawPoint(layer.polyline.first());
        } else if (layer.polyline.size() > 1) {
            // Segment by segment: a wide antialiased polyline through thousands of zigzagging
            // points is stroked as one self-overlapping outline with joins, which takes Qt seconds.
            m_segments.resize(layer.polyline.size() - 1);
            for (qsizetype i = 1; i < layer.polyline.size(); ++i)
                m_segments[i - 1] = QLineF(layer.polyline[i - 1], layer.polyline[i]);
            painter->drawLines(m_segments);
        }
        if (layer.markers) {
            painter->setBrush(layer.pen.color());
            painter->setPen(Qt::NoPen);
            for (const QPointF &p : layer.polyline)
                painter->drawEllipse(p, kMarkerRadius, kMarkerRadius);
            painter->setBrush(Qt::NoBrush);
        }
    }
    painter->restore();
}

} // namespace nightwatt
