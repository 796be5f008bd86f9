#pragma once

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace nightwatt {

class Co2BarChart;
class ScenarioModel;

// CO2 a year for the training and for everyday use at a grid intensity (typed in g/kWh or
// lb/kWh, with its source and year), and the gallons of gasoline that emit as much.
class EmissionsPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit EmissionsPanel(ScenarioModel *model, QWidget *parent = nullptr);

private:
    void refresh();
    bool poundsShown() const;
    void gridEdited(double value);

    ScenarioModel *m_model;
    QDoubleSpinBox *m_grid;
    QComboBox *m_gridUnit;
    QLabel *m_gridSource;
    QDoubleSpinBox *m_gasoline;
    QLabel *m_trainingCo2;
    QLabel *m_everydayCo2;
    QLabel *m_gallons;
    Co2BarChart *m_bars;
};

} // namespace nightwatt
