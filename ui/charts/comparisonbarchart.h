#pragma once

#include <QFontMetricsF>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QSize>
#include <QStringList>

class QPainter;

namespace nightwatt {

struct ScenarioComparison;

// Energy, CO2 and gasoline a year for each scenario, as three bar panels side by side (their units
// differ, so they cannot share an axis), drawn offscreen. Needs a QApplication.
// One legend under the three panels names the scenarios.
void paintComparisonChart(QPainter &painter, const ScenarioComparison &comparison, QSize size);
QImage renderComparisonChart(const ScenarioComparison &comparison, QSize size);

// Where each legend entry goes in a strip `width` wide starting at the top: entries side by side
// in rows, an entry too long for a row wrapped onto more lines (anywhere, file names have no
// spaces) rather than cut off. Draw the text with Qt::TextWrapAnywhere in its rectangle.
struct LegendPlacement
{
    QRectF swatch;
    QRectF text;
};
QList<LegendPlacement> layoutComparisonLegend(const QStringList &entries, const QFontMetricsF &metrics, qreal width);

} // namespace nightwatt
