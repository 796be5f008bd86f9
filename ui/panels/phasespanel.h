#pragma once

#include "analysis/phases.h"

#include <QGroupBox>

#include <optional>

class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace nightwatt {

class PhasesModel;

// The run's phases (its interval markers) as a sortable table with each one's share of the run's
// energy as a bar. Choosing a row asks for its range on the chart; the panel hides itself for a
// run without phases. The figures come computed with the run (RunLoader), off the GUI thread.
class PhasesPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit PhasesPanel(QWidget *parent = nullptr);

    void setPhases(const QList<PhaseFigures> &phases);
    // The phase of the current row, in the table's sort order.
    std::optional<PhaseFigures> currentPhase() const;
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void phaseChosen(const nightwatt::PhaseFigures &phase);
    void addToComparisonRequested(const nightwatt::PhaseFigures &phase);

private:
    PhasesModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QPushButton *m_addToComparison;
};

} // namespace nightwatt
