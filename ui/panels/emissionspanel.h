#pragma once

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace nightwatt {

class Co2BarChart;
class GridPicker;
class ScenarioModel;

// CO2 a year for the training and for everyday use at a grid intensity (picked from the bundled
// tables, or typed in g/kWh or lb/kWh), with its basis, year and source next to the figure; the
// gallons of gasoline, car miles and smartphone charges that emit as much, each factor editable.
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
    GridPicker *m_picker;
    QDoubleSpinBox *m_grid;
    QComboBox *m_gridUnit;
    QLabel *m_gridBasis;
    QLabel *m_gridSource;
    QDoubleSpinBox *m_gasoline;
    QDoubleSpinBox *m_car;
    QDoubleSpinBox *m_phone;
    QLabel *m_trainingCo2;
    QLabel *m_everydayCo2;
    QLabel *m_gallons;
    QLabel *m_miles;
    QLabel *m_charges;
    QLabel *m_equivalentSources;
    Co2BarChart *m_bars;
};

} // namespace nightwatt
