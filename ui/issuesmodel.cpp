#include "issuesmodel.h"

#include <QBrush>
#include <QFileInfo>

namespace nightwatt {

IssuesModel::IssuesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int IssuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IssuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IssuesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case FileColumn:
            return QFileInfo(row.file).fileName();
        case LineColumn:
            return row.line > 0 ? QVariant(row.line) : QVariant();
        case MessageColumn:
            return row.error ? tr("error: %1").arg(row.message) : row.message;
        default:
            break;
        }
    } else if (role == Qt::ToolTipRole && index.column() == FileColumn) {
        return row.file;
    } else if (role == Qt::ForegroundRole && row.error) {
        return QBrush(QColor(0xb0, 0x20, 0x20));
    } else if (role == Qt::TextAlignmentRole && index.column() == LineColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant IssuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FileColumn:
        return tr("File");
    case LineColumn:
        return tr("Line");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

void IssuesModel::append(const QList<Row> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

void IssuesModel::addIssues(const QString &file, const QList<ParseIssue> &issues, qint64 totalCount)
{
    QList<Row> rows;
    rows.reserve(issues.size() + 1);
    for (const auto &issue : issues)
        rows.append({file, issue.line, issue.message, false});
    if (totalCount > issues.size())
        rows.append({file, 0, tr("%1 more issues not listed").arg(totalCount - issues.size()), false});
    append(rows);
}

void IssuesModel::addError(const QString &file, qint64 line, const QString &message)
{
    append({{file, line, message, true}});
}

void IssuesModel::removeFile(const QString &file)
{
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows[i].file != file)
            continue;
        qsizetype first = i;
        while (first > 0 && m_rows[first - 1].file == file)
            --first;
        beginRemoveRows({}, int(first), int(i));
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first;
    }
}

void IssuesModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace nightwatt
