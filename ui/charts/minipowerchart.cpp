#include "charts/minipowerchart.h"

#include "charts/axisticks.h"
#include "charts/channelstyle.h"
#include "charts/powerunit.h"
#include "trace/decimation.h"
#include "trace/trace.h"

#include <QVBoxLayout>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

// Narrow enough for a column; the decimation keeps min and max per column, so spikes survive.
constexpr int kColumns = 160;
constexpr double kMinutesAbove = 600; // seconds

} // namespace

class MiniPowerChartPrivate
{
public:
    QChart *chart = nullptr;
    QValueAxis *x = nullptr;
    QValueAxis *y = nullptr;
    qsizetype points = 0;

    void clearSeries()
    {
        for (QAbstractSeries *series : chart->series()) {
            chart->removeSeries(series);
            delete series;
        }
        points = 0;
    }
    void addSeries(const QString &name, const QList<QPointF> &data, const QColor &color)
    {
        auto *series = new QLineSeries;
        series->setName(name);
        QPen pen(color);
        pen.setWidthF(1.4);
        pen.setCosmetic(true);
        series->setPen(pen);
        series->replace(data);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        points += data.size();
    }
    void setRanges(double x0, double x1, double yMax, const QString &xTitle)
    {
        if (!(x1 > x0))
            x1 = x0 + 1;
        applyTicks(x, x0, x1, niceTicks(x0, x1, 3));
        const double top = yMax > 0 ? yMax * 1.1 : 1.0;
        const AxisTicks ticks = niceTicks(0, top, 3);
        applyTicks(y, 0, std::ceil(top / ticks.interval) * ticks.interval, ticks);
        x->setTitleText(xTitle);
    }
};

MiniPowerChart::MiniPowerChart(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<MiniPowerChartPrivate>())
{
    d->chart = new QChart;
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->chart->setMargins(QMargins(0, 0, 0, 0));
    d->chart->setBackgroundRoundness(0);
    d->chart->setLocalizeNumbers(true);
    d->chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    d->chart->legend()->setFont(small);
    d->x = new QValueAxis;
    d->y = new QValueAxis;
    for (QValueAxis *axis : {d->x, d->y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
        axis->setTickType(QValueAxis::TicksDynamic);
    }
    // Too narrow for time labels: the span is the runtime, shown in the column's inputs.
    d->x->setLabelsVisible(false);
    d->x->setTitleVisible(false);
    d->chart->addAxis(d->x, Qt::AlignBottom);
    d->chart->addAxis(d->y, Qt::AlignLeft);
    auto *view = new QChartView(d->chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(200, 140);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
}

MiniPowerChart::~MiniPowerChart() = default;

qsizetype MiniPowerChart::pointsDrawn() const
{
    return d->points;
}

void MiniPowerChart::setTrace(const Trace *trace, std::optional<SampleRange> range)
{
    d->clearSeries();
    if (!trace || trace->isEmpty()) {
        d->setRanges(0, 1, 0, QString());
        return;
    }
    const qsizetype begin = range ? std::clamp<qsizetype>(range->begin, 0, trace->size()) : 0;
    const qsizetype end = range && range->end >= 0 ? std::clamp<qsizetype>(range->end, begin, trace->size()) : trace->size();
    const bool timed = trace->timing() != TimingKind::None;
    const double span = timed && end > begin ? trace->timeS(end - 1) - trace->timeS(begin) : 0;
    const bool minutes = span > kMinutesAbove;
    const auto xOf = [&](qsizetype i) {
        if (!timed)
            return double(i);
        return minutes ? trace->timeS(i) / 60.0 : trace->timeS(i);
    };
    // Components make up the total; a log with only a reported total shows that instead.
    QList<int> shown;
    for (int c = 0; c < trace->channelCount(); ++c) {
        if (trace->channel(c).role == ChannelRole::Component)
            shown.append(c);
    }
    if (shown.isEmpty()) {
        for (int c = 0; c < trace->channelCount(); ++c) {
            if (trace->channel(c).role == ChannelRole::ReportedTotal)
                shown.append(c);
        }
    }
    double peak = 0;
    for (int c : shown) {
        const auto bounds = trace->levelOfDetail(c).bounds(trace->values(c), begin, end);
        if (!bounds.isEmpty())
            peak = std::max(peak, double(bounds.max));
    }
    const PowerUnit unit = unitForPeak(PowerUnit::Auto, peak);
    const double factor = 1.0 / wattsPer(unit);
    d->y->setTitleText(unitSymbol(unit));
    const std::vector<QColor> colors = channelColors(*trace);
    double yMax = 0;
    for (int c : shown) {
        const auto values = trace->values(c);
        const auto picked = decimateMinMax(values, begin, end, kColumns, timed ? trace->times() : std::span<const double>());
        QList<QPointF> points;
        points.reserve(qsizetype(picked.size()));
        for (qsizetype i : picked) {
            points.append(QPointF(xOf(i), double(values[size_t(i)]) * factor));
            yMax = std::max(yMax, double(values[size_t(i)]) * factor);
        }
        d->addSeries(trace->channel(c).label, points, colors[size_t(c)]);
    }
    const QString xTitle = !timed ? tr("sample") : minutes ? tr("min") : tr("s");
    d->setRanges(end > begin ? xOf(begin) : 0, end > begin ? xOf(end - 1) : 1, yMax, xTitle);
}

void MiniPowerChart::setTypedPower(double watts, double runtimeMin)
{
    d->clearSeries();
    const double minutes = runtimeMin > 0 ? runtimeMin : 1;
    const PowerUnit unit = unitForPeak(PowerUnit::Auto, watts);
    const double shown = watts / wattsPer(unit);
    d->y->setTitleText(unitSymbol(unit));
    d->addSeries(tr("typed power"), {QPointF(0, shown), QPointF(minutes, shown)}, QColor(0x55, 0x55, 0x55));
    d->setRanges(0, minutes, shown, tr("min"));
}

} // namespace nightwatt
