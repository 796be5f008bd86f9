#pragma once

#include "library/runlibrary.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace nightwatt {

class LibraryClient;
class RunLibraryModel;

// The runs kept in the run library: search, sort by any column, rename in place (F2,
// double-click on the name), delete (Del, with a confirmation naming the run), open (Enter,
// double-click). Everything goes through the LibraryClient, so nothing here waits on the database.
class RunListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunListPanel(LibraryClient *library, QWidget *parent = nullptr);

    // Wide enough for the six columns with a readable name; the dock starts at this width.
    QSize sizeHint() const override;
    int count() const;
    RunLibraryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    // The run selected in the list; 0 for none.
    qint64 currentRunId() const;
    // Selects the run now, or as soon as a refresh lists it (a file being imported).
    void selectRun(qint64 id);
    // Marks the run on the dashboard (bold); 0 for none.
    void setShownRun(qint64 id);
    // Asked before deleting, with the run's name; the default is a message box.
    void setDeleteConfirmation(std::function<bool(const QString &name)> confirm);
    // Shown instead of the list when the library cannot be used.
    void setUnavailable(const QString &reason);

public Q_SLOTS:
    // Lists the runs again (a capture adds or finishes one, another program changed the library).
    void refresh();
    void openCurrent();
    void renameCurrent();
    void deleteCurrent();

Q_SIGNALS:
    void openRequested(qint64 runId, const QString &name);

private:
    void showRuns(const QList<RunInfo> &runs);
    void showContextMenu(const QPoint &pos);
    void updateNotice();

    LibraryClient *m_library;
    RunLibraryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QTableView *m_view;
    QLabel *m_notice;
    QString m_unavailable;
    bool m_listed = false;
    qint64 m_pendingSelection = 0;
    std::function<bool(const QString &)> m_confirmDelete;
};

} // namespace nightwatt
