#pragma once

#include "trace/marker.h"

#include <QGraphicsItem>
#include <QList>
#include <QRectF>
#include <QString>

namespace nightwatt {

// A run's markers on the power chart, in scene pixels: phases as tinted bands across the plot,
// instants as vertical lines, both with labels that are left out where they would overlap. One
// item draws every visible marker (hundreds of epochs stay one paint call, not hundreds of items).
// The chart keeps two: the shading under the traces and the labels over them.
class MarkersItem : public QGraphicsItem
{
public:
    enum class Part { Shading, Labels };

    struct Band
    {
        double left = 0, right = 0; // clipped to the plot
        MarkerKind kind = MarkerKind::Marker;
        QString label;
        bool operator==(const Band &other) const = default;
    };
    struct Instant
    {
        double x = 0;
        MarkerKind kind = MarkerKind::Marker;
        QString label;
        bool operator==(const Instant &other) const = default;
    };
    struct Label
    {
        QRectF box;
        QString text;
        MarkerKind kind = MarkerKind::Marker;
        bool operator==(const Label &other) const = default;
    };

    explicit MarkersItem(Part part, QGraphicsItem *parent = nullptr);

    // Bands and instants in any order; the labels that fit are chosen here.
    void setContent(const QRectF &plotArea, QList<Band> bands, QList<Instant> instants);
    const QList<Band> &bands() const { return m_bands; }
    const QList<Instant> &instants() const { return m_instants; }
    const QList<Label> &labels() const { return m_labels; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void placeLabels();

    Part m_part;
    QRectF m_plotArea;
    QList<Band> m_bands;
    QList<Instant> m_instants;
    QList<Label> m_labels;
};

} // namespace nightwatt
