#pragma once

#include <QGroupBox>

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace nightwatt {

class ScenarioModel;

// The scenario's mean power and how it was obtained: the energy method (windowed sums, trapezoid,
// or no timing), coverage, and each channel's mean, so a reader can check the figure.
class MeasurementPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit MeasurementPanel(ScenarioModel *model, QWidget *parent = nullptr);

private:
    void refresh();

    ScenarioModel *m_model;
    QDoubleSpinBox *m_power;
    QLabel *m_source;
    QLabel *m_channels;
    QLabel *m_method;
    QPushButton *m_useMeasured;
};

} // namespace nightwatt
