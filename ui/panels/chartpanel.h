#pragma once

#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QToolButton;

namespace nightwatt {

class PowerChart;
class ScenarioModel;
class SelectionPanel;
class Trace;

// The power chart with its controls: x axis (points, elapsed, clock), unit (Auto, mW, W or kW), select
// mode, reset; and the selected range's figures below it.
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    ChartPanel(ScenarioModel *model, QWidget *parent = nullptr);

    PowerChart *chart() const { return m_chart; }
    // `owner` keeps the trace alive for background analysis of a selected range (see SelectionPanel).
    void setTrace(const Trace *trace, std::shared_ptr<const void> owner = {});
    QAction *selectAction() const { return m_select; }
    // While a capture is shown: the Follow toggle (newest samples vs free zoom) is offered.
    void setLive(bool live);
    QAction *followAction() const { return m_follow; }

private:
    void syncControls();

    PowerChart *m_chart;
    SelectionPanel *m_selection;
    QComboBox *m_xAxis;
    QComboBox *m_unit;
    QAction *m_select;
    QAction *m_follow;
    QToolButton *m_followButton;
    QToolButton *m_reset;
};

} // namespace nightwatt
