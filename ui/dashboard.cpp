#include "dashboard.h"

#include "charts/powerchart.h"
#include "figureformat.h"
#include "panels/baselinepanel.h"
#include "panels/chartpanel.h"
#include "panels/emissionspanel.h"
#include "panels/frequencypanel.h"
#include "panels/measurementpanel.h"
#include "panels/phasespanel.h"
#include "panels/runtimepanel.h"
#include "scenariomodel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace nightwatt {

Dashboard::Dashboard(ScenarioModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_chartPanel(new ChartPanel(model, this))
    , m_phasesPanel(new PhasesPanel(this))
    , m_chartTimer(new QTimer(this))
    , m_sideWidget(new QWidget(this))
    , m_side(new QBoxLayout(QBoxLayout::TopToBottom))
    , m_top(new QBoxLayout(QBoxLayout::LeftToRight))
    , m_bottom(new QGridLayout)
{
    // A zero timer, not a queued call: it waits for the events already posted.
    m_chartTimer->setSingleShot(true);
    m_chartTimer->setInterval(0);
    connect(m_chartTimer, &QTimer::timeout, this, &Dashboard::showRunInChart);
    setAutoFillBackground(true);
    m_title->setObjectName(QStringLiteral("runTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setObjectName(QStringLiteral("runSubtitle"));
    m_subtitle->setStyleSheet(QStringLiteral("color: gray"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_side->addWidget(new MeasurementPanel(model, this));
    m_side->addWidget(new RuntimePanel(model, this));
    m_sideWidget->setLayout(m_side);
    m_side->setContentsMargins(0, 0, 0, 0);
    // The chart needs this much height to show its axes and lines once panels stack under it.
    m_chartPanel->setMinimumHeight(320);

    // The phases sit under the chart they are drawn on, as wide as its time axis; without any
    // the panel hides and the chart takes the whole column.
    auto *chartColumn = new QVBoxLayout;
    chartColumn->addWidget(m_chartPanel, 1);
    chartColumn->addWidget(m_phasesPanel, 0);
    m_top->addLayout(chartColumn, 1);
    m_top->addWidget(m_sideWidget);

    m_bottomPanels = {new FrequencyPanel(model, this), new BaselinePanel(model, this), new EmissionsPanel(model, this)};

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addLayout(m_top, 1);
    layout->addLayout(m_bottom, 0);
    reflow();

    connect(model, &ScenarioModel::changed, this, &Dashboard::refreshHeader);
    connect(m_phasesPanel, &PhasesPanel::phaseChosen, this, &Dashboard::selectPhase);
    refreshHeader();
}

void Dashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    reflow();
}

void Dashboard::reflow()
{
    // Wide only when the three scenario panels fit in one row and the chart keeps some width
    // beside the side panels; anything narrower stacks rather than scrolls sideways.
    int rowWidth = 0;
    for (const QWidget *panel : m_bottomPanels)
        rowWidth += panel->minimumSizeHint().width() + m_bottom->spacing();
    const QMargins margins = layout() ? layout()->contentsMargins() : QMargins();
    const bool wide = width() - margins.left() - margins.right() >= std::max(rowWidth, kSideWidth + kChartMinWidth);
    if (m_wide == wide && m_bottom->count() > 0)
        return;
    m_wide = wide;
    // Wide: the measurement and runtime panels in a column beside the chart, the three scenario
    // panels in one row. Narrow: they go under the chart, side by side, the CO2 panel on a row of
    // its own, so no panel is squeezed until its text is cut.
    m_top->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_side->setDirection(wide ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_sideWidget->setMinimumWidth(wide ? kSideWidth : 0);
    m_sideWidget->setMaximumWidth(wide ? kSideWidth : QWIDGETSIZE_MAX);
    for (QWidget *panel : m_bottomPanels)
        m_bottom->removeWidget(panel);
    m_bottom->addWidget(m_bottomPanels[0], 0, 0);
    m_bottom->addWidget(m_bottomPanels[1], 0, 1);
    m_bottom->addWidget(m_bottomPanels[2], wide ? 0 : 1, wide ? 2 : 0, 1, wide ? 1 : 2);
    for (int column = 0; column < 3; ++column)
        m_bottom->setColumnStretch(column, wide ? (column == 2 ? 2 : 1) : (column == 2 ? 0 : 1));
}

PowerChart *Dashboard::chart() const
{
    return m_chartPanel->chart();
}

void Dashboard::setRun(const std::optional<OpenRun> &run, ChartTiming chartTiming)
{
    m_run = run;
    m_liveTrace = nullptr;
    m_phasesPanel->setPhases(m_run ? m_run->phases : QList<PhaseFigures>());
    refreshHeader();
    // Until then the chart keeps showing the run before, which its panel keeps alive.
    if (chartTiming == ChartTiming::AfterPendingEvents && m_run)
        m_chartTimer->start();
    else
        showRunInChart();
}

void Dashboard::setRunKeepingView(const OpenRun &run)
{
    const ChartViewState view = chart()->state();
    setRun(run, ChartTiming::Now);
    chart()->setState(view);
}

void Dashboard::showRunInChart()
{
    m_chartTimer->stop();
    m_chartPanel->setLive(false);
    m_chartPanel->setTrace(m_run ? &m_run->trace() : nullptr, m_run ? m_run->log : nullptr);
}

void Dashboard::selectPhase(const PhaseFigures &phase)
{
    if (!m_run)
        return;
    const Trace &trace = m_run->trace();
    // The figures count from the first sample; the selection is a range of samples.
    const SampleRange range = sampleRangeBetween(trace, trace.startS() + phase.startS, trace.startS() + phase.endS);
    chart()->setSelection(range.end > range.begin ? std::optional<SampleRange>(range) : std::nullopt);
}

void Dashboard::setLiveTrace(const Trace *trace, const QString &title)
{
    m_chartTimer->stop();
    m_run.reset();
    m_liveTrace = trace;
    m_liveTitle = title;
    m_phasesPanel->setPhases({});
    m_liveDetails.clear();
    m_chartPanel->setTrace(trace);
    m_chartPanel->setLive(trace != nullptr);
    refreshHeader();
}

void Dashboard::setLiveDetails(const QString &details)
{
    m_liveDetails = details;
    if (m_liveTrace && !m_run)
        m_subtitle->setText(details);
}

void Dashboard::liveTraceGrew()
{
    chart()->traceGrew();
}

void Dashboard::refreshHeader()
{
    if (!m_run && m_liveTrace) {
        m_title->setText(m_liveTitle);
        m_subtitle->setText(m_liveDetails);
        return;
    }
    if (!m_run) {
        m_title->setText(tr("No run open"));
        m_subtitle->setText(tr("Open a power log (Ctrl+O) or drop one here. The figures below use the typed power."));
        return;
    }
    m_title->setText(m_run->title);
    m_subtitle->setText(describeRun(*m_run));
}

QString Dashboard::describeRun(const OpenRun &run)
{
    const LoadedLog &log = *run.log;
    QStringList parts;
    if (run.example)
        parts << tr("an example generated for the worked example, not a measurement");
    else
        parts << log.path;
    parts << tr("format: %1").arg(log.formatId);
    parts << countOf(run.stats.samples, tr("sample"), tr("samples"));
    if (run.stats.durationS)
        parts << formatDuration(*run.stats.durationS);
    else
        parts << tr("duration unknown (no timing)");
    if (log.issueCount > 0)
        parts << tr("%1 while reading").arg(countOf(log.issueCount, tr("issue"), tr("issues")));
    return parts.join(QStringLiteral(" · "));
}

} // namespace nightwatt
