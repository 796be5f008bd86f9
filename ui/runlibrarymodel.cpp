#include "runlibrarymodel.h"

#include "figureformat.h"
#include "formats/logformat.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QStyle>

#include <algorithm>

namespace nightwatt {

namespace {

// When the run was recorded, if its log says; else when it entered the library.
QDateTime runDate(const RunInfo &run)
{
    return run.clockAtZero.isValid() ? run.clockAtZero : run.created;
}

QString energyText(const std::optional<double> &wh)
{
    if (!wh)
        return QStringLiteral("—");
    // Short runs hold milliwatt-hours: three significant digits below 1 Wh, as `nightwatt runs`.
    return *wh >= 1.0 ? formatNumber(*wh, 2) : QLocale().toString(*wh, 'g', 3);
}

QString formatName(const QString &id)
{
    const LogFormat *format = logFormatById(id);
    return format ? format->name : id;
}

} // namespace

RunLibraryModel::RunLibraryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RunLibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunLibraryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size())
        return {};
    const RunInfo &run = m_runs[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return run.name;
        case DateColumn:
            return QLocale().toString(runDate(run).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
        case FormatColumn: // the short id, as `nightwatt runs`; the name is in the tooltip
            return run.kind == RunKind::Captured ? tr("%1, captured").arg(run.formatId) : run.formatId;
        case DurationColumn:
            return run.durationS ? formatDuration(*run.durationS) : QStringLiteral("—");
        case EnergyColumn:
            return energyText(run.energyWh);
        case StatusColumn:
            return runStatusName(run.status);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return run.name.toCaseFolded();
        case DateColumn:
            return runDate(run);
        case FormatColumn:
            return run.formatId;
        case DurationColumn:
            return run.durationS ? *run.durationS : -1.0; // unknown sorts first
        case EnergyColumn:
            return run.energyWh ? *run.energyWh : -1.0;
        case StatusColumn:
            return int(run.status);
        }
        break;
    case RunIdRole:
        return run.id;
    case Qt::ToolTipRole:
        return tr("run:%1 · %2\n%3\n%4 · %5 · imported %6")
            .arg(run.id)
            .arg(run.sourcePath.isEmpty() ? runKindName(run.kind) : run.sourcePath, formatName(run.formatId),
                 countOf(run.samples, tr("sample"), tr("samples")), countOf(run.issueCount, tr("issue"), tr("issues")),
                 QLocale().toString(run.created.toLocalTime(), QLocale::ShortFormat));
    case Qt::DecorationRole:
        // The status column may be scrolled out of a narrow dock: a run that is not complete
        // says so next to its name too.
        if (index.column() == NameColumn && run.status == RunStatus::Interrupted)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        if (index.column() == NameColumn && run.status == RunStatus::Capturing)
            return QApplication::style()->standardIcon(QStyle::SP_MediaPlay);
        break;
    case Qt::FontRole:
        if (run.id == m_shown) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && run.status == RunStatus::Interrupted)
            return QBrush(QColor(0xb0, 0x60, 0x00));
        if (index.column() == StatusColumn && run.status == RunStatus::Capturing)
            return QBrush(QColor(0x20, 0x80, 0x30));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn || index.column() == EnergyColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant RunLibraryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DateColumn:
        return tr("Date");
    case FormatColumn:
        return tr("Format");
    case DurationColumn:
        return tr("Duration");
    case EnergyColumn:
        return tr("Energy (Wh)");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

Qt::ItemFlags RunLibraryModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool RunLibraryModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.column() != NameColumn || index.row() >= m_runs.size())
        return false;
    const QString name = value.toString().trimmed();
    RunInfo &run = m_runs[index.row()];
    if (name.isEmpty() || name == run.name)
        return false;
    run.name = name;
    Q_EMIT dataChanged(index, index);
    Q_EMIT renameRequested(run.id, name);
    return true;
}

void RunLibraryModel::setRuns(QList<RunInfo> runs)
{
    std::sort(runs.begin(), runs.end(), [](const RunInfo &a, const RunInfo &b) { return a.id < b.id; });
    for (int row = int(m_runs.size()) - 1; row >= 0; --row) {
        const qint64 id = m_runs[row].id;
        if (std::none_of(runs.cbegin(), runs.cend(), [id](const RunInfo &r) { return r.id == id; })) {
            beginRemoveRows({}, row, row);
            m_runs.removeAt(row);
            endRemoveRows();
        }
    }
    // Both lists are now ordered by id and the old one is a subset of the new one: a merge.
    int row = 0;
    for (RunInfo &run : runs) {
        if (row < m_runs.size() && m_runs[row].id == run.id) {
            m_runs[row] = std::move(run);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            beginInsertRows({}, row, row);
            m_runs.insert(row, std::move(run));
            endInsertRows();
        }
        ++row;
    }
}

int RunLibraryModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs[row].id == id)
            return row;
    }
    return -1;
}

void RunLibraryModel::setShownRun(qint64 id)
{
    const int before = rowOf(m_shown);
    m_shown = id;
    const int after = rowOf(id);
    for (int row : {before, after}) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::FontRole});
    }
}

} // namespace nightwatt
