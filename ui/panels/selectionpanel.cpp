#include "panels/selectionpanel.h"

#include "charts/powerchart.h"
#include "figureformat.h"
#include "io/backgroundpriority.h"
#include "scenariomodel.h"

#include "trace/trace.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace nightwatt {

namespace {
// Sample values (samples x channels) above which a range is analysed off the GUI thread: about
// 10 ms of work on a slow core.
constexpr qsizetype kAnalyseInBackgroundAbove = 2'000'000;
} // namespace

SelectionPanel::SelectionPanel(PowerChart *chart, ScenarioModel *model, QWidget *parent)
    : QFrame(parent)
    , m_chart(chart)
    , m_model(model)
    , m_text(new QLabel(this))
    , m_use(new QPushButton(tr("Use this range"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
    , m_watcher(new QFutureWatcher<TraceStats>(this))
    , m_pool(new QThreadPool(this))
{
    setObjectName(QStringLiteral("selectionPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setObjectName(QStringLiteral("selectionFigures"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setWordWrap(true);
    m_use->setObjectName(QStringLiteral("useRange"));
    m_use->setToolTip(tr("Make the mean power of the selected range the scenario's power"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 3, 8, 3);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_use);
    layout->addWidget(m_clear);
    connect(m_use, &QPushButton::clicked, this, &SelectionPanel::useRange);
    connect(m_clear, &QPushButton::clicked, this, [this] { m_chart->setSelection(std::nullopt); });
    connect(chart, &PowerChart::selectionChanged, this, &SelectionPanel::refresh);
    connect(m_watcher, &QFutureWatcher<TraceStats>::finished, this, [this] {
        // A newer selection replaced the future: finished() then belongs to that one.
        if (m_watcher->future().resultCount() > 0)
            showFigures(m_watcher->result());
    });
    refresh();
}

void SelectionPanel::setTraceOwner(std::shared_ptr<const void> owner)
{
    m_traceOwner = std::move(owner);
}

QString SelectionPanel::rangeText() const
{
    const auto range = m_chart->selection();
    if (!range)
        return {};
    return tr("points %1–%2").arg(range->begin).arg(range->end - 1);
}

void SelectionPanel::refresh()
{
    const auto range = m_chart->selection();
    const Trace *trace = m_chart->trace();
    m_watcher->setFuture(QFuture<TraceStats>()); // forget a result still being computed
    m_use->setEnabled(false);
    m_clear->setEnabled(range.has_value());
    if (!range || !trace) {
        m_text->setText(tr("Shift+drag on the chart to select a range and see its mean power and energy · drag or wheel: zoom · "
                          "right-drag: pan · Esc: whole run · click the legend to show or hide a channel"));
        return;
    }
    if (m_traceOwner && (range->end - range->begin) * std::max(1, trace->channelCount()) > kAnalyseInBackgroundAbove) {
        m_text->setText(tr("<b>Selected</b> %1 · computing…").arg(rangeText()));
        m_watcher->setFuture(QtConcurrent::run(m_pool, [owner = m_traceOwner, trace, r = *range] {
            // Millions of samples take tens of milliseconds: the window keeps its core meanwhile.
            makeCurrentThreadBackground();
            return analyzeTrace(*trace, r);
        }));
        return;
    }
    showFigures(analyzeTrace(*trace, *range));
}

void SelectionPanel::showFigures(const TraceStats &stats)
{
    m_meanW = stats.total.meanW;
    QStringList parts;
    parts << tr("<b>Selected</b> %1 (%2)").arg(rangeText(), countOf(stats.samples, tr("sample"), tr("samples")));
    parts << (stats.durationS ? tr("duration <b>%1</b>").arg(formatDuration(*stats.durationS)) : tr("duration unknown"));
    parts << tr("mean <b>%1</b>").arg(formatFigure(stats.total.meanW, 2, QStringLiteral("W")));
    if (stats.total.energyWh)
        parts << tr("energy <b>%1</b>").arg(formatFigure(*stats.total.energyWh, *stats.total.energyWh < 10 ? 3 : 2, QStringLiteral("Wh")));
    if (const auto coverage = stats.coverage(); coverage && *coverage < 0.995)
        parts << tr("coverage %1 %").arg(formatNumber(*coverage * 100.0, 1));
    m_text->setText(parts.join(QStringLiteral(" · ")));
    m_use->setEnabled(stats.total.meanW > 0);
}

void SelectionPanel::useRange()
{
    m_model->useRangePower(m_meanW, rangeText());
}

} // namespace nightwatt
