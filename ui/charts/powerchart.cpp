#include "charts/powerchart.h"

#include "charts/channelstyle.h"

#include "charts/axisticks.h"
#include "charts/columnenvelope.h"
#include "charts/markersitem.h"
#include "charts/powerchartview.h"
#include "charts/powerunit.h"
#include "charts/tracelayer.h"
#include "charts/tracelinesitem.h"

#include "trace/trace.h"

#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

constexpr int kRedrawIntervalMs = 40; // at most 25 redraws a second
constexpr int kFirstRedrawDelayMs = 16; // a frame
constexpr double kMinimumVisibleSamples = 4;
constexpr qsizetype kMarkersBelowPoints = 40;
// Qt's raster engine strokes a dashed line dash by dash: through thousands of points it takes
// long. Dense lines are drawn solid in a light tint of their colour (densePen), sparse ones keep
// their dashes.
constexpr qsizetype kDashedBelowPoints = 1000;
// Up to two samples per pixel column a channel is drawn through its samples; above, as its
// per-column minimum-to-maximum strokes (what the line would cover at this width anyway).
constexpr int kRawSamplesPerColumn = 1;
// A growing trace that is followed keeps this share of its span free at the right: one more
// sample then changes only the last columns instead of moving every column and every tick.
constexpr double kLiveHeadroom = 0.02;
constexpr double kElapsedMinutesAbove = 600; // runs longer than 10 min read better in minutes

} // namespace

class PowerChartPrivate
{
public:
    QChart *chart = nullptr;
    PowerChartView *view = nullptr;
    QAbstractAxis *xAxis = nullptr;
    QValueAxis *yAxis = nullptr;
    QGraphicsRectItem *selectionItem = nullptr;
    TraceLinesItem *lines = nullptr;
    MarkersItem *markerShading = nullptr;
    MarkersItem *markerLabels = nullptr;
    // One per trace channel, same index. They hold no points: they give the legend its entries
    // and colours, the traces themselves are drawn by `lines`.
    std::vector<QLineSeries *> series;

    const Trace *trace = nullptr;
    ChartViewState state;
    double elapsedDivisor = 1; // seconds per elapsed-axis unit
    qint64 clockShiftMs = 0;   // so QDateTimeAxis (local time) shows the log's own wall clock
    qsizetype pointsDrawn = 0;
    qint64 redraws = 0;
    bool following = true;
    bool growing = false; // traceGrew() was called since setTrace()
    bool redrawing = false;
    struct LiveAxis
    {
        XAxisMode mode;
        bool whole;
        double lo, hi;
    };
    std::optional<LiveAxis> liveAxis; // the x range a growing, followed trace is drawn on

    qsizetype size() const { return trace ? trace->size() : 0; }
    std::pair<double, double> fullRange() const
    {
        const qsizetype n = size();
        return n > 1 ? std::pair{0.0, double(n - 1)} : std::pair{-0.5, 0.5};
    }
    std::pair<double, double> visible() const { return state.visibleIndices.value_or(fullRange()); }

    double timeAt(double index) const
    {
        const qsizetype n = size();
        if (n == 0)
            return 0;
        const double clamped = std::clamp(index, 0.0, double(n - 1));
        const auto i = qsizetype(std::floor(clamped));
        if (i + 1 >= n)
            return trace->timeS(n - 1);
        const double f = clamped - double(i);
        return trace->timeS(i) + f * (trace->timeS(i + 1) - trace->timeS(i));
    }

    double xOf(double index) const
    {
        switch (state.xAxis) {
        case XAxisMode::Samples:
            break;
        case XAxisMode::Elapsed:
            return timeAt(index) / elapsedDivisor;
        case XAxisMode::Clock:
            return double(trace->clockAtZero().toMSecsSinceEpoch() + clockShiftMs) + timeAt(index) * 1000.0;
        }
        return index;
    }

    double indexOf(double x) const
    {
        const qsizetype n = size();
        if (state.xAxis == XAxisMode::Samples || n < 2)
            return x;
        const double t = state.xAxis == XAxisMode::Elapsed
                             ? x * elapsedDivisor
                             : (x - double(trace->clockAtZero().toMSecsSinceEpoch() + clockShiftMs)) / 1000.0;
        return indexAtTime(t);
    }

