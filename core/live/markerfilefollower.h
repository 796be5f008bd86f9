#pragma once

#include "formats/parsesink.h"

#include <QFile>
#include <QList>
#include <QObject>

#include <memory>

class QTimer;

namespace nightwatt {

class LiveTrace;
class MarkerFileParser;

// Reads a marker file that the training script appends to while a capture runs, onto the
// capture's live trace: a phase shows from its start (open) and closes at its stop, each line
// placed on the trace's axis as it is when the line is read. A file not there yet is waited for;
// a partial last line waits for its newline. What is wrong in the file is said with its line,
// apart from the capture's own issues. Polls; lives on the capture thread.
class MarkerFileFollower final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 250;

    MarkerFileFollower(const QString &path, LiveTrace *trace, QObject *parent = nullptr);
    ~MarkerFileFollower() override;

    QString path() const { return m_path; }

public Q_SLOTS:
    void start();
    // Reads what is new; the timer calls it.
    void check();
    // The capture ended: what is left is read, and phases still open close at its last sample.
    void finish();

Q_SIGNALS:
    // Issues found since the last signal, each with its line in the marker file.
    void issuesFound(const QString &path, const QList<nightwatt::ParseIssue> &issues);

private:
    class Sink;

    void updateAxis();
    void emitIssues();

    QString m_path;
    LiveTrace *m_trace;
    QFile m_file;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<MarkerFileParser> m_parser;
    QTimer *m_timer;
    bool m_finished = false;
};

} // namespace nightwatt
