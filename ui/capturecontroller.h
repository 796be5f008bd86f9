#pragma once

#include "live/livesourcespec.h"

#include <QObject>

#include <memory>

class QAction;
class QLabel;
class QTimer;

namespace nightwatt {

class CaptureSession;
class MainWindow;

// The window's side of live capture: the Capture menu and toolbar (Start capture…, Stop capture),
// the session on screen (live chart, side panels fed with the run's statistics), and the status
// bar that always says how the sampler stands (running, exited with code N, killed by signal),
// the elapsed time, the sample count and the library run.
class CaptureController final : public QObject
{
    Q_OBJECT
public:
    explicit CaptureController(MainWindow *window);
    ~CaptureController() override;

    // Starts a capture without the dialog (tests, and the dialog's accept). False with a message
    // in the status bar when it cannot start.
    bool start(const LiveSourceSpec &spec, const QString &outputPath = {});
    // The run library captures go to: the one the window shows (the default library until set).
    void setLibraryPath(const QString &path);
    void stop();
    // Stops a running capture and waits (bounded) until the library holds it: closing the window.
    void shutdown();

    CaptureSession *session() const { return m_session.get(); }
    // Reads a marker file onto the capture on screen while the training script writes it; false
    // when no running capture is on screen.
    bool followMarkers(const QString &path);
    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QLabel *statusLabel() const { return m_label; }
    // "running · 0:00:12 · 24 samples · run:3", as the status bar shows it.
    QString statusText() const;

Q_SIGNALS:
    // The capture ended and the library is done with it.
    void captureEnded();
    // The library holds a new run for the capture, or the capture's run got its final status:
    // a list of the library's runs is out of date.
    void libraryRunChanged(qint64 runId);

private:
    void openDialog();
    void updateStatus();
    void updateActions();

    MainWindow *m_window;
    std::unique_ptr<CaptureSession> m_session;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_show;
    QLabel *m_label;
    QTimer *m_ticker;
    QString m_libraryPath;
};

} // namespace nightwatt