    // The fractional sample index at time t on the trace's axis, clamped to the samples.
    double indexAtTime(double t) const
    {
        const qsizetype n = size();
        const auto times = trace->times();
        const auto it = std::upper_bound(times.begin(), times.end(), t);
        if (it == times.begin())
            return 0;
        if (it == times.end())
            return double(n - 1);
        const auto i = qsizetype(it - times.begin()) - 1;
        const double dt = times[size_t(i + 1)] - times[size_t(i)];
        return double(i) + (dt > 0 ? (t - times[size_t(i)]) / dt : 0.0);
    }

    // A sample position (index, or seconds on the time axis) from an x-axis value; xOf's inverse
    // for the linear part.
    double positionOf(double axisX) const
    {
        switch (state.xAxis) {
        case XAxisMode::Samples:
            break;
        case XAxisMode::Elapsed:
            return axisX * elapsedDivisor;
        case XAxisMode::Clock:
            return (axisX - double(trace->clockAtZero().toMSecsSinceEpoch() + clockShiftMs)) / 1000.0;
        }
        return axisX;
    }

    // Where time t of the trace's axis lies in positions (see positionOf).
    double positionAtTime(double t) const { return state.xAxis == XAxisMode::Samples ? indexAtTime(t) : t; }

    void updateLegend();
    void updateMarkers(const PlotMapping &mapping);

    // The unit is chosen on the whole run's peak, not the part in view: zooming keeps the numbers
    // comparable.
    PowerUnit shownUnit() const
    {
        double peak = 0;
        for (int c = 0; trace && c < trace->channelCount(); ++c) {
            if (state.hiddenChannels.contains(trace->channel(c).id))
                continue;
            const auto bounds = trace->levelOfDetail(c).bounds(trace->values(c), 0, trace->size());
            if (!bounds.isEmpty())
                peak = std::max({peak, std::abs(double(bounds.max)), std::abs(double(bounds.min))});
        }
        return unitForPeak(state.unit, peak);
    }

    void setVisible(double begin, double end)
    {
        const auto [lo, hi] = fullRange();
        const double span = std::min(std::max(end - begin, kMinimumVisibleSamples), hi - lo);
        if (begin < lo)
            begin = lo;
        if (begin + span > hi)
            begin = hi - span;
        if (begin <= lo && begin + span >= hi)
            state.visibleIndices.reset();
        else
            state.visibleIndices = std::pair{begin, begin + span};
    }
};

void PowerChartPrivate::updateMarkers(const PlotMapping &mapping)
{
    QList<MarkersItem::Band> bands;
    QList<MarkersItem::Instant> instants;
    const QRectF &plot = mapping.plot;
    if (trace && size() > 0) {
        for (const Marker &marker : trace->markers()) {
            const double x0 = mapping.x(positionAtTime(marker.startS));
            if (!marker.endS && !marker.open) {
                if (x0 >= plot.left() && x0 <= plot.right())
                    instants.append({x0, marker.kind, marker.label});
                continue;
            }
            // A phase still open lasts until the newest sample: it grows with the capture.
            const double x1 = mapping.x(positionAtTime(marker.endS.value_or(trace->endS())));
            if (x1 < plot.left() || x0 > plot.right())
                continue;
            bands.append({std::max(x0, plot.left()), std::min(x1, plot.right()), marker.kind, marker.label});
        }
    }
    markerShading->setContent(plot, bands, instants);
    markerLabels->setContent(plot, std::move(bands), std::move(instants));
}

