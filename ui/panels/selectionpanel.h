#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace nightwatt {

class PowerChart;
class ScenarioModel;

// The figures of the range selected on the chart, from full-resolution samples (core
// analyzeTrace over the range): duration, mean power, energy. "Use this range" makes its mean
// power the scenario's.
class SelectionPanel : public QFrame
{
    Q_OBJECT
public:
    SelectionPanel(PowerChart *chart, ScenarioModel *model, QWidget *parent = nullptr);

    void refresh();

private:
    void useRange();
    QString rangeText() const;

    PowerChart *m_chart;
    ScenarioModel *m_model;
    QLabel *m_text;
    QPushButton *m_use;
    QPushButton *m_clear;
    double m_meanW = 0;
};

} // namespace nightwatt
