#pragma once

#include "formats/parsesink.h"

#include <QAbstractTableModel>
#include <QList>

namespace nightwatt {

// What went wrong while reading files, one row per problem: file, line, message. Load errors
// (nothing usable in a file) and parse issues (a bad line in a good file) both land here, so
// nothing interrupts the user with a dialog.
class IssuesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FileColumn, LineColumn, MessageColumn, ColumnCount };

    explicit IssuesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `totalCount` above issues.size() adds a row saying how many more were not kept.
    void addIssues(const QString &file, const QList<ParseIssue> &issues, qint64 totalCount);
    void addError(const QString &file, qint64 line, const QString &message);
    void removeFile(const QString &file);
    void clear();

private:
    struct Row
    {
        QString file;
        qint64 line = 0;
        QString message;
        bool error = false;
    };
    void append(const QList<Row> &rows);

    QList<Row> m_rows;
};

} // namespace nightwatt