void PowerChartPrivate::updateLegend()
{
    // Hidden series also hide their legend marker; keep it, greyed, so it can be clicked back.
    // Only what changed is set: each change lays the legend out again.
    for (int c = 0; c < int(series.size()); ++c) {
        const bool shown = !state.hiddenChannels.contains(trace->channel(c).id);
        for (QLegendMarker *marker : chart->legend()->markers(series[size_t(c)])) {
            if (!marker->isVisible())
                marker->setVisible(true);
            QColor label = chart->legend()->labelColor();
            label.setAlphaF(shown ? 1.0 : 0.4);
            if (marker->labelBrush().color() != label)
                marker->setLabelBrush(label);
            QBrush brush = marker->brush();
            QColor color = series[size_t(c)]->pen().color();
            color.setAlphaF(shown ? 1.0 : 0.25);
            if (brush.color() != color) {
                brush.setColor(color);
                marker->setBrush(brush);
            }
        }
    }
}

PowerChart::PowerChart(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<PowerChartPrivate>())
    , m_redrawTimer(new QTimer(this))
{
    d->chart = new QChart;
    d->chart->setMargins(QMargins(6, 4, 10, 4));
    d->chart->legend()->setAlignment(Qt::AlignTop);
    d->chart->legend()->setShowToolTips(true);
    d->chart->setLocalizeNumbers(true); // "600,000 mW" with the locale's separators
    d->yAxis = new QValueAxis;
    d->chart->addAxis(d->yAxis, Qt::AlignLeft);
    d->view = new PowerChartView(d->chart, this);
    // Qt Charts moves and resizes its axis, grid and label items on every range change; keeping a
    // BSP index of a few hundred items up to date for that cost more than the redraw itself.
    d->view->scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    d->selectionItem = new QGraphicsRectItem(d->chart);
    d->selectionItem->setBrush(QColor(255, 200, 0, 70));
    d->selectionItem->setPen(QPen(QColor(200, 140, 0), 1));
    d->selectionItem->setZValue(10);
    d->selectionItem->hide();
    d->lines = new TraceLinesItem(d->chart);
    d->lines->setZValue(5); // over the grid, under the selection and the legend
    d->markerShading = new MarkersItem(MarkersItem::Part::Shading, d->chart);
    d->markerShading->setZValue(4); // phases tint the plot under the traces
    d->markerLabels = new MarkersItem(MarkersItem::Part::Labels, d->chart);
    d->markerLabels->setZValue(6); // their names stay readable over the traces

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);

    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(kRedrawIntervalMs);
    connect(m_redrawTimer, &QTimer::timeout, this, &PowerChart::redrawNow);
    connect(d->chart, &QChart::plotAreaChanged, this, &PowerChart::scheduleRedraw);

    connect(d->view, &PowerChartView::zoomRequested, this, [this](double centerX, double factor) {
        const auto [b, e] = d->visible();
        const double c = std::isnan(centerX) ? (b + e) / 2 : std::clamp(d->indexOf(centerX), b, e);
        d->setVisible(c - (c - b) * factor, c + (e - c) * factor);
        userMovedView();
        scheduleRedraw();
        Q_EMIT viewChanged();
    });
    connect(d->view, &PowerChartView::panRequested, this, [this](double dx) {
        const auto [b, e] = d->visible();
        const double nb = d->indexOf(d->xOf(b) + dx);
        d->setVisible(nb, nb + (e - b));
        userMovedView();
        scheduleRedraw();
        Q_EMIT viewChanged();
    });
    connect(d->view, &PowerChartView::resetRequested, this, &PowerChart::resetZoom);
    connect(d->view, &PowerChartView::spanDragged, this, [this](double x0, double x1, bool select) {
        const double i0 = d->indexOf(x0), i1 = d->indexOf(x1);
        if (!select) {
            userMovedView();
            setVisibleIndices(i0, i1);
            return;
        }
        const auto begin = qsizetype(std::ceil(i0));
        const auto end = qsizetype(std::floor(i1)) + 1;
        if (end > begin)
            setSelection(SampleRange{begin, end});
    });
}

PowerChart::~PowerChart() = default;

