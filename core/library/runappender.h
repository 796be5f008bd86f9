#pragma once

#include "formats/parsesink.h"
#include "library/libraryconnection.h"
#include "trace/channel.h"
#include "trace/trace.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <optional>
#include <span>

namespace nightwatt {

class AppenderWorker;
struct PendingSamples;

// What a capture knows when it starts; channels may also be added later with channel().
struct CaptureSettings
{
    QString name;
    QString formatId;   // the format of the live source ("powermetrics-text", ...)
    QString sourcePath; // what is captured: a followed file or a sampler's command line
    TimingKind timing = TimingKind::Points;
    QDateTime clockAtZero;
    QList<ChannelInfo> channels;
};

// Writes a live capture into the run library as it arrives. sample()/append() may be called from
// any thread and only copy into a buffer under a mutex; a worker thread with its own connection
// commits the buffer every kCommitIntervalMs, so a crash loses at most that much. As a ParseSink,
// a live source can hand it straight to its parser.
//
// finish() and markInterrupted() return at once; finished() says when it is stored. A capture that
// is destroyed unfinished is stored as interrupted; one whose program dies stays "capturing" in the
// file until the next open of the library marks it interrupted (its lock file has no owner).
class RunAppender final : public QObject, public ParseSink
{
    Q_OBJECT
public:
    static constexpr int kCommitIntervalMs = 500;

    explicit RunAppender(QObject *parent = nullptr);
    ~RunAppender() override;

    // Opens the library on the worker thread and creates the run, and waits for both (opening
    // includes the integrity check: about 0.3 s per 100 MB of library). From the GUI thread, use
    // startAsync(): samples appended before started() arrives are kept and committed.
    std::optional<qint64> start(const QString &libraryPath, const CaptureSettings &settings, const LibraryOptions &options = {});
    void startAsync(const QString &libraryPath, const CaptureSettings &settings, const LibraryOptions &options = {});
    qint64 runId() const { return m_runId; }
    QString errorString() const { return m_error; }

    void append(double timeS, float windowS, std::span<const float> values);
    // A live source recognises its format from its first bytes, after the run was created.
    void setFormatId(const QString &formatId);
    void finish();          // the capture ended normally: status complete
    void markInterrupted(); // the source failed or was stopped early: status interrupted

    // ParseSink, callable from any thread.
    void setTiming(TimingKind timing) override;
    void setClockAtZero(const QDateTime &clock) override;
    int channel(const ChannelInfo &info) override;
    void sample(double timeS, float windowS, std::span<const float> values, qint64 line) override;
    void issue(const ParseIssue &issue) override;
    void metadata(const QString &key, const QString &value) override;
    // Committed with the samples around it, so a capture killed mid-run keeps the markers it had.
    void marker(const Marker &marker) override;

Q_SIGNALS:
    void started(qint64 runId);
    void committed(qint64 samplesStored);
    // storedWhole: every sample and the final status reached the library; when not, the run is
    // interrupted (or marked so at the next open) and failed() said why.
    void finished(qint64 runId, qint64 samplesStored, bool storedWhole);
    // The start failed (the capture is over), or a commit failed (its samples are kept and retried).
    void failed(const QString &message);

private:
    bool prepare(const CaptureSettings &settings);
    void stop(const QString &status);

    std::shared_ptr<PendingSamples> m_pending;
    QThread m_thread;
    AppenderWorker *m_worker = nullptr; // lives in m_thread
    qint64 m_runId = 0;
    QString m_error;
    bool m_stopped = false;
};

} // namespace nightwatt
