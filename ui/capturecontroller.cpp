#include "capturecontroller.h"

#include "capturedialog.h"
#include "capturesession.h"
#include "dashboard.h"
#include "figureformat.h"
#include "issuesmodel.h"
#include "library/libraryconnection.h"
#include "mainwindow.h"
#include "scenariomodel.h"

#include "charts/powerchart.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace nightwatt {

namespace {

constexpr int kStatusRefreshMs = 250;
// Closing the window mid-capture: how long the library gets to store the last samples.
constexpr int kShutdownWaitMs = 8000;

QString clockText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

CaptureController::CaptureController(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_start(new QAction(tr("Start &Capture…"), this))
    , m_stop(new QAction(tr("S&top Capture"), this))
    , m_show(new QAction(tr("S&how the Capture"), this))
    , m_label(new QLabel(window))
    , m_ticker(new QTimer(this))
    , m_libraryPath(LibraryConnection::defaultPath())
{
    m_start->setObjectName(QStringLiteral("startCapture"));
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_start->setToolTip(tr("Capture power live from a sampler, a growing log or RAPL counters (Ctrl+R)"));
    m_stop->setObjectName(QStringLiteral("stopCapture"));
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stop->setToolTip(tr("Stop the capture and keep every complete sample (Ctrl+.)"));
    connect(m_start, &QAction::triggered, this, &CaptureController::openDialog);
    connect(m_stop, &QAction::triggered, this, &CaptureController::stop);
    m_show->setToolTip(tr("Back to the live chart after looking at another run"));
    connect(m_show, &QAction::triggered, this, [this] {
        if (!m_session)
            return;
        m_window->attachLiveTrace(&m_session->trace(), m_session->title());
        m_window->liveTraceGrew();
        if (m_session->lastStats() && m_session->lastStats()->samples > 0)
            m_window->scenarioModel()->setMeasurement(*m_session->lastStats(), m_session->title());
        updateStatus();
    });

    auto *menu = new QMenu(tr("&Capture"), window);
    menu->addAction(m_start);
    menu->addAction(m_stop);
    menu->addSeparator();
    menu->addAction(m_show);
    // Before Help, which stays last.
    QAction *before = nullptr;
    for (QAction *action : window->menuBar()->actions()) {
        if (action->menu() && action->text().remove(u'&') == tr("Help"))
            before = action;
    }
    window->menuBar()->insertMenu(before, menu);

    auto *toolbar = window->addToolBar(tr("Capture"));
    toolbar->setObjectName(QStringLiteral("captureToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->setMovable(false);
    toolbar->addAction(m_start);
    toolbar->addAction(m_stop);

    m_label->setObjectName(QStringLiteral("captureStatus"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->hide();
    window->statusBar()->addPermanentWidget(m_label);
    m_ticker->setInterval(kStatusRefreshMs);
    connect(m_ticker, &QTimer::timeout, this, &CaptureController::updateStatus);
    updateActions();
}

CaptureController::~CaptureController() = default;

void CaptureController::openDialog()
{
    CaptureDialog dialog(m_window);
    dialog.setLibraryPath(m_libraryPath);
    QSettings settings;
    dialog.restore(settings);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.save(settings);
    const LiveSourceSpec spec = dialog.spec();
    start(spec, dialog.outputPath());
}

bool CaptureController::start(const LiveSourceSpec &spec, const QString &outputPath)
{
    if (m_session && !m_session->hasEnded()) {
        m_window->statusBar()->showMessage(tr("A capture is already running: stop it first"), 8000);
        return false;
    }
    auto session = std::make_unique<CaptureSession>(spec, outputPath, m_libraryPath);
    if (!session->error().isEmpty()) {
        m_window->statusBar()->showMessage(tr("Cannot start the capture: %1").arg(session->error()), 15000);
        return false;
    }
    // The old session's trace is on screen until the new one replaces it.
    m_window->attachLiveTrace(&session->trace(), session->title());
    m_session = std::move(session);
    CaptureSession *s = m_session.get();
    connect(s, &CaptureSession::grew, m_window, &MainWindow::liveTraceGrew);
    connect(s, &CaptureSession::grew, this, [this, s, axisChosen = false]() mutable {
        // A live run reads best against time: switch once, as soon as the format says it has timing.
        PowerChart *chart = m_window->dashboard()->chart();
        if (axisChosen || chart->trace() != &s->trace() || !chart->canShow(XAxisMode::Elapsed))
            return;
        axisChosen = true;
        if (chart->xAxisMode() == XAxisMode::Samples)
            chart->setXAxisMode(XAxisMode::Elapsed);
    });
    connect(s, &CaptureSession::statsReady, this, [this, s](const TraceStats &stats) {
        // Only while the capture is the run on screen: another run's figures are not ours to change.
        if (m_window->dashboard()->chart()->trace() == &s->trace() && stats.samples > 0)
            m_window->scenarioModel()->setMeasurement(stats, s->title());
    });
    connect(s, &CaptureSession::statusChanged, this, &CaptureController::updateStatus);
    connect(s, &CaptureSession::libraryStarted, this, [this](qint64 runId) {
        updateStatus();
        Q_EMIT libraryRunChanged(runId);
    });
    connect(s, &CaptureSession::libraryProblem, this, [this, s](const QString &message) {
        m_window->statusBar()->showMessage(tr("Run library: %1").arg(message), 15000);
        // Kept in Issues too: a capture the library could not store whole must not be missed.
        m_window->issuesModel()->addError(s->title(), 0, tr("run library: %1").arg(message));
        updateStatus();
    });
    connect(s, &CaptureSession::markerIssues, this, [this](const QString &path, const QList<ParseIssue> &issues) {
        m_window->issuesModel()->addIssues(path, issues, issues.size());
    });
    connect(s, &CaptureSession::ended, this, [this, s] {
        m_ticker->stop();
        updateStatus();
        updateActions();
        if (s->libraryRunId() > 0)
            Q_EMIT libraryRunChanged(s->libraryRunId());
        Q_EMIT captureEnded();
    });
    s->start();
    m_ticker->start();
    m_label->show();
    updateStatus();
    updateActions();
    return true;
}

bool CaptureController::followMarkers(const QString &path)
{
    if (!m_session || m_window->dashboard()->chart()->trace() != &m_session->trace() || !m_session->followMarkers(path))
        return false;
    m_window->statusBar()->showMessage(tr("Reading markers from %1 as they are written").arg(QFileInfo(path).fileName()), 8000);
    return true;
}

void CaptureController::stop()
{
    if (m_session)
        m_session->stop();
}

void CaptureController::shutdown()
{
    if (m_session)
        m_session->stopAndWait(kShutdownWaitMs);
}

void CaptureController::setLibraryPath(const QString &path)
{
    m_libraryPath = path;
}

QString CaptureController::statusText() const
{
    if (!m_session)
        return {};
    const CaptureSession &s = *m_session;
    const LiveStatus status = s.status();
    QString state;
    if (status.state == LiveStatus::State::Idle)
        state = tr("starting");
    else if (status.state == LiveStatus::State::Failed)
        state = tr("failed: %1").arg(status.message);
    else
        state = status.describe();
    QStringList parts{tr("Capture: %1").arg(state), clockText(s.elapsedMs()), countOf(s.trace().size(), tr("sample"), tr("samples"))};
    if (s.libraryRunId() > 0)
        parts << (s.hasEnded() ? tr("stored as run:%1").arg(s.libraryRunId()) : tr("run:%1 in the library").arg(s.libraryRunId()));
    else if (!s.libraryProblemText().isEmpty())
        parts << tr("not in the library");
    return parts.join(QStringLiteral(" · "));
}

void CaptureController::updateStatus()
{
    if (!m_session)
        return;
    const QString text = statusText();
    const LiveStatus status = m_session->status();
    const bool bad = status.hasEnded() && !status.endedCleanly();
    m_label->setText((status.isRunning() ? QStringLiteral("● ") : QString()) + text);
    m_label->setStyleSheet(bad ? QStringLiteral("color: #b22") : status.isRunning() ? QStringLiteral("color: #1a7f37") : QString());
    m_label->setToolTip(m_session->description() + (m_session->libraryProblemText().isEmpty() ? QString()
                                                                                        : QStringLiteral("\n") + m_session->libraryProblemText()));
    if (m_window->dashboard()->chart()->trace() == &m_session->trace()) {
        QStringList details{m_session->description()};
        if (!m_session->formatId().isEmpty())
            details << tr("format: %1").arg(m_session->formatId());
        details << text;
        m_window->dashboard()->setLiveDetails(details.join(QStringLiteral(" · ")));
    }
}

void CaptureController::updateActions()
{
    const bool running = m_session && !m_session->hasEnded();
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_show->setEnabled(m_session != nullptr);
}

} // namespace nightwatt
