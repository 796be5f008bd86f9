#include "panels/runlistpanel.h"

#include "library/libraryclient.h"
#include "runlibrarymodel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QKeyEvent>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace nightwatt {

namespace {

// Enter opens and Del deletes, but only while no name is being edited: the editor's own Enter
// also reaches the view (the line edit ignores it) while its commit is still queued.
class RunTableView : public QTableView
{
public:
    using QTableView::QTableView;
    std::function<void()> onOpen;
    std::function<void()> onDelete;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        const bool plain = event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::KeypadModifier;
        if (plain && state() != EditingState) {
            if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
                onOpen();
                return;
            }
            if (event->key() == Qt::Key_Delete) {
                onDelete();
                return;
            }
        }
        QTableView::keyPressEvent(event);
    }
};

} // namespace

RunListPanel::RunListPanel(LibraryClient *library, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_model(new RunLibraryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_view(new RunTableView(this))
    , m_notice(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunLibraryModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // name, date, format, status: any column matches

    m_search->setObjectName(QStringLiteral("runSearch"));
    m_search->setPlaceholderText(tr("Search runs"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("runList"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunLibraryModel::DateColumn, Qt::DescendingOrder); // newest first
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunLibraryModel::NameColumn, QHeaderView::Interactive);
    header->resizeSection(RunLibraryModel::NameColumn, 140);
    header->setStretchLastSection(true);
    // The dashboard leaves the dock about 300 px: what tells runs apart comes first, the rest
    // is a scroll (or a wider, floating dock) away.
    header->moveSection(header->visualIndex(RunLibraryModel::EnergyColumn), 1);
    header->moveSection(header->visualIndex(RunLibraryModel::DurationColumn), 2);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setMinimumWidth(240);
    header->setMinimumSectionSize(48);
    connect(m_view, &QWidget::customContextMenuRequested, this, &RunListPanel::showContextMenu);
    // Double-click on the name renames (edit trigger); anywhere else it opens.
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != RunLibraryModel::NameColumn)
            openCurrent();
    });
    static_cast<RunTableView *>(m_view)->onOpen = [this] { openCurrent(); };
    static_cast<RunTableView *>(m_view)->onDelete = [this] { deleteCurrent(); };

    m_notice->setObjectName(QStringLiteral("runListNotice"));
    m_notice->setWordWrap(true);
    m_notice->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_notice->setContentsMargins(6, 6, 6, 6);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_notice);

    m_confirmDelete = [this](const QString &name) {
        return QMessageBox::question(this, tr("Delete run"),
                                     tr("Delete the run “%1” from the run library, with its saved assumptions?\n"
                                        "The log file it came from is not touched.")
                                         .arg(name),
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Yes;
    };

    connect(m_model, &RunLibraryModel::renameRequested, this, [this](qint64 id, const QString &name) {
        m_library->renameRun(id, name);
        m_library->listRuns(); // the library's answer, whether the rename worked or not
    });
    connect(m_library, &LibraryClient::runsListed, this, &RunListPanel::showRuns);
    connect(m_library, &LibraryClient::opened, this, [this] {
        m_unavailable.clear();
        refresh();
    });
    connect(m_library, &LibraryClient::unavailable, this, [this](const QString &, const QString &reason) { setUnavailable(reason); });
    connect(m_library, &LibraryClient::imported, this, &RunListPanel::refresh);
    connect(m_library, &LibraryClient::runDeleted, this, &RunListPanel::refresh);
    updateNotice();
}

QSize RunListPanel::sizeHint() const
{
    return {520, 400};
}

int RunListPanel::count() const
{
    return m_model->rowCount();
}

qint64 RunListPanel::currentRunId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() && m_view->selectionModel()->isRowSelected(index.row(), {}) ? index.data(RunLibraryModel::RunIdRole).toLongLong()
                                                                                       : 0;
}

void RunListPanel::selectRun(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0) {
        m_pendingSelection = id;
        return;
    }
    m_pendingSelection = 0;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, RunLibraryModel::NameColumn));
    if (!index.isValid())
        return; // hidden by the search
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void RunListPanel::setShownRun(qint64 id)
{
    m_model->setShownRun(id);
    // Its row is bold now, so wider.
    for (const int column : {RunLibraryModel::DateColumn, RunLibraryModel::EnergyColumn, RunLibraryModel::DurationColumn})
        m_view->resizeColumnToContents(column);
}

void RunListPanel::setDeleteConfirmation(std::function<bool(const QString &)> confirm)
{
    m_confirmDelete = std::move(confirm);
}

void RunListPanel::setUnavailable(const QString &reason)
{
    m_unavailable = reason;
    m_model->setRuns({});
    updateNotice();
}

void RunListPanel::refresh()
{
    m_library->listRuns();
}

void RunListPanel::showRuns(const QList<RunInfo> &runs)
{
    m_listed = true;
    m_model->setRuns(runs);
    if (m_pendingSelection != 0)
        selectRun(m_pendingSelection);
    updateNotice();
}

void RunListPanel::updateNotice()
{
    m_view->setEnabled(m_unavailable.isEmpty());
    if (!m_unavailable.isEmpty()) {
        m_notice->setText(tr("The run library cannot be used: %1\nOpened logs are shown but not kept.").arg(m_unavailable));
        m_notice->show();
    } else if (m_listed && m_model->rowCount() == 0) {
        m_notice->setText(tr("No runs yet. Open a log (Ctrl+O) or drop files on the window: each one is kept here."));
        m_notice->show();
    } else {
        m_notice->hide();
    }
}

void RunListPanel::openCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const QModelIndex name = index.siblingAtColumn(RunLibraryModel::NameColumn);
    Q_EMIT openRequested(name.data(RunLibraryModel::RunIdRole).toLongLong(), name.data().toString());
}

void RunListPanel::renameCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        m_view->edit(index.siblingAtColumn(RunLibraryModel::NameColumn));
}

void RunListPanel::deleteCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const QModelIndex name = index.siblingAtColumn(RunLibraryModel::NameColumn);
    if (!m_confirmDelete || !m_confirmDelete(name.data().toString()))
        return;
    m_library->deleteRun(name.data(RunLibraryModel::RunIdRole).toLongLong());
    m_library->listRuns(); // also after a refusal, so the list says what the library holds
}

void RunListPanel::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    const bool onRun = m_view->indexAt(pos).isValid();
    if (onRun) {
        m_view->setCurrentIndex(m_view->indexAt(pos));
        menu.addAction(tr("&Open"), this, &RunListPanel::openCurrent);
        menu.addAction(tr("&Rename"), this, &RunListPanel::renameCurrent);
        menu.addAction(tr("&Delete…"), this, &RunListPanel::deleteCurrent);
        menu.addSeparator();
    }
    menu.addAction(tr("Re&fresh"), this, &RunListPanel::refresh);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace nightwatt
