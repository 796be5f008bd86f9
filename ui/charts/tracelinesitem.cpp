#include "charts/tracelinesitem.h"

#include <QPainter>

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
}

bool TraceLinesItem::setContent(const QRectF &plotArea, std::vector<Layer> layers)
{
    if (plotArea == m_plotArea && layers == m_layers)
        return false;
    if (plotArea != m_plotArea) {
        prepareGeometryChange();
        m_plotArea = plotArea;
    }
    m_layers = std::move(layers);
    update();
    return true;
}

QRectF TraceLinesItem::boundingRect() const
{
    return m_plotArea.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

void TraceLinesItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    ++m_paints;
    painter->save();
    painter->setClipRect(m_plotArea.adjusted(0, -kMargin, 0, kMargin)); // lines to off-plot samples stop at the edges
    painter->setBrush(Qt::NoBrush);
    for (const Layer &layer : m_layers) {
        if (!layer.bars.isEmpty()) {
            // Whole-pixel bars need no antialiasing, and unblended fills are the raster engine's
            // fastest path.
            painter->setRenderHint(QPainter::Antialiasing, false);
            for (const QRectF &bar : layer.bars)
                painter->fillRect(bar, layer.pen.color());
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
