#pragma once

#include "charts/chartstate.h"

#include <QWidget>

#include <memory>
#include <vector>

class QTimer;

namespace nightwatt {

class Trace;
class PowerChartPrivate;

// Every channel of a trace as a line, fed per redraw with at most ~4 points per pixel column from
// core's decimateMinMax over the trace's min/max pyramid (one replace() per series). Components are solid lines, reported totals
// dashed, auxiliary channels dotted and hidden at first; the legend toggles each. Zoom, pan,
// reset and range selection act on the x axis. Qt Charts stays behind this class.
class PowerChart : public QWidget
{
    Q_OBJECT
public:
    explicit PowerChart(QWidget *parent = nullptr);
    ~PowerChart() override;

    // The caller keeps the trace alive while it is shown; nullptr clears the chart. The traces are
    // drawn from the event loop right after (redrawNow() draws them at once). A live trace that
    // grows stays attached: call traceGrew() after appending.
    void setTrace(const Trace *trace);
    const Trace *trace() const;
    // Coalesces redraws to at most 25 per second; a chart showing the end of the run follows it.
    void traceGrew();
    // Live follow mode: the visible span keeps ending at the newest sample as the trace grows. The
    // person zooming or panning switches to free zoom; setFollowing(true) (or reset) comes back.
    bool isFollowing() const;
    void setFollowing(bool follow);
    // Redraws done so far (live capture checks its redraw rate with it).
    qint64 redrawCount() const;

    XAxisMode xAxisMode() const;
    void setXAxisMode(XAxisMode mode);
    bool canShow(XAxisMode mode) const; // elapsed needs timing, clock needs Trace::clockAtZero
    PowerUnit powerUnit() const; // as chosen, possibly Auto
    PowerUnit shownPowerUnit() const; // what the y axis is in now
    void setPowerUnit(PowerUnit unit);
    void setSelectionMode(bool on);
    void setChannelVisible(const QString &channelId, bool visible);
    bool isChannelVisible(const QString &channelId) const;

    std::optional<SampleRange> selection() const;
    void setSelection(std::optional<SampleRange> range);
    void resetZoom();
    void zoom(double factor); // about the middle; < 1 zooms in
    // Visible part in sample-index units.
    std::pair<double, double> visibleIndices() const;
    void setVisibleIndices(double begin, double end);

    ChartViewState state() const;
    void setState(const ChartViewState &state);

    // Redraws now instead of at the next frame (exports and tests).
    void redrawNow();
    // Points handed to Qt Charts at the last redraw, over every series (never the raw count).
    qsizetype pointsDrawn() const;
    // The plot area in this widget's coordinates.
    QRect plotArea() const;

Q_SIGNALS:
    void selectionChanged();
    void viewChanged();
    void followingChanged(bool following);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRedraw();
    void applyXAxisMode(XAxisMode mode); // axis and series, no redraw
    void addMissingSeries();
    void userMovedView();

    std::unique_ptr<PowerChartPrivate> d;
    QTimer *m_redrawTimer = nullptr;
};

} // namespace nightwatt