void PowerChart::setTrace(const Trace *trace)
{
    d->trace = trace;
    d->growing = false;
    d->liveAxis.reset();
    for (QLineSeries *s : d->series) {
        d->chart->removeSeries(s);
        delete s;
    }
    d->series.clear();
    d->state.visibleIndices.reset();
    d->state.selection.reset();
    d->selectionItem->hide();
    if (trace) {
        if (!d->state.initialised) {
            d->state.hiddenChannels.clear();
            for (int c = 0; c < trace->channelCount(); ++c) {
                if (trace->channel(c).role == ChannelRole::Auxiliary)
                    d->state.hiddenChannels.insert(trace->channel(c).id);
            }
        }
        d->elapsedDivisor = trace->endS() - trace->startS() > kElapsedMinutesAbove ? 60.0 : 1.0;
        if (trace->clockAtZero().isValid()) {
            const QDateTime clock = trace->clockAtZero();
            d->clockShiftMs = qint64(clock.offsetFromUtc() - clock.toLocalTime().offsetFromUtc()) * 1000;
        }
        if (!canShow(d->state.xAxis))
            d->state.xAxis = XAxisMode::Samples;
    }
    // The first picture of a new trace is drawn a frame later, from the event loop: the chart's
    // re-layout for the new channels and the drawing of the trace are then two steps with input
    // and timers handled between them, not one long one.
    d->lines->setContent(d->chart->plotArea(), {});
    d->markerShading->setContent(d->chart->plotArea(), {}, {});
    d->markerLabels->setContent(d->chart->plotArea(), {}, {});
    applyXAxisMode(d->state.xAxis);
    m_redrawTimer->start(kFirstRedrawDelayMs);
    Q_EMIT viewChanged();
}

void PowerChart::addMissingSeries()
{
    // A live trace may gain channels after it was attached: each gets its line on the next redraw.
    if (!d->trace || int(d->series.size()) >= d->trace->channelCount())
        return;
    const std::vector<QColor> colors = channelColors(*d->trace);
    for (int c = int(d->series.size()); c < d->trace->channelCount(); ++c) {
        const ChannelInfo &info = d->trace->channel(c);
        auto *series = new QLineSeries;
        series->setName(info.label);
        series->setPen(channelPen(info, colors[size_t(c)]));
        d->chart->addSeries(series);
        series->attachAxis(d->yAxis);
        if (d->xAxis)
            series->attachAxis(d->xAxis);
        d->series.push_back(series);
        for (QLegendMarker *marker : d->chart->legend()->markers(series)) {
            connect(marker, &QLegendMarker::clicked, this, [this, id = info.id] { setChannelVisible(id, !isChannelVisible(id)); });
        }
    }
}

const Trace *PowerChart::trace() const
{
    return d->trace;
}

void PowerChart::traceGrew()
{
    d->growing = true;
    // Following a zoomed-in view: the same span, moved so it ends at the newest sample.
    if (d->following && d->state.visibleIndices) {
        const auto [b, e] = *d->state.visibleIndices;
        const double end = d->fullRange().second;
        d->setVisible(end - (e - b), end);
    }
    scheduleRedraw();
}

bool PowerChart::isFollowing() const
{
    return d->following;
}

void PowerChart::setFollowing(bool follow)
{
    if (follow == d->following)
        return;
    d->following = follow;
    if (follow)
        traceGrew();
    Q_EMIT followingChanged(follow);
}

void PowerChart::userMovedView()
{
    setFollowing(false);
}

qint64 PowerChart::redrawCount() const
{
    return d->redraws;
}

XAxisMode PowerChart::xAxisMode() const
{
    return d->state.xAxis;
}

bool PowerChart::canShow(XAxisMode mode) const
{
    switch (mode) {
    case XAxisMode::Samples:
        return true;
    case XAxisMode::Elapsed:
        return d->trace && d->trace->timing() != TimingKind::None;
    case XAxisMode::Clock:
        return d->trace && d->trace->timing() != TimingKind::None && d->trace->clockAtZero().isValid();
    }
    return false;
}

void PowerChart::setXAxisMode(XAxisMode mode)
{
    applyXAxisMode(mode);
    redrawNow();
    Q_EMIT viewChanged();
}

