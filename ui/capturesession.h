#pragma once

#include "analysis/tracestats.h"
#include "live/livesourcespec.h"
#include "live/livestatus.h"
#include "livetracemirror.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace nightwatt {

class CaptureFileRecorder;
class LibraryRecorder;
class LiveSource;

// One capture started from the window. The source (process, parser) and both recorders (the
// optional file and the run library) live on a capture thread; the GUI thread only copies the new
// rows and markers of each batch (at most 25 a second) into trace(), which the chart shows, and gets the run's
// statistics from a pool thread at most once a second. Nothing that grows with the run's length
// happens on the GUI thread.
class CaptureSession final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kStatsIntervalMs = 1000;

    // Fails (error set, nothing started) when the spec is wrong or the source cannot run here.
    CaptureSession(const LiveSourceSpec &spec, const QString &outputPath, const QString &libraryPath, QObject *parent = nullptr);
    ~CaptureSession() override;

    QString error() const { return m_error; }
    bool start();
    // Asks the source to stop; ended() follows once it and the library are done.
    void stop();
    // Stops and waits (at most `timeoutMs`) until the library holds the run: for closing the window.
    void stopAndWait(int timeoutMs);
    // Reads the marker file at `path` onto the capture while the training script appends to it;
    // false when the capture has ended.
    bool followMarkers(const QString &path);

    // The samples so far, owned by the GUI thread; stable while the session lives.
    const Trace &trace() const { return m_mirror.trace(); }
    QString title() const { return m_title; }
    QString description() const { return m_description; }
    LiveStatus status() const { return m_status; }
    bool isRunning() const { return m_status.isRunning() || m_status.state == LiveStatus::State::Idle; }
    bool hasEnded() const { return m_ended; }
    qint64 elapsedMs() const;
    qint64 libraryRunId() const { return m_runId; }
    QString libraryProblemText() const { return m_libraryProblem; }
    QString outputPath() const { return m_outputPath; }
    QString formatId() const { return m_formatId; }
    const std::optional<TraceStats> &lastStats() const { return m_lastStats; }

Q_SIGNALS:
    void statusChanged(const nightwatt::LiveStatus &status);
    // trace() has new rows or markers (at most 25 times a second).
    void grew();
    void statsReady(const nightwatt::TraceStats &stats);
    void libraryStarted(qint64 runId);
    void libraryProblem(const QString &message);
    // What is wrong in a followed marker file, with its line.
    void markerIssues(const QString &path, const QList<nightwatt::ParseIssue> &issues);
    // The source ended and the run library is done with it (or was never used).
    void ended();

private:
    void onStatus(const LiveStatus &status);
    void requestStats();
    void maybeEnd();

    QString m_error;
    QString m_title;
    QString m_description;
    QString m_outputPath;
    QString m_formatId;
    std::unique_ptr<LiveSource> m_source;
    std::unique_ptr<CaptureFileRecorder> m_fileRecorder;
    std::unique_ptr<LibraryRecorder> m_libraryRecorder;
    QThread m_thread;
    LiveTraceMirror m_mirror;
    LiveStatus m_status;
    QElapsedTimer m_elapsed;
    qint64 m_elapsedAtEnd = -1;
    qint64 m_runId = 0;
    QString m_libraryProblem;
    bool m_ended = false;
    QTimer *m_statsTimer;
    bool m_statsRunning = false;
    bool m_statsWanted = false;
    std::optional<TraceStats> m_lastStats;
};

} // namespace nightwatt
