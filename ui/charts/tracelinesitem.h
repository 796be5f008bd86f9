#pragma once

#include <QGraphicsItem>
#include <QLineF>
#include <QList>
#include <QPen>
#include <QPolygonF>

#include <vector>

namespace nightwatt {

// The power chart's traces, drawn straight into the chart's scene in scene pixels: dense channels
// as one bar per pixel column from its minimum to its maximum (filled rectangles, the cheapest
// thing the raster engine draws), sparse ones through their samples. Qt Charts' own line series
// would map, store and stroke every point as one path on each change, which is what made redraws
// of long traces slow. The item only repaints what changed.
class TraceLinesItem : public QGraphicsItem
{
public:
    struct Layer
    {
        QPen pen;
        QList<QRectF> bars;     // dense: per-column minimum-to-maximum bars, pen wide
        QList<QLineF> strokes;  // dense: joins across empty columns and to off-plot samples
        QPolygonF polyline;     // sparse: the samples themselves
        bool markers = false;   // a handful of samples: draw each as a dot too
        bool operator==(const Layer &other) const = default;
    };

    explicit TraceLinesItem(QGraphicsItem *parent = nullptr);

    // Returns whether anything changed (and so a repaint was asked for).
    bool setContent(const QRectF &plotArea, std::vector<Layer> layers);
    const std::vector<Layer> &layers() const { return m_layers; }
    qint64 paintCount() const { return m_paints; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_plotArea;
    std::vector<Layer> m_layers;
    qint64 m_paints = 0;
    QList<QLineF> m_segments; // scratch, kept to save allocations

};

} // namespace nightwatt
