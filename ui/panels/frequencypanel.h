#pragma once

#include <QGroupBox>

class QDoubleSpinBox;
class QLabel;

namespace nightwatt {

class ScenarioModel;

// How often the run happens, and the energy that adds up to: Wh per run, kWh per week and year.
class FrequencyPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit FrequencyPanel(ScenarioModel *model, QWidget *parent = nullptr);

private:
    void refresh();

    ScenarioModel *m_model;
    QDoubleSpinBox *m_runsPerWeek;
    QDoubleSpinBox *m_weeksPerYear;
    QDoubleSpinBox *m_pue;
    QLabel *m_whPerRun;
    QLabel *m_kwhPerWeek;
    QLabel *m_kwhPerYear;
    QLabel *m_note;
};

} // namespace nightwatt
