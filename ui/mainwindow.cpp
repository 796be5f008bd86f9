#include "mainwindow.h"

#include "assumptionsettings.h"
#include "capturecontroller.h"
#include "charts/powerchart.h"
#include "charts/powerunit.h"
#include "compare/comparemodel.h"
#include "compare/compareview.h"
#include "compare/currentcolumn.h"
#include "dashboard.h"
#include "exportdialog.h"
#include "figureformat.h"
#include "io/inputresolver.h"
#include "io/markerfile.h"
#include "issuesmodel.h"
#include "library/libraryclient.h"
#include "markerloader.h"
#include "panels/chartpanel.h"
#include "panels/phasespanel.h"
#include "panels/runlistpanel.h"
#include "recentfiles.h"
#include "settingswriter.h"
#include "runlibrarymodel.h"
#include "runloader.h"
#include "runscenariokeeper.h"
#include "scenariomodel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QScrollArea>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>

namespace nightwatt {

namespace {
const QString kSamplePath = QStringLiteral(":/sample/sample-run.txt");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(LibraryConnection::defaultPath(), parent)
{
}

MainWindow::MainWindow(const QString &libraryPath, QWidget *parent)
    : QMainWindow(parent)
    , m_model(new ScenarioModel(this))
    , m_dashboard(new Dashboard(m_model, this))
    , m_issues(new IssuesModel(this))
    , m_library(new LibraryClient(this))
    , m_runs(new RunListPanel(m_library, this))
    , m_loader(new RunLoader(this))
    , m_markerLoader(new MarkerLoader(this))
    , m_settings(new SettingsWriter(this))
{
    {
        QSettings settings;
        assumptionsettings::load(settings, *m_model);
    }
    // A window smaller than the dashboard's least size scrolls it instead of cutting panels off.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_dashboard);
    setCentralWidget(scroll);
    setAcceptDrops(true);
    createDocks();
    createMenus();
    createStatusBar();
    rememberPowerUnit();
    m_capture = new CaptureController(this);
    connect(m_dashboard->phasesPanel(), &PhasesPanel::addToComparisonRequested, this, &MainWindow::addPhaseToComparison);

    connect(m_model, &ScenarioModel::changed, this, [this] {
        m_settings->write(assumptionsettings::values(*m_model));
        updateStatusFigures();
    });
    createLibrary(libraryPath);
    connect(m_loader, &RunLoader::loaded, this, &MainWindow::runLoaded);
    connect(m_loader, &RunLoader::failed, this, &MainWindow::runFailed);
    connect(m_markerLoader, &MarkerLoader::loaded, this, &MainWindow::markersLoaded);
    connect(m_loader, &RunLoader::started, this, [this](const QString &path, int queued) {
        m_progress->setValue(0);
        m_progress->show();
        m_cancel->show();
        statusBar()->showMessage(queued > 0 ? tr("Loading %1 (%2 more waiting)…").arg(RunLoader::titleFor(path)).arg(queued)
                                            : tr("Loading %1…").arg(RunLoader::titleFor(path)));
    });
    connect(m_loader, &RunLoader::progress, m_progress, &QProgressBar::setValue);
    connect(m_loader, &RunLoader::finished, this, [this] {
        m_progress->hide();
        m_cancel->hide();
    });
    updateStatusFigures();

    if (const QScreen *screen = QGuiApplication::primaryScreen())
        resize(screen->availableSize().boundedTo(QSize(1600, 1000)) * 0.96);
    else
        resize(1500, 950);
    const QByteArray geometry = QSettings().value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    // Now that the window has its size: the run table's six columns need more than a list did,
    // but never more than a fifth of the window, or the dashboard beside it has to stack its panels
    // (the table scrolls sideways instead).
    if (auto *runsDock = findChild<QDockWidget *>(QStringLiteral("runsDock")))
        resizeDocks({runsDock}, {std::min(m_runs->sizeHint().width(), width() / 5)}, Qt::Horizontal);
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_scenarioKeeper->flush(); // the library thread writes it before it stops
}

void MainWindow::createLibrary(const QString &libraryPath)
{
    m_loader->setLibraryPath(libraryPath);
    m_scenarioKeeper = new RunScenarioKeeper(m_model, m_library, this);
    connect(m_runs, &RunListPanel::openRequested, this, &MainWindow::openLibraryRun);
    connect(m_library, &LibraryClient::imported, this, &MainWindow::runImported);
    connect(m_library, &LibraryClient::opened, this, [this] { m_libraryUsable = true; });
    // Said once: the list shows it too, and requests after it fail for the same reason.
    connect(m_library, &LibraryClient::unavailable, this, [this](const QString &path, const QString &reason) {
        m_libraryUsable = false;
        m_issues->addError(path, 0, reason);
        statusBar()->showMessage(tr("The run library cannot be used: %1").arg(reason), 15000);
    });
    connect(m_library, &LibraryClient::failed, this, [this](const QString &message) {
        if (m_libraryUsable)
            statusBar()->showMessage(tr("Run library: %1").arg(message), 10000);
    });
    connect(m_library, &LibraryClient::importFailed, this, [this](const QString &path, const QString &error) {
        if (m_libraryUsable)
            statusBar()->showMessage(tr("Could not keep %1 in the run library: %2").arg(RunLoader::titleFor(path), error), 10000);
    });
    connect(m_library, &LibraryClient::runDeleted, this, [this](qint64 id) {
        if (m_runs->model()->shownRun() == id)
            m_runs->setShownRun(0);
    });
    m_library->open(libraryPath);
    // A capture made here is in the Runs list while it runs (capturing), and then as it ended.
    m_capture->setLibraryPath(libraryPath);
    connect(m_capture, &CaptureController::libraryRunChanged, m_runs, &RunListPanel::refresh);
}

void MainWindow::openLibraryRun(qint64 runId)
{
    if (runId > 0)
        m_loader->load({QStringLiteral("run:%1").arg(runId)});
}

void MainWindow::runImported(const QString &sourcePath, qint64 runId)
{
    // Only the run on the dashboard becomes the library's run; an earlier file of a batch that
    // was already replaced on screen just joins the list.
    const auto &shown = m_dashboard->run();
    if (!shown || shown->log->path != sourcePath || m_scenarioKeeper->currentRun() != 0)
        return;
    m_runs->setShownRun(runId);
    m_runs->selectRun(runId);
    m_scenarioKeeper->runIdentified(runId);
}

void MainWindow::createDocks()
{
    auto *runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runsDock"));
    runsDock->setWidget(m_runs);
    addDockWidget(Qt::LeftDockWidgetArea, runsDock);

    auto *issuesView = new QTableView(this);
    issuesView->setObjectName(QStringLiteral("issuesView"));
    issuesView->setModel(m_issues);
    issuesView->verticalHeader()->hide();
    issuesView->horizontalHeader()->setStretchLastSection(true);
    issuesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    issuesView->setWordWrap(false);
    issuesView->setColumnWidth(IssuesModel::FileColumn, 260);
    issuesView->setColumnWidth(IssuesModel::LineColumn, 60);
    issuesView->setMinimumHeight(90);
    m_issuesDock = new QDockWidget(tr("Issues"), this);
    m_issuesDock->setObjectName(QStringLiteral("issuesDock"));
    m_issuesDock->setWidget(issuesView);
    addDockWidget(Qt::BottomDockWidgetArea, m_issuesDock);
    m_issuesDock->hide();
    connect(m_issues, &IssuesModel::rowsInserted, this, [this] {
        if (m_issuesDock->isVisible())
            return;
        m_issuesDock->show();
        resizeDocks({m_issuesDock}, {150}, Qt::Vertical); // a strip, not half the window
    });
    resizeDocks({runsDock}, {200}, Qt::Horizontal);
}

void MainWindow::rememberPowerUnit()
{
    static const QString key = QStringLiteral("chart/powerUnit");
    PowerChart *chart = m_dashboard->chart();
    chart->setPowerUnit(unitFromSetting(QSettings().value(key).toString()));
    connect(chart, &PowerChart::viewChanged, this, [this, chart, saved = chart->powerUnit()]() mutable {
        if (chart->powerUnit() == saved)
            return;
        saved = chart->powerUnit();
        m_settings->write({{key, unitSettingValue(saved)}});
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recent = new RecentFiles(file->addMenu(tr("Open &Recent")), m_settings, this);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString &path) { openFiles({path}); });
    file->addAction(tr("Open the E&xample Run"), this, &MainWindow::openSampleRun);
    file->addAction(tr("Load &Markers…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this, &MainWindow::loadMarkersDialog);
    file->addAction(tr("&Close Run"), QKeySequence::Close, this, &MainWindow::closeRun);
    file->addSeparator();
    file->addAction(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    PowerChart *chart = m_dashboard->chart();
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, chart, [chart] { chart->zoom(0.5); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, chart, [chart] { chart->zoom(2.0); });
    view->addAction(tr("&Reset Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0), chart, &PowerChart::resetZoom);
    view->addAction(m_dashboard->chartPanel()->selectAction());
    view->addAction(tr("Clear Selection"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), chart,
                    [chart] { chart->setSelection(std::nullopt); });
    view->addSeparator();
    view->addAction(tr("Power in &Watts"), QKeySequence(Qt::CTRL | Qt::Key_1), chart, [chart] { chart->setPowerUnit(PowerUnit::Watts); });
    view->addAction(tr("Power in &Milliwatts"), QKeySequence(Qt::CTRL | Qt::Key_2), chart,
                    [chart] { chart->setPowerUnit(PowerUnit::Milliwatts); });
    view->addAction(tr("Power in &Kilowatts"), QKeySequence(Qt::CTRL | Qt::Key_3), chart,
                    [chart] { chart->setPowerUnit(PowerUnit::Kilowatts); });
    view->addAction(tr("Power Unit &Automatic"), QKeySequence(Qt::CTRL | Qt::Key_4), chart,
                    [chart] { chart->setPowerUnit(PowerUnit::Auto); });
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    addCompareActions(view);

    QMenu *scenario = menuBar()->addMenu(tr("&Scenario"));
    scenario->addAction(tr("Use the &Whole Run's Power"), m_model, &ScenarioModel::useMeasuredPower);
    scenario->addAction(tr("Use the &Measured Runtime"), m_model, &ScenarioModel::useMeasuredRuntime);
    scenario->addSeparator();
    scenario->addAction(tr("&Reset Assumptions to Defaults"), this, &MainWindow::resetAssumptions);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard and Mouse"), QKeySequence::HelpContents, this, [this] {
        QMessageBox::information(this, tr("Keyboard and mouse"),
                                 tr("<table>"
                                    "<tr><td>Ctrl+O / drop files</td><td>open logs</td></tr>"
                                    "<tr><td>Ctrl+Shift+M / drop a marker file</td><td>training phases onto the run</td></tr>"
                                    "<tr><td>Ctrl+E</td><td>export PNG, SVG or PDF</td></tr>"
                                    "<tr><td>Wheel, drag</td><td>zoom the chart</td></tr>"
                                    "<tr><td>Right or middle drag, ←/→</td><td>pan</td></tr>"
                                    "<tr><td>Shift+drag, or S then drag</td><td>select a range</td></tr>"
                                    "<tr><td>Esc / Home on the chart, Ctrl+0</td><td>show the whole run</td></tr>"
                                    "<tr><td>Ctrl+1 / Ctrl+2</td><td>power in W / mW</td></tr>"
                                    "<tr><td>Click a legend entry</td><td>show or hide that channel</td></tr>"
                                    "</table>"));
    });
    help->addAction(tr("&About Nightwatt"), this, [this] {
        QMessageBox::about(this, tr("About Nightwatt"),
                           tr("<b>Nightwatt %1</b><p>What a training run costs in watts, watt-hours, CO₂ and gallons of gasoline.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createStatusBar()
{
    m_figuresLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, m_loader, &RunLoader::cancel);
    statusBar()->addPermanentWidget(m_figuresLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::openFiles(const QStringList &paths)
{
    QStringList logs, markerFiles;
    for (const QString &path : paths)
        (isMarkerFile(path) ? markerFiles : logs).append(path);
    if (!logs.isEmpty())
        m_loader->load(logs);
    if (markerFiles.isEmpty())
        return;
    if (logs.isEmpty()) {
        loadMarkers(markerFiles);
        return;
    }
    // The last log is the one left on screen: the markers belong to it.
    m_markersLog = logs.last();
    m_markersForLog = markerFiles;
}

void MainWindow::loadMarkers(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    // A capture on screen reads them as the training script writes them.
    if (!m_dashboard->run() && m_dashboard->showsLiveTrace()) {
        QStringList unread;
        for (const QString &path : paths) {
            if (!m_capture->followMarkers(path))
                unread << path;
        }
        if (unread.isEmpty())
            return;
        for (const QString &path : unread) {
            m_issues->removeFile(path);
            m_issues->addError(path, 0, tr("the capture on screen has ended: open its run from the Runs list, then load the markers onto it"));
        }
        return;
    }
    if (!m_dashboard->run()) {
        for (const QString &path : paths) {
            m_issues->removeFile(path);
            m_issues->addError(path, 0, tr("a marker file holds the phases of a run, not its power: open the run's log first, "
                                           "then load the markers onto it (File ▸ Load Markers…, or drop both together)"));
        }
        statusBar()->showMessage(tr("Open a log first: %1 holds training phases, which go onto an open run").arg(QFileInfo(paths.first()).fileName()),
                                 10000);
        return;
    }
    statusBar()->showMessage(tr("Reading markers from %1…").arg(QFileInfo(paths.first()).fileName()));
    m_markerLoader->load(*m_dashboard->run(), paths);
}

void MainWindow::markersLoaded(const MarkersLoaded &result)
{
    QStringList names;
    QString firstFileWide;
    qint64 issueCount = 0;
    for (const MarkerFileLoad &file : result.files) {
        names << QFileInfo(file.path).fileName();
        m_issues->removeFile(file.path);
        if (file.read.failure)
            m_issues->addError(file.path, file.read.failure->line, file.read.failure->message);
        if (file.read.issueCount > 0)
            m_issues->addIssues(file.path, file.read.issues, file.read.issueCount);
        issueCount += file.read.issueCount + (file.read.failure ? 1 : 0);
        for (const ParseIssue &issue : file.read.issues) {
            // A whole-file issue (markers on another clock) is the one that explains an empty phase.
            if (issue.line == 0 && firstFileWide.isEmpty())
                firstFileWide = issue.message;
        }
    }
    const auto &shown = m_dashboard->run();
    if (!shown || shown->log != result.base) {
        statusBar()->showMessage(tr("The markers of %1 were read for a run that is no longer shown").arg(names.join(QStringLiteral(", "))), 10000);
        return;
    }
    if (result.markersAdded() > 0)
        m_dashboard->setRunKeepingView(result.run);
    QString message = result.markersAdded() > 0
                          ? tr("%1 from %2").arg(countOf(result.markersAdded(), tr("marker"), tr("markers")), names.join(QStringLiteral(", ")))
                          : tr("No new markers in %1").arg(names.join(QStringLiteral(", ")));
    if (!firstFileWide.isEmpty())
        message += tr(": %1").arg(firstFileWide);
    else if (issueCount > 0)
        message += tr(" (%1, see Issues)").arg(countOf(issueCount, tr("issue"), tr("issues")));
    statusBar()->showMessage(message, 15000);
}

void MainWindow::openSampleRun()
{
    openFiles({kSamplePath});
}

void MainWindow::attachLiveTrace(const Trace *trace, const QString &title)
{
    m_dashboard->setLiveTrace(trace, title);
    setWindowTitle(tr("%1 — Nightwatt").arg(title));
}

void MainWindow::liveTraceGrew()
{
    m_dashboard->liveTraceGrew();
}

void MainWindow::runLoaded(const OpenRun &loaded)
{
    OpenRun run = loaded;
    const std::optional<qint64> libraryId = InputResolver::runReference(run.log->path);
    if (const int row = libraryId ? m_runs->model()->rowOf(*libraryId) : -1; row >= 0)
        run.title = m_runs->model()->at(row).name;
    m_issues->removeFile(run.log->path);
    if (run.log->issueCount > 0)
        m_issues->addIssues(run.log->path, run.log->issues, run.log->issueCount);
    if (!libraryId)
        m_recent->add(run.log->path);
    m_scenarioKeeper->leaveRun(); // the measured figures of the new run are not an edit of the old
    m_dashboard->setRun(run, Dashboard::ChartTiming::AfterPendingEvents);
    m_model->setMeasurement(run.stats, run.title);
    m_runs->setShownRun(libraryId.value_or(0));
    if (libraryId) {
        m_runs->selectRun(*libraryId);
        m_scenarioKeeper->runIdentified(*libraryId);
    } else if (m_libraryUsable) {
        m_library->importLog(run.log, run.example ? run.title : QString());
    }
    updateTitle();
    statusBar()->showMessage(run.log->issueCount > 0 ? tr("Opened %1 (%2, see Issues)").arg(run.title, countOf(run.log->issueCount, tr("issue"), tr("issues")))
                                                     : tr("Opened %1").arg(run.title),
                             8000);
    if (run.log->path == m_markersLog) {
        m_markersLog.clear();
        loadMarkers(std::exchange(m_markersForLog, {}));
    }
}

void MainWindow::runFailed(const OpenRun &run)
{
    const LoadedLog &log = *run.log;
    if (log.path == m_markersLog) {
        m_markersLog.clear();
        m_markersForLog.clear();
    }
    if (log.cancelled) {
        statusBar()->showMessage(tr("Loading %1 was cancelled").arg(run.title), 8000);
        return;
    }
    m_issues->removeFile(log.path);
    m_issues->addError(log.path, log.errorLine, log.error);
    if (log.issueCount > 0)
        m_issues->addIssues(log.path, log.issues, log.issueCount);
    statusBar()->showMessage(tr("Could not open %1: %2").arg(run.title, log.error), 10000);
}

void MainWindow::closeRun()
{
    m_scenarioKeeper->leaveRun();
    m_dashboard->setRun(std::nullopt);
    m_model->clearMeasurement();
    m_runs->setShownRun(0);
    updateTitle();
}

void MainWindow::updateStatusFigures()
{
    const ScenarioResult &r = m_model->result();
    m_figuresLabel->setText(m_model->runtimeMissing()
                                ? tr("Type the runtime of a run: this log has no timing")
                                : tr("%1 per run · %2 a year · %3 CO₂ a year")
                                      .arg(formatFigure(r.whPerRun, 2, QStringLiteral("Wh")),
                                           formatFigure(r.kwhPerYear, 2, QStringLiteral("kWh")),
                                           formatFigure(r.co2LbPerYear, 2, QStringLiteral("lb"))));
}

void MainWindow::updateTitle()
{
    const OpenRun *run = m_dashboard->run() ? &*m_dashboard->run() : nullptr;
    setWindowTitle(run ? tr("%1 — Nightwatt").arg(run->title) : tr("Nightwatt"));
}

void MainWindow::openDialog()
{
    const QString dir = QSettings().value(QStringLiteral("lastOpenDir"), QStandardPaths::writableLocation(QStandardPaths::HomeLocation)).toString();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open power logs"), dir,
                                                            tr("Power logs (*.txt *.log *.csv *.tsv *.jsonl *.plist);;All files (*)"));
    if (paths.isEmpty())
        return;
    m_settings->write({{QStringLiteral("lastOpenDir"), QFileInfo(paths.first()).absolutePath()}});
    openFiles(paths);
}

void MainWindow::loadMarkersDialog()
{
    const QString dir = QSettings().value(QStringLiteral("lastMarkerDir"), QSettings().value(QStringLiteral("lastOpenDir"))).toString();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Load training phases onto the run"), dir,
                                                            tr("Marker files (*.csv *.txt);;All files (*)"));
    if (paths.isEmpty())
        return;
    m_settings->write({{QStringLiteral("lastMarkerDir"), QFileInfo(paths.first()).absolutePath()}});
    loadMarkers(paths);
}

void MainWindow::exportDialog()
{
    const OpenRun *run = m_dashboard->run() ? &*m_dashboard->run() : nullptr;
    const QString base = run && !run->example ? QFileInfo(run->log->path).completeBaseName() : QStringLiteral("nightwatt");
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    ExportDialog dialog(QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(base + QStringLiteral(".png")), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportRequest request = dialog.request();
    const QString error = writeExport(dialog.path(), dialog.format(), request, m_dashboard->run(), *m_model, m_dashboard->chart()->state());
    if (!error.isEmpty()) {
        m_issues->addError(dialog.path(), 0, error);
        statusBar()->showMessage(tr("Could not write %1").arg(dialog.path()), 10000);
        return;
    }
    statusBar()->showMessage(tr("Exported %1 (%2 × %3 px)").arg(dialog.path()).arg(request.size.width()).arg(request.size.height()), 8000);
}

void MainWindow::addCompareActions(QMenu *view)
{
    view->addSeparator();
    view->addAction(tr("&Compare…"), QKeySequence(Qt::CTRL | Qt::Key_K), this, [this] {
        compareView()->show();
        compareView()->raise();
        compareView()->activateWindow();
    });
    view->addAction(tr("&Add Current to Comparison"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), this,
                    &MainWindow::addCurrentToComparison);
}

CompareView *MainWindow::compareView()
{
    if (!m_compare) {
        m_compare = new CompareView(this);
        m_compare->setWindowFlag(Qt::Window);
        connect(m_compare, &CompareView::addCurrentRequested, this, &MainWindow::addCurrentToComparison);
    }
    return m_compare;
}

void MainWindow::addCurrentToComparison()
{
    addToComparison(columnFromCurrent(*m_model, m_dashboard->run() ? &*m_dashboard->run() : nullptr, m_dashboard->chart()->selection()));
}

void MainWindow::addPhaseToComparison(const PhaseFigures &phase)
{
    if (m_dashboard->run())
        addToComparison(columnFromPhase(*m_model, *m_dashboard->run(), phase));
}

void MainWindow::addToComparison(const CompareColumn &column)
{
    CompareView *compare = compareView();
    compare->model()->add(column);
    compare->show();
    compare->raise();
    statusBar()->showMessage(tr("Added to the comparison (%1 columns)").arg(compare->model()->count()), 5000);
}

void MainWindow::resetAssumptions()
{
    m_model->resetAssumptions();
    statusBar()->showMessage(tr("Assumptions reset to the documented defaults"), 5000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openFiles(paths);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_loader->cancel();
    m_scenarioKeeper->flush();
    m_capture->shutdown();
    m_settings->write({{QStringLiteral("window/geometry"), saveGeometry()}});
    QMainWindow::closeEvent(event);
}

} // namespace nightwatt
