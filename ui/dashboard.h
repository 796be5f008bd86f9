#pragma once

#include "openrun.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace nightwatt {

class ChartPanel;
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

    // Shows `run` (kept alive by the dashboard). The scenario is the model's business: measuring it
    // from the run is ScenarioModel::setMeasurement, so an exported copy never changes it.
    void setRun(const std::optional<OpenRun> &run);
    const std::optional<OpenRun> &run() const { return m_run; }
    // A trace that grows while it is shown (live capture): the caller owns it.
    void setLiveTrace(const Trace *trace, const QString &title);
    void liveTraceGrew();
    // The line under the live title: the sampler's status, elapsed time, samples.
    void setLiveDetails(const QString &details);
    bool showsLiveTrace() const { return m_liveTrace != nullptr; }

    PowerChart *chart() const;
    ChartPanel *chartPanel() const { return m_chartPanel; }

private:
    void refreshHeader();

    ScenarioModel *m_model;
    std::optional<OpenRun> m_run;
    QLabel *m_title;
    QLabel *m_subtitle;
    ChartPanel *m_chartPanel;
    const Trace *m_liveTrace = nullptr;
    QString m_liveTitle;
    QString m_liveDetails;
};

} // namespace nightwatt
