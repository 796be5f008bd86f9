#pragma once

#include "live/livestatus.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace nightwatt {
class LiveSource;
class CaptureFileRecorder;
}

namespace nightwatt::cli {

// What a headless capture tells the person at the terminal, on stderr: a status line while it
// runs (rewritten in place on a terminal, one line every 10 s into a log), and a summary at the end.
class CaptureReporter final : public QObject
{
    Q_OBJECT
public:
    CaptureReporter(const LiveSource &source, const CaptureFileRecorder *recorder, QObject *parent = nullptr);

    void started();
    void printSummary(const LiveStatus &status, bool interrupted);

    // The run library the capture also goes to (see LibraryRecorder).
    void setLibrary(const QString &path) { m_libraryPath = path; }
    void libraryStarted(qint64 runId);
    void libraryCommitted(qint64 samplesStored) { m_samplesStored = samplesStored; }
    void libraryUnavailable(const QString &message);
    void libraryFinished(qint64 runId, qint64 samplesStored, bool storedWhole);
    qint64 libraryRunId() const { return m_runId; }
    // A run was created but did not get every sample and its final status (a full disk, a library
    // locked until the end, or storing still going on when the command stopped waiting).
    bool libraryIncomplete() const { return m_runId > 0 && !m_storedWhole; }
    // A message on its own line, between status lines.
    void note(const QString &message);

private:
    void tellWriteFailure();
    void printStatusLine();

    const LiveSource &m_source;
    const CaptureFileRecorder *m_recorder;
    QElapsedTimer m_elapsed;
    QTimer *m_timer;
    bool m_terminal;
    bool m_lineOpen = false;
    QString m_libraryPath;
    QString m_libraryProblem;
    qint64 m_runId = 0;
    qint64 m_samplesStored = 0;
    bool m_storedWhole = false;
    bool m_toldWriteFailure = false;
};

} // namespace nightwatt::cli
