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
#include <QTimer>
#include <QVBoxLayout>

namespace nightwatt {

Dashboard::Dashboard(ScenarioModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_chartPanel(new ChartPanel(model, this))
    , m_phasesPanel(new PhasesPanel(this))
    , m_chartTimer(new QTimer(this))
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

    auto *side = new QVBoxLayout;
    side->addWidget(new MeasurementPanel(model, this));
    side->addWidget(new RuntimePanel(model, this));
    side->addStretch(1);
    auto *sideWidget = new QWidget(this);
    sideWidget->setLayout(side);
    side->setContentsMargins(0, 0, 0, 0);
    sideWidget->setFixedWidth(380);

    // The phases sit under the chart they are drawn on, as wide as its time axis; without any
    // the panel hides and the chart takes the whole column.
    auto *chartColumn = new QVBoxLayout;
    chartColumn->addWidget(m_chartPanel, 1);
    chartColumn->addWidget(m_phasesPanel, 0);
    auto *top = new QHBoxLayout;
    top->addLayout(chartColumn, 1);
    top->addWidget(sideWidget);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(new FrequencyPanel(model, this), 1);
    bottom->addWidget(new BaselinePanel(model, this), 1);
    bottom->addWidget(new EmissionsPanel(model, this), 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addLayout(top, 1);
    layout->addLayout(bottom, 0);

    connect(model, &ScenarioModel::changed, this, &Dashboard::refreshHeader);
    connect(m_phasesPanel, &PhasesPanel::phaseChosen, this, &Dashboard::selectPhase);
    refreshHeader();
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
    const LoadedLog &log = *m_run->log;
    QStringList parts;
    if (m_run->example)
        parts << tr("an example generated for the worked example, not a measurement");
    else
        parts << log.path;
    parts << tr("format: %1").arg(log.formatId);
    parts << countOf(m_run->stats.samples, tr("sample"), tr("samples"));
    if (m_run->stats.durationS)
        parts << formatDuration(*m_run->stats.durationS);
    else
        parts << tr("duration unknown (no timing)");
    if (log.issueCount > 0)
        parts << tr("%1 while reading").arg(countOf(log.issueCount, tr("issue"), tr("issues")));
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace nightwatt
