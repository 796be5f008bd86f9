#pragma once

#include "formats/logparser.h"
#include "live/livestatus.h"
#include "live/livetrace.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>

namespace nightwatt {

class CaptureRecorder;
class MarkerFollower;
struct LogFormat;

// A stream of power samples that arrives while it is being measured: a growing log, a sampler
// program, kernel counters, a replayed log. Every source turns its input into bytes of a log
// format and drives that format's incremental parser (the same one the file importer uses) into
// trace(). The format is recognised from the first bytes unless setFormatId() forces one.
//
// A source is a plain QObject driven by its event loop (QProcess, QFileSystemWatcher, QTimer):
// it runs on whatever thread it lives in, so a GUI can move it to a worker thread and read
// trace() from the GUI thread. Create children in open(), not in the constructor, or parent them
// to the source so moveToThread() takes them along.
class LiveSource : public QObject
{
    Q_OBJECT
public:
    explicit LiveSource(QObject *parent = nullptr);
    ~LiveSource() override;

    // What a person reads: "nvidia-smi every 500 ms", "following run.txt".
    virtual QString description() const = 0;

    LiveStatus status() const { return m_status; }
    LiveTrace *trace() const { return m_trace; }
    // The recognised (or forced) format; empty until enough bytes arrived.
    QString formatId() const { return m_formatId; }
    // Read the input as this format instead of recognising it; empty = recognise.
    void setFormatId(const QString &formatId) { m_forcedFormatId = formatId; }
    // How the parser reads the input (the interval of a sampler that prints no timestamps).
    void setParserOptions(const ParserOptions &options) { m_parserOptions = options; }
    // Not owned; must outlive the capture.
    void addRecorder(CaptureRecorder *recorder);
    // Follows the marker file at `path` during each capture (see MarkerFollower), from the first
    // sample on: its markers go into trace() and so to the recorders. A source that writes its
    // own nightwatt-capture records also writes each marker as a `marker` record, so a recorded
    // file keeps them; for the others the marker file itself is their record. Empty: none.
    void followMarkers(const QString &path);
    QString markerFile() const;
    qint64 bytesReceived() const { return m_bytesReceived; }

public Q_SLOTS:
    // Starts a new capture (the trace is emptied). Status becomes Running, or Failed.
    void start();
    // Stops on request; every complete sample is kept and the status becomes Stopped (a sampler
    // program is asked to terminate first, so that may happen a moment later).
    void stop();

Q_SIGNALS:
    void statusChanged(const nightwatt::LiveStatus &status);
    void formatRecognised(const QString &formatId);
    // trace()'s samplesAppended, forwarded: samples [first, end) are new (at most every 40 ms).
    void samplesAppended(qsizetype first, qsizetype end);
    // Something wrong in the followed marker file, with its line (it is a capture issue too).
    void markerIssue(const QString &path, const nightwatt::ParseIssue &issue);

protected:
    // Begin producing input; the status is already Running. Call fail() when that is impossible.
    virtual void open() = 0;
    // Stop producing input at once, quietly: release processes, timers and files.
    virtual void halt() = 0;
    // Default: halt(), finishInput(), Stopped. A source that has to wait (a process asked to
    // terminate) overrides it and finishes later.
    virtual void requestStop();

    bool stopRequested() const { return m_stopRequested; }
    // Hand the next input bytes to the recorders and the parser.
    void deliver(QByteArrayView bytes);
    // Between these two, deliver() takes input that was there before the capture started (a
    // followed log's content, with StartAt::End): the parser reads it so it knows the header and
    // time axis, but its samples and issues are dropped, and the recorders get only its header
    // (the lines before its first sample, and a last line still being written), so what they keep
    // reads back as exactly the samples the capture has.
    void beginSkipping();
    void endSkipping();
    // The input has ended: flush the parser so the last complete sample is kept.
    void finishInput();
    // The input starts over (a followed log was truncated or replaced): the current parser is
    // finished, `why` is reported, and the next bytes get a new parser and their own segment.
    void restartInput(const QString &why);
    void setStatus(const LiveStatus &status);
    // Failed with `message`; halts the input. Samples already delivered are kept.
    void fail(const QString &message);
    // The input is nightwatt-capture records this source writes itself, a whole record per
    // deliver() (rapl, hwmon, Prometheus): a marker record may go between any two.
    virtual bool writesCaptureRecords() const { return false; }

private:
    bool recogniseFormat(bool atEnd);
    void noteSkipped(QByteArrayView bytes);
    void endParser();
    void notifyParsed();
    void useFormat(const LogFormat &format);
    void addMarker(const Marker &marker);

    LiveTrace *m_trace;
    LiveStatus m_status;
    QList<CaptureRecorder *> m_recorders;
    MarkerFollower *m_markers = nullptr; // a child, so moveToThread() takes it along
    std::unique_ptr<LogParser> m_parser;
    QByteArray m_head; // bytes waiting for the format to be recognised
    bool m_skipping = false;
    QByteArray m_skippedHead; // skipped input up to where its first sample was seen
    QByteArray m_skippedLastLine; // skipped input after its last newline
    QString m_formatId;
    QString m_forcedFormatId;
    ParserOptions m_parserOptions;
    qint64 m_bytesReceived = 0;
    bool m_stopRequested = false;
};

} // namespace nightwatt
