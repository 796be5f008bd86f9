#pragma once

#include "openrun.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTimer;

namespace nightwatt {

class ChartPanel;
class PhasesPanel;
class PowerChart;
class ScenarioModel;

// The figure page: a header naming the run, the power chart, and the scenario panels around it,
// all reading one ScenarioModel. The window shows one; exports build another with the same model
// and chart state, so a PNG looks like the screen at any size.
class Dashboard : public QWidget
{
    Q_OBJECT
public:
    explicit Dashboard(ScenarioModel *model, QWidget *parent = nullptr);

    // When the chart takes a new run. Laying out and drawing the chart for a new run is the
    // longest step of showing it: AfterPendingEvents lets the event loop handle what is already
    // queued (input, timers, the panels' new figures) first, so the window never stops for both.
    enum class ChartTiming { Now, AfterPendingEvents };
    // Shows `run` (kept alive by the dashboard). The scenario is the model's business: measuring it
    // from the run is ScenarioModel::setMeasurement, so an exported copy never changes it.
    void setRun(const std::optional<OpenRun> &run, ChartTiming chartTiming = ChartTiming::Now);
    const std::optional<OpenRun> &run() const { return m_run; }
    // A trace that grows while it is shown (live capture): the caller owns it.
    void setLiveTrace(const Trace *trace, const QString &title);
    void liveTraceGrew();
    // The line under the live title: the sampler's status, elapsed time, samples.
    void setLiveDetails(const QString &details);
    bool showsLiveTrace() const { return m_liveTrace != nullptr; }

    PowerChart *chart() const;
    ChartPanel *chartPanel() const { return m_chartPanel; }
    PhasesPanel *phasesPanel() const { return m_phasesPanel; }

private:
    void refreshHeader();
    void showRunInChart();
    void selectPhase(const PhaseFigures &phase);

    ScenarioModel *m_model;
    std::optional<OpenRun> m_run;
    QLabel *m_title;
    QLabel *m_subtitle;
    ChartPanel *m_chartPanel;
    PhasesPanel *m_phasesPanel;
    QTimer *m_chartTimer; // runs showRunInChart() once the event loop has caught up
    const Trace *m_liveTrace = nullptr;
    QString m_liveTitle;
    QString m_liveDetails;
};

} // namespace nightwatt
