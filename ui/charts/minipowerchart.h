#pragma once

#include "analysis/tracestats.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace nightwatt {

class MiniPowerChartPrivate;
class Trace;

// A small power chart for a compare column: the component channels of a run (or of the selected
// range of it), decimated to the widget's width; for a typed power, one flat line over the runtime.
// Qt Charts stays behind this class.
class MiniPowerChart : public QWidget
{
    Q_OBJECT
public:
    explicit MiniPowerChart(QWidget *parent = nullptr);
    ~MiniPowerChart() override;

    // `trace` must outlive the chart's next setTrace/setTypedPower call (the column keeps its log).
    void setTrace(const Trace *trace, std::optional<SampleRange> range);
    void setTypedPower(double watts, double runtimeMin);
    // Points handed to Qt Charts at the last redraw, over every series.
    qsizetype pointsDrawn() const;

private:
    std::unique_ptr<MiniPowerChartPrivate> d;
};

} // namespace nightwatt
