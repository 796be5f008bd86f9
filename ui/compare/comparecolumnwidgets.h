#pragma once

#include "report/comparison.h"

#include <QList>
#include <QObject>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QToolButton;
class QWidget;

namespace nightwatt {

class CompareModel;
class GridPicker;
class MiniPowerChart;

// The widgets of one compare column, placed in the view's grid so that every row lines up across
// columns: name and actions, a mini power chart, the editable assumptions, and each figure with
// its difference to the first column. Edits go to the model; refresh() shows what it computed.
class CompareColumnWidgets : public QObject
{
    Q_OBJECT
public:
    // Rows of the grid, shared with the view's row labels.
    enum Row { HeaderRow, SourceRow, ChartRow, PowerRow, RuntimeRow, RunsRow, WeeksRow, PueRow, GridRow, IntensityRow, BasisRow,
               FirstFigureRow };
    // The figures shown, as comparisonFigures() names them (section, key).
    static const QList<ComparisonFigure> &figures();
    static QString rowLabel(int row);

    CompareColumnWidgets(CompareModel *model, int index, QGridLayout *grid, QWidget *parent);

    void refresh();

Q_SIGNALS:
    void duplicateRequested(int index, QWidget *anchor);

private:
    void editInputs(void (*apply)(double value, ScenarioInputs &inputs), double value);

    CompareModel *m_model;
    int m_index;
    QLineEdit *m_name;
    QLabel *m_source;
    MiniPowerChart *m_chart;
    QDoubleSpinBox *m_power;
    QDoubleSpinBox *m_runtime;
    QDoubleSpinBox *m_runs;
    QDoubleSpinBox *m_weeks;
    QDoubleSpinBox *m_pue;
    GridPicker *m_grid;
    QDoubleSpinBox *m_intensity;
    QLabel *m_basis;
    QList<QLabel *> m_values;
    QList<QLabel *> m_deltas;
};

} // namespace nightwatt
