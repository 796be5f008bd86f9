#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;

namespace nightwatt {

class CaptureController;
class CompareView;
class Dashboard;
class IssuesModel;
class LibraryClient;
class MarkerLoader;
class RecentFiles;
class RunListPanel;
class RunLoader;
class RunScenarioKeeper;
class ScenarioModel;
class SettingsWriter;
class Trace;
struct CompareColumn;
struct MarkersLoaded;
struct OpenRun;
struct PhaseFigures;

// Composes the window: the dashboard in the middle, the run library and the issues in docks, the
// menus, and loading with progress in the status bar. The panels do the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    // With the run library at `libraryPath` (`--library`) instead of LibraryConnection::defaultPath().
    explicit MainWindow(const QString &libraryPath, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads each file on a worker thread and keeps it in the run library; each becomes a run in the
    // list. Marker files among them (known by their header) go onto the last log, once it is open,
    // or onto the run on screen when there is no log among them.
    void openFiles(const QStringList &paths);
    // Reads marker files onto the run on screen, on a worker thread.
    void loadMarkers(const QStringList &paths);
    void openSampleRun();
    // A trace that grows while shown (live capture); the caller owns it and calls liveTraceGrew().
    void attachLiveTrace(const Trace *trace, const QString &title);
    void liveTraceGrew();

    Dashboard *dashboard() const { return m_dashboard; }
    ScenarioModel *scenarioModel() const { return m_model; }
    IssuesModel *issuesModel() const { return m_issues; }
    RunListPanel *runList() const { return m_runs; }
    RunLoader *loader() const { return m_loader; }
    MarkerLoader *markerLoader() const { return m_markerLoader; }
    LibraryClient *library() const { return m_library; }
    RunScenarioKeeper *scenarioKeeper() const { return m_scenarioKeeper; }
    // Opens run:ID from the run library (as the list's Open does).
    void openLibraryRun(qint64 runId);
    CaptureController *capture() const { return m_capture; }
    // The Compare window (View ▸ Compare), created on first use.
    CompareView *compareView();
    // The current run, its selected range or the typed power, as a new compare column.
    void addCurrentToComparison();
    // One phase of the run as a new compare column.
    void addPhaseToComparison(const nightwatt::PhaseFigures &phase);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addToComparison(const CompareColumn &column);
    void rememberPowerUnit(); // the chart's "Power in" choice, kept across sessions
    void createDocks();
    void createStatusBar();
    void runLoaded(const OpenRun &run);
    void runFailed(const OpenRun &run);
    void closeRun();
    void createLibrary(const QString &libraryPath);
    void runImported(const QString &sourcePath, qint64 runId);
    void openDialog();
    void loadMarkersDialog();
    void markersLoaded(const MarkersLoaded &result);
    void exportDialog();
    void resetAssumptions();
    void updateTitle();
    void updateStatusFigures();
    void addCompareActions(QMenu *view);

    ScenarioModel *m_model;
    Dashboard *m_dashboard;
    IssuesModel *m_issues;
    LibraryClient *m_library;
    RunListPanel *m_runs;
    RunLoader *m_loader;
    MarkerLoader *m_markerLoader;
    // Marker files that go onto a log being opened, once it is.
    QString m_markersLog;
    QStringList m_markersForLog;
    SettingsWriter *m_settings;
    RunScenarioKeeper *m_scenarioKeeper = nullptr;
    bool m_libraryUsable = true;
    RecentFiles *m_recent = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    QLabel *m_figuresLabel = nullptr;
    QDockWidget *m_issuesDock = nullptr;
    CaptureController *m_capture = nullptr;
    CompareView *m_compare = nullptr;
};

} // namespace nightwatt
