#include "charts/comparisonbars.h"

#include "charts/comparisonbarchart.h"

#include <QPainter>

namespace nightwatt {

ComparisonBars::ComparisonBars(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(240);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ComparisonBars::setComparison(const ScenarioComparison &comparison)
{
    m_comparison = comparison;
    m_cache = QImage();
    update();
}

void ComparisonBars::paintEvent(QPaintEvent *)
{
    if (m_cache.isNull() || m_cache.size() != size())
        m_cache = renderComparisonChart(m_comparison, size());
    QPainter painter(this);
    painter.drawImage(rect(), m_cache);
}

} // namespace nightwatt
