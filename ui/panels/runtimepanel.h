#pragma once

#include <QGroupBox>

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace nightwatt {

class ScenarioModel;

// How long a run takes: what the log measured (duration, coverage, gaps, samples, interval), the
// typical runtime the figures use (the measured one by default), and the longest run (informative).
class RuntimePanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit RuntimePanel(ScenarioModel *model, QWidget *parent = nullptr);

private:
    void refresh();

    ScenarioModel *m_model;
    QLabel *m_duration;
    QLabel *m_coverage;
    QLabel *m_samples;
    QDoubleSpinBox *m_runtime;
    QPushButton *m_useMeasured;
    QLabel *m_runtimeNote;
    QDoubleSpinBox *m_longest;
    QLabel *m_longestNote;
};

} // namespace nightwatt
