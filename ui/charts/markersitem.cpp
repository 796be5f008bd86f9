#include "charts/markersitem.h"

#include "charts/channelstyle.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace nightwatt {

namespace {

constexpr double kLabelPadding = 3;
constexpr double kLabelGap = 6; // between neighbouring labels of a row
constexpr double kEdgedFromWidth = 8; // pixels

QFont labelFont()
{
    QFont font;
    font.setPointSizeF(8);
    return font;
}

// Keeps, left to right, each candidate that starts clear of the last one kept.
void keepClearOnes(QList<MarkersItem::Label> candidates, QList<MarkersItem::Label> &kept)
{
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const MarkersItem::Label &a, const MarkersItem::Label &b) { return a.box.left() < b.box.left(); });
    double clearFrom = -1e300;
    for (const MarkersItem::Label &label : std::as_const(candidates)) {
        if (label.box.left() < clearFrom)
            continue;
        kept.append(label);
        clearFrom = label.box.right() + kLabelGap;
    }
}

} // namespace

MarkersItem::MarkersItem(Part part, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_part(part)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void MarkersItem::setContent(const QRectF &plotArea, QList<Band> bands, QList<Instant> instants)
{
    if (plotArea == m_plotArea && bands == m_bands && instants == m_instants)
        return;
    if (plotArea != m_plotArea) {
        prepareGeometryChange();
        m_plotArea = plotArea;
    }
    // The whole run first: narrower phases tint over it.
    std::stable_sort(bands.begin(), bands.end(), [](const Band &a, const Band &b) {
        return (a.kind == MarkerKind::Run) > (b.kind == MarkerKind::Run);
    });
    m_bands = std::move(bands);
    m_instants = std::move(instants);
    placeLabels();
    update();
}

void MarkersItem::placeLabels()
{
    m_labels.clear();
    const QFontMetricsF metrics(labelFont());
    const double rowHeight = metrics.height() + 2;
    // Phases name themselves in the top row from where they begin, instants in the row below,
    // right of their line. Where names would overlap (hundreds of epochs), every few is named.
    // A label from x in the row starting at top, unless it would run past the plot's right edge.
    const auto addLabel = [&](QList<Label> &row, double x, double top, const QString &text, MarkerKind kind) {
        const double width = metrics.horizontalAdvance(text) + 2 * kLabelPadding;
        if (!text.isEmpty() && x + width <= m_plotArea.right())
            row.append({QRectF(x + 1, top, width, rowHeight), text, kind});
    };
    QList<Label> phaseLabels;
    for (const Band &band : std::as_const(m_bands))
        addLabel(phaseLabels, band.left, m_plotArea.top() + 1, band.label, band.kind);
    QList<Label> instantLabels;
    for (const Instant &instant : std::as_const(m_instants))
        addLabel(instantLabels, instant.x, m_plotArea.top() + 2 + rowHeight, instant.label, instant.kind);
    keepClearOnes(phaseLabels, m_labels);
    keepClearOnes(instantLabels, m_labels);
}

QRectF MarkersItem::boundingRect() const
{
    return m_plotArea;
}

void MarkersItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setClipRect(m_plotArea);
    if (m_part == Part::Shading) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        for (const Band &band : std::as_const(m_bands)) {
            const QRectF rect(band.left, m_plotArea.top(), std::max(1.0, band.right - band.left), m_plotArea.height());
            painter->fillRect(rect, markerTint(band.kind));
            // An edge where a phase begins, so that back-to-back epochs stay apart; hundreds of
            // narrow ones read better as one even tint than as stripes.
            if (band.right - band.left >= kEdgedFromWidth) {
                QColor edge = markerColor(band.kind);
                edge.setAlpha(70);
                painter->fillRect(QRectF(band.left, m_plotArea.top(), 1, m_plotArea.height()), edge);
            }
        }
        for (const Instant &instant : std::as_const(m_instants))
            painter->fillRect(QRectF(instant.x, m_plotArea.top(), 1, m_plotArea.height()), markerColor(instant.kind));
    } else {
        painter->setFont(labelFont());
        for (const Label &label : std::as_const(m_labels)) {
            painter->fillRect(label.box, QColor(255, 255, 255, 200));
            painter->setPen(markerColor(label.kind).darker(130));
            painter->drawText(label.box.adjusted(kLabelPadding, 0, -kLabelPadding, 0), Qt::AlignLeft | Qt::AlignVCenter, label.text);
        }
    }
    painter->restore();
}

} // namespace nightwatt
