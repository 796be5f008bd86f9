#pragma once

#include "report/comparison.h"

#include <QImage>
#include <QWidget>

namespace nightwatt {

// The grouped bars of a comparison on screen (kWh, CO2 and gasoline a year per scenario), drawn by
// the same renderer as `nightwatt compare --png`, so the window, its PNG and the CLI's agree.
class ComparisonBars : public QWidget
{
    Q_OBJECT
public:
    explicit ComparisonBars(QWidget *parent = nullptr);

    void setComparison(const ScenarioComparison &comparison);
    QSize sizeHint() const override { return {900, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ScenarioComparison m_comparison;
    QImage m_cache; // drawn at the widget's size; redrawn when either changes
};

} // namespace nightwatt
