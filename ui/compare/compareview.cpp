#include "compare/compareview.h"

#include "compare/comparecontent.h"
#include "compare/comparemodel.h"
#include "compare/savedscenariosdialog.h"
#include "figureformat.h"
#include "panels/gridpicker.h"
#include "dashboardexport.h"
#include "exportfile.h"
#include "scenario/gridregions.h"

#include <QAction>
#include <QCoreApplication>
#include <QCursor>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace nightwatt {

CompareView::CompareView(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new CompareModel(this))
    , m_content(new CompareContent(m_model, CompareContent::Mode::Screen, this))
    , m_libraryPath(LibraryConnection::defaultPath())
{
    setObjectName(QStringLiteral("compareView"));
    setWindowTitle(tr("Compare — Nightwatt"));
    setCentralWidget(m_content);
    m_content->setDuplicateHandler([this](int index, QWidget *anchor) { offerDuplicate(index, anchor); });
    createMenus();
    resize(1400, 950);
}

void CompareView::createMenus()
{
    QMenu *menu = menuBar()->addMenu(tr("&Compare"));
    m_addCurrent = menu->addAction(tr("&Add Current to Comparison"), this, &CompareView::addCurrentRequested);
    m_addCurrent->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_addCurrent->setToolTip(tr("The main window's run, its selected range, or the typed power, with its assumptions"));
    menu->addSeparator();
    QAction *save = menu->addAction(tr("&Save to Library…"), QKeySequence::Save, this, &CompareView::saveDialog);
    QAction *open = menu->addAction(tr("&Open from Library…"), QKeySequence::Open, this, &CompareView::openDialog);
    menu->addSeparator();
    QAction *exportPng = menu->addAction(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &CompareView::exportDialog);
    QAction *clear = menu->addAction(tr("Remove &All Columns"), m_model, &CompareModel::clear);
    menu->addSeparator();
    menu->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    QToolBar *bar = addToolBar(tr("Compare"));
    bar->setObjectName(QStringLiteral("compareToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction *action : {m_addCurrent, save, open, exportPng, clear})
        bar->addAction(action);
}

void CompareView::offerDuplicate(int index, QWidget *anchor)
{
    QMenu menu(this);
    menu.addAction(tr("Another &grid…"), this, [this, index] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Duplicate with another grid"));
        auto *picker = new GridPicker(&dialog);
        picker->showRegion(QStringLiteral("FR"));
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(new QLabel(tr("Search the grid tables (code, name, basis, year):"), &dialog));
        layout->addWidget(picker);
        layout->addWidget(buttons);
        dialog.resize(620, dialog.sizeHint().height());
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (const GridRegion *region = GridRegions::bundled().find(picker->currentCode()))
            m_model->duplicateWithGrid(index, *region);
    });
    menu.addAction(tr("&Nights per week…"), this, [this, index] {
        bool ok = false;
        const double runs = QInputDialog::getDouble(this, tr("Duplicate with another schedule"), tr("Runs per week:"), 3, 0, 1000, 1, &ok);
        if (ok)
            m_model->duplicateWithRunsPerWeek(index, runs);
    });
    menu.addAction(tr("&Runtime per run…"), this, [this, index] {
        bool ok = false;
        // The worked example's CPU-only version took 1,100 min instead of 709 min with MPS.
        const double minutes = QInputDialog::getDouble(this, tr("Duplicate with another runtime"), tr("Minutes per run:"), 1100, 0, 1e6, 1, &ok);
        if (ok)
            m_model->duplicateWithRuntime(index, minutes);
    });
    menu.addSeparator();
    menu.addAction(tr("&Exact copy"), this, [this, index] { m_model->duplicate(index); });
    menu.exec(anchor ? anchor->mapToGlobal(QPoint(0, anchor->height())) : QCursor::pos());
}

void CompareView::saveToLibrary(const QString &title)
{
    if (m_saving || m_model->count() == 0)
        return;
    QList<scenariolibrary::ScenarioToSave> scenarios;
    for (int i = 0; i < m_model->count(); ++i) {
        const CompareColumn &c = m_model->at(i);
        scenarios.append({title.isEmpty() ? c.name : QStringLiteral("%1 · %2").arg(title, c.name), c.runId, c.inputs});
    }
    m_saving = true;
    showMessage(tr("Saving %1 to the library…").arg(countOf(scenarios.size(), tr("scenario"), tr("scenarios"))));
    auto *watcher = new QFutureWatcher<scenariolibrary::SaveResult>(this);
    connect(watcher, &QFutureWatcher<scenariolibrary::SaveResult>::finished, this, [this, watcher] {
        const scenariolibrary::SaveResult result = watcher->result();
        watcher->deleteLater();
        m_saving = false;
        showMessage(result.error.isEmpty() ? tr("Saved %1 to %2").arg(countOf(result.ids.size(), tr("scenario"), tr("scenarios")), m_libraryPath)
                                           : tr("Could not save: %1").arg(result.error));
        Q_EMIT saved(result.error);
    });
    watcher->setFuture(scenariolibrary::save(m_libraryPath, scenarios));
}

void CompareView::openScenarios(const QList<scenariolibrary::Listed> &scenarios)
{
    for (const auto &listed : scenarios) {
        CompareColumn column;
        column.name = listed.scenario.name;
        column.inputs = listed.scenario.inputs;
        column.runId = listed.scenario.runId;
        column.powerSource = listed.runName.isEmpty() ? tr("saved scenario, typed power")
                                                      : tr("saved scenario of “%1”").arg(listed.runName);
        m_model->add(column);
    }
}

void CompareView::saveDialog()
{
    if (m_model->count() == 0) {
        showMessage(tr("Nothing to save: add a scenario first"));
        return;
    }
    bool ok = false;
    const QString title = QInputDialog::getText(this, tr("Save comparison"), tr("Name (each scenario is saved as “name · column”):"),
                                                QLineEdit::Normal, tr("Comparison"), &ok);
    if (ok)
        saveToLibrary(title.trimmed());
}

void CompareView::openDialog()
{
    auto *dialog = new SavedScenariosDialog(m_libraryPath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SavedScenariosDialog::chosen, this, &CompareView::openScenarios);
    dialog->open();
}

void CompareView::paint(QPainter &painter, CompareModel *model, QSize size)
{
    CompareContent content(model, CompareContent::Mode::Export);
    content.setAttribute(Qt::WA_DontShowOnScreen);
    content.resize(size);
    content.show();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents();
    content.render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    content.hide();
}

bool CompareView::exportTo(const QString &path, QSize size)
{
    const auto format = exportFormatForPath(path);
    const QString error = format ? writeExport(path, *format, size, [this](QPainter &painter, QSize at) { paint(painter, m_model, at); })
                                 : tr("the file name needs .png, .svg or .pdf");
    if (!error.isEmpty()) {
        showMessage(tr("Could not write %1: %2").arg(path, error));
        return false;
    }
    showMessage(tr("Exported %1 (%2 × %3 px)").arg(path).arg(size.width()).arg(size.height()));
    return true;
}

void CompareView::exportDialog()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the comparison"),
                                                      QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(QStringLiteral("comparison.png")),
                                                      exportFileFilter());
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString sizeText = QInputDialog::getText(this, tr("Export the comparison"), tr("Size in pixels (W×H):"), QLineEdit::Normal,
                                                   QStringLiteral("1600x1000"), &ok);
    if (!ok)
        return;
    const QSize size = parseExportSize(sizeText);
    if (!size.isValid()) {
        showMessage(tr("“%1” is not a size from 64x64 to 16384x16384").arg(sizeText));
        return;
    }
    exportTo(path, size);
}

void CompareView::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 10000);
}

} // namespace nightwatt
