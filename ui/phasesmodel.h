#pragma once

#include "analysis/phases.h"

#include <QAbstractTableModel>
#include <QList>

namespace nightwatt {

// A run's phases as table rows: label, start, duration, mean power, energy, share of the run's
// energy. Qt::DisplayRole is the text shown; SortRole the number the column sorts by (the
// share's too, which the panel draws as a bar).
class PhasesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Label, Start, Duration, MeanPower, Energy, Share, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit PhasesModel(QObject *parent = nullptr);

    void setPhases(const QList<PhaseFigures> &phases);
    const QList<PhaseFigures> &phases() const { return m_phases; }
    const PhaseFigures &phaseAt(int row) const { return m_phases.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<PhaseFigures> m_phases;
};

} // namespace nightwatt
