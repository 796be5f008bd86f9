#pragma once

#include "library/runlibrary.h"

#include <QAbstractTableModel>
#include <QList>

namespace nightwatt {

// The runs of the run library as a table: name, date, format, duration, energy, status. Display
// text is formatted; SortRole holds the raw value so columns sort by number and time. Only the
// name is editable: an edit asks for a rename (renameRequested) and shows the new name at once.
class RunLibraryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DateColumn, FormatColumn, DurationColumn, EnergyColumn, StatusColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole, RunIdRole };

    explicit RunLibraryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Replaces the rows row by row (matched by id), so selection and scroll position survive a refresh.
    void setRuns(QList<RunInfo> runs);
    const RunInfo &at(int row) const { return m_runs[row]; }
    // -1 when the run is not listed.
    int rowOf(qint64 id) const;
    // The run on the dashboard, shown in bold; 0 for none.
    void setShownRun(qint64 id);
    qint64 shownRun() const { return m_shown; }

Q_SIGNALS:
    void renameRequested(qint64 id, const QString &name);

private:
    QList<RunInfo> m_runs; // by id, as the library lists them
    qint64 m_shown = 0;
};

} // namespace nightwatt
