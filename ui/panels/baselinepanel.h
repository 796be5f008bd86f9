#pragma once

#include <QGroupBox>

class QDoubleSpinBox;
class QLabel;

namespace nightwatt {

class ScenarioModel;

// Everyday use to compare the training with: a laptop battery drained a fraction a day, and the
// ratio between the two worded the way it is meant ("3.60× everyday use").
class BaselinePanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit BaselinePanel(ScenarioModel *model, QWidget *parent = nullptr);

private:
    void refresh();

    ScenarioModel *m_model;
    QDoubleSpinBox *m_batteryWh;
    QDoubleSpinBox *m_dailyPercent;
    QDoubleSpinBox *m_daysPerYear;
    QLabel *m_dailyWh;
    QLabel *m_kwhPerYear;
    QLabel *m_ratio;
};

} // namespace nightwatt