void PowerChart::applyXAxisMode(XAxisMode mode)
{
    if (!canShow(mode))
        mode = XAxisMode::Samples;
    d->state.xAxis = mode;
    const QString title = mode == XAxisMode::Clock     ? tr("Clock time (as logged)")
                          : mode == XAxisMode::Samples ? tr("Measurement point")
                          : d->elapsedDivisor > 1      ? tr("Elapsed time (min)")
                                                       : tr("Elapsed time (s)");
    // An axis of the right kind is kept: Qt Charts rebuilds every item of a new one.
    const bool wantDates = mode == XAxisMode::Clock;
    if (d->xAxis && (qobject_cast<QDateTimeAxis *>(d->xAxis) != nullptr) != wantDates) {
        d->chart->removeAxis(d->xAxis);
        delete d->xAxis;
        d->xAxis = nullptr;
    }
    if (!d->xAxis) {
        if (wantDates) {
            d->xAxis = new QDateTimeAxis;
        } else {
            auto *axis = new QValueAxis;
            axis->setTickType(QValueAxis::TicksDynamic);
            d->xAxis = axis;
        }
        d->chart->addAxis(d->xAxis, Qt::AlignBottom);
        for (QLineSeries *s : d->series)
            s->attachAxis(d->xAxis);
    }
    if (d->xAxis->titleText() != title)
        d->xAxis->setTitleText(title);
    addMissingSeries();
}

PowerUnit PowerChart::powerUnit() const
{
    return d->state.unit;
}

PowerUnit PowerChart::shownPowerUnit() const
{
    return d->shownUnit();
}

void PowerChart::setPowerUnit(PowerUnit unit)
{
    d->state.unit = unit;
    redrawNow();
    Q_EMIT viewChanged();
}

void PowerChart::setSelectionMode(bool on)
{
    d->view->setSelectionMode(on);
    d->view->setCursor(on ? Qt::IBeamCursor : Qt::CrossCursor);
}

void PowerChart::setChannelVisible(const QString &channelId, bool visible)
{
    if (visible)
        d->state.hiddenChannels.remove(channelId);
    else
        d->state.hiddenChannels.insert(channelId);
    redrawNow();
    Q_EMIT viewChanged();
}

bool PowerChart::isChannelVisible(const QString &channelId) const
{
    return !d->state.hiddenChannels.contains(channelId);
}

std::optional<SampleRange> PowerChart::selection() const
{
    return d->state.selection;
}

void PowerChart::setSelection(std::optional<SampleRange> range)
{
    if (range && d->trace) {
        range->begin = std::clamp<qsizetype>(range->begin, 0, d->size());
        range->end = std::clamp<qsizetype>(range->end < 0 ? d->size() : range->end, range->begin, d->size());
        if (range->end == range->begin)
            range.reset();
    }
    d->state.selection = range;
    redrawNow();
    Q_EMIT selectionChanged();
}

void PowerChart::resetZoom()
{
    d->state.visibleIndices.reset();
    setFollowing(true); // the whole run, which includes every new sample
    redrawNow();
    Q_EMIT viewChanged();
}

void PowerChart::zoom(double factor)
{
    const auto [b, e] = d->visible();
    const double c = (b + e) / 2;
    setVisibleIndices(c - (c - b) * factor, c + (e - c) * factor);
}

std::pair<double, double> PowerChart::visibleIndices() const
{
    return d->visible();
}

void PowerChart::setVisibleIndices(double begin, double end)
{
    d->setVisible(begin, end);
    redrawNow();
    Q_EMIT viewChanged();
}

ChartViewState PowerChart::state() const
{
    ChartViewState state = d->state;
    state.initialised = true;
    return state;
}

void PowerChart::setState(const ChartViewState &state)
{
    // An uninitialised state keeps the defaults setTrace() chose (auxiliary channels hidden).
    if (state.initialised) {
        d->state.hiddenChannels = state.hiddenChannels;
        d->state.initialised = true;
    }
    d->state.unit = state.unit;
    d->state.visibleIndices = state.visibleIndices;
    d->state.selection = state.selection;
    setXAxisMode(state.xAxis);
    Q_EMIT selectionChanged();
}

qsizetype PowerChart::pointsDrawn() const
{
    return d->pointsDrawn;
}

QRect PowerChart::plotArea() const
{
    const QRectF plot = d->chart->plotArea();
    return d->view->mapFromScene(d->chart->mapToScene(plot)).boundingRect().translated(d->view->pos());
}

void PowerChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleRedraw();
}

void PowerChart::scheduleRedraw()
{
    if (d->redrawing) // the plot area moved under a redraw, which follows it
        return;
    if (!m_redrawTimer->isActive())
        m_redrawTimer->start();
}

void PowerChart::redrawNow()
{
    m_redrawTimer->stop();
    m_redrawTimer->setInterval(kRedrawIntervalMs); // setTrace() asks for its first one sooner
    ++d->redraws;
    addMissingSeries();
    const PowerUnit unit = d->shownUnit();
    const double factor = 1.0 / wattsPer(unit);
    const QString yTitle = tr("Power (%1)").arg(unitSymbol(unit));
    if (d->yAxis->titleText() != yTitle)
        d->yAxis->setTitleText(yTitle);
    const qsizetype n = d->size();
    const auto [b, e] = d->visible();
    // New axis labels can be wider or narrower and so change the plot area: lay the chart out
    // now and, if they did, fit the traces to the new area before anything is painted.
    QRectF plot;
    std::vector<ChannelEnvelope> envelopes;
    double left = 0, right = 1;
    d->redrawing = true;
    for (int pass = 0; pass < 3; ++pass) {
        plot = d->chart->plotArea();
        const int plotWidth = std::max(1, int(plot.width()));
        const int plotHeight = std::max(1, int(plot.height()));
        d->pointsDrawn = 0;

        // The x axis first: the traces are laid out on exactly the range it shows.
        double x0 = n > 0 ? d->xOf(b) : 0;
        double x1 = n > 0 ? d->xOf(e) : 1;
        if (d->growing && d->following && x1 > x0) {
            // Whole run: the start stays, the end keeps some room. Zoomed: the span stays and
            // moves on by that room when the newest sample reaches the right edge.
            const auto &live = d->liveAxis;
            const double span = x1 - x0;
            const bool whole = !d->state.visibleIndices;
            const bool keeps = live && live->mode == d->state.xAxis && live->whole == whole && x1 <= live->hi
                               && live->hi - x1 <= 2 * kLiveHeadroom * span
                               && (whole ? live->lo == x0 : std::abs((live->hi - live->lo) - span) <= 1e-9 * span);
            if (!keeps)
                d->liveAxis = PowerChartPrivate::LiveAxis{d->state.xAxis, whole, whole ? x0 : x1 + kLiveHeadroom * span - span,
                                                          x1 + kLiveHeadroom * span};
            x0 = d->liveAxis->lo;
            x1 = d->liveAxis->hi;
        } else {
            d->liveAxis.reset();
        }
        double axisLo = x0, axisHi = x1 > x0 ? x1 : x0 + 1;
        if (auto *dateAxis = qobject_cast<QDateTimeAxis *>(d->xAxis)) {
            const double spanS = (x1 - x0) / 1000.0;
            const QString format = spanS > 86400 ? QStringLiteral("MMM d HH:mm") : spanS > 600 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
            if (dateAxis->format() != format)
                dateAxis->setFormat(format);
            const int tickCount = std::clamp(plotWidth / 110, 2, 12);
            if (dateAxis->tickCount() != tickCount)
                dateAxis->setTickCount(tickCount);
            axisLo = double(qint64(x0));
            axisHi = double(qint64(std::max(x1, x0 + 1000)));
            dateAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(axisLo)), QDateTime::fromMSecsSinceEpoch(qint64(axisHi)));
        } else if (auto *valueAxis = qobject_cast<QValueAxis *>(d->xAxis)) {
            AxisTicks ticks = niceTicks(x0, x1, std::max(2, plotWidth / 90));
            if (d->state.xAxis == XAxisMode::Samples && ticks.interval < 1) // there is no point 0.5
                ticks = {std::ceil(x0), 1.0, QStringLiteral("%.0f")};
            applyTicks(valueAxis, axisLo, axisHi, ticks);
        }

        envelopes.assign(d->series.size(), ChannelEnvelope());
        double yMax = 0, yMin = 0;
        left = d->positionOf(axisLo);
        right = d->positionOf(axisHi);
        if (n > 0) {
            const std::span<const double> xs = d->state.xAxis == XAxisMode::Samples ? std::span<const double>() : d->trace->times();
            EnvelopeRequest request;
            request.first = std::max<qsizetype>(0, qsizetype(std::floor(b)) - 1);
            request.last = std::min<qsizetype>(n, qsizetype(std::ceil(e)) + 2);
            request.left = left;
            request.right = right;
            request.columns = plotWidth;
            request.rawUpTo = qsizetype(kRawSamplesPerColumn) * plotWidth;
            for (int c = 0; c < d->trace->channelCount() && size_t(c) < d->series.size(); ++c) {
                const bool shown = isChannelVisible(d->trace->channel(c).id);
                QLineSeries *series = d->series[size_t(c)];
                if (series->isVisible() != shown)
                    series->setVisible(shown);
                if (!shown)
                    continue;
                ChannelEnvelope &envelope = envelopes[size_t(c)];
                envelope = columnEnvelope(d->trace->values(c), xs, d->trace->levelOfDetail(c), request);
                for (const EnvelopeColumn &column : envelope.columns) {
                    if (!column.isEmpty()) {
                        yMax = std::max(yMax, double(column.max) * factor);
                        yMin = std::min(yMin, double(column.min) * factor);
                    }
                }
                for (const QPointF &p : envelope.points) {
                    yMax = std::max(yMax, p.y() * factor);
                    yMin = std::min(yMin, p.y() * factor);
                }
                d->pointsDrawn += envelope.pointCount();
            }
            d->updateLegend();
        }

        const double top = yMax > yMin ? yMax * 1.08 : 1.0 * factor;
        const AxisTicks yTicks = niceTicks(yMin, top, std::clamp(plotHeight / 45, 2, 10));
        d->yAxis->setTickType(QValueAxis::TicksDynamic);
        applyTicks(d->yAxis, yMin, std::ceil(top / yTicks.interval) * yTicks.interval, yTicks);

        if (QGraphicsLayout *layout = d->chart->layout())
            layout->activate();
        if (d->chart->plotArea() == plot)
            break;
    }
    d->redrawing = false;
    if (d->chart->plotArea() != plot) // still moving after three layouts: try again next frame
        scheduleRedraw();

    // Scene pixels of the plot area from here on.
    PlotMapping mapping;
    mapping.plot = plot;
    mapping.left = left;
    mapping.right = right;
    mapping.yLo = d->yAxis->min() / factor;
    mapping.yHi = d->yAxis->max() / factor;
    std::vector<TraceLinesItem::Layer> layers;
    for (size_t c = 0; c < envelopes.size(); ++c) {
        const ChannelEnvelope &envelope = envelopes[c];
        if (envelope.columns.empty() && envelope.points.empty())
            continue;
        QPen pen = d->series[c]->pen(); // as the legend shows it
        if (envelope.dense || qsizetype(envelope.points.size()) >= kDashedBelowPoints)
            pen = densePen(pen);
        layers.push_back(layerFor(envelope, mapping, pen, kMarkersBelowPoints));
    }
    d->lines->setContent(plot, std::move(layers));
    d->updateMarkers(mapping);

    if (d->state.selection && n > 0) {
        const auto [sb, se] = std::pair{double(d->state.selection->begin), double(d->state.selection->end - 1)};
        double selLeft = d->chart->mapToPosition(QPointF(d->xOf(sb), 0), nullptr).x();
        double selRight = d->chart->mapToPosition(QPointF(d->xOf(se), 0), nullptr).x();
        selLeft = std::clamp(selLeft, plot.left(), plot.right());
        selRight = std::clamp(std::max(selRight, selLeft + 2), plot.left(), plot.right());
        const QRectF rect(selLeft, plot.top(), selRight - selLeft, plot.height());
        if (d->selectionItem->rect() != rect)
            d->selectionItem->setRect(rect);
        d->selectionItem->setVisible(selRight > selLeft);
    } else {
        d->selectionItem->hide();
    }
}

} // namespace nightwatt
