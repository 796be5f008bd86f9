#pragma once

#include "live/livestatus.h"

#include <QElapsedTimer>
#include <QObject>

class QTextStream;
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

private:
    void tellWriteFailure(QTextStream &err);
    void printStatusLine();

    const LiveSource &m_source;
    const CaptureFileRecorder *m_recorder;
    QElapsedTimer m_elapsed;
    QTimer *m_timer;
    bool m_terminal;
    bool m_lineOpen = false;
    bool m_toldWriteFailure = false;
};

} // namespace nightwatt::cli
