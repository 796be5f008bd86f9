#pragma once

#include "formats/parsesink.h"
#include "library/chunkcodec.h"
#include "library/libraryconnection.h"
#include "library/runappender.h"

#include <QLockFile>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace nightwatt {

// Samples handed to a RunAppender and not yet taken by its worker. Guarded by `mutex`; callers
// hold it only to copy a sample in, the worker only to swap the buffers out.
struct PendingSamples
{
    QMutex mutex;
    QList<ChannelInfo> channels; // every channel known so far, in index order
    std::vector<double> times;
    std::vector<float> windows;
    std::vector<std::vector<float>> values; // one column per channel, as long as times
    QList<ParseIssue> issues;
    qint64 issueCount = 0;
    QList<std::pair<QString, QString>> metadata;
    QList<Marker> markers;
    std::optional<TimingKind> timing;
    std::optional<QDateTime> clockAtZero;
    std::optional<QString> formatId;
};

// The RunAppender's database side, living in its worker thread with its own connection. Keeps the
// run's last chunk in memory and rewrites it at each commit until it is full; anything that failed
// to commit stays queued for the next tick.
class AppenderWorker final : public QObject
{
    Q_OBJECT
public:
    explicit AppenderWorker(std::shared_ptr<PendingSamples> pending);

    // Called on the worker thread (RunAppender uses blocking queued calls). Returns the new run's
    // id, or nullopt with `error` set.
    std::optional<qint64> start(const QString &libraryPath, const CaptureSettings &settings, const LibraryOptions &options,
                                QString *error);
    // Commits what is pending, sets the final status ("complete" or "interrupted"), releases the
    // lock. A capture whose samples could not all be stored (a full disk) is never complete.
    void stop(const QString &status);

Q_SIGNALS:
    void startDone(qint64 runId, const QString &error); // runId 0: the start failed
    void committed(qint64 samplesStored);
    // storedWhole: every sample and the final status reached the library.
    void stopped(qint64 runId, qint64 samplesStored, bool storedWhole);
    void failed(const QString &message);

private:
    void commit();
    void takePending();
    bool writeAll(QString *error);
    void sealOpenChunk();

    struct Chunk
    {
        qint64 seq = 0;
        qint64 firstSample = 0;
        std::vector<double> times;
        std::vector<float> windows;
        std::vector<std::vector<float>> values;
        ChunkView view(bool windowed) const;
    };

    std::shared_ptr<PendingSamples> m_pending;
    LibraryConnection m_connection;
    std::unique_ptr<QLockFile> m_lock;
    QTimer *m_timer = nullptr;
    qint64 m_runId = 0;
    TimingKind m_timing = TimingKind::Points;
    QDateTime m_clockAtZero;
    QString m_formatId;
    QList<ChannelInfo> m_channels;
    int m_channelsWritten = 0;
    Chunk m_open;
    QList<Chunk> m_sealed; // full chunks not yet committed
    QList<ParseIssue> m_issues;
    qint64 m_issuesWritten = 0;
    qint64 m_issueCount = 0;
    QList<std::pair<QString, QString>> m_metadata;
    QList<Marker> m_markers; // not yet committed
    qint64 m_markersWritten = 0;
    qint64 m_samples = 0;
    qint64 m_samplesCommitted = 0;
    std::optional<double> m_firstTimeS;
    double m_lastEndS = 0;
    bool m_dirty = false;
    bool m_failing = false;
};

} // namespace nightwatt
