#pragma once

#include <QImage>
#include <QSize>

class QPainter;

namespace nightwatt {

struct ScenarioComparison;

// Energy, CO2 and gasoline a year for each scenario, as three bar panels side by side (their units
// differ, so they cannot share an axis), drawn offscreen. Needs a QApplication.
void paintComparisonChart(QPainter &painter, const ScenarioComparison &comparison, QSize size);
QImage renderComparisonChart(const ScenarioComparison &comparison, QSize size);

} // namespace nightwatt
