#pragma once

#include "io/loadedlog.h"
#include "library/chunkcodec.h"
#include "trace/trace.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

namespace nightwatt {

// What a run row says about itself before any sample is stored.
struct RunHeader
{
    QString name;
    QString kind;   // RunKind text: "imported" or "captured"
    QString status; // RunStatus text: "complete", "capturing" or "interrupted"
    QDateTime created;
    QString sourcePath;
    QString contentSha256;
    QString formatId;
    TimingKind timing = TimingKind::None;
    QDateTime clockAtZero;
};

// The SQL behind the run library, shared by RunLibrary, the schema migrations and the capture
// appender's worker; each works on its own connection. Functions report failures through `error`.
class RunStore
{
public:
    // Samples per chunk row: 65536 samples of 2 channels are about 1 MB raw.
    static constexpr qsizetype kChunkSamples = 65536;

    static std::optional<qint64> insertRun(QSqlDatabase &db, const RunHeader &header, QString *error);
    static bool insertChannel(QSqlDatabase &db, qint64 runId, int position, const ChannelInfo &info, QString *error);
    // Inserts or replaces chunk `seq`: a capture rewrites its last, growing chunk at each commit.
    static bool writeChunk(QSqlDatabase &db, qint64 runId, qint64 seq, qint64 firstSample, const ChunkView &chunk,
                           bool compress, QString *error);
    static bool insertIssue(QSqlDatabase &db, qint64 runId, qint64 seq, const ParseIssue &issue, QString *error);
    static bool setMetadata(QSqlDatabase &db, qint64 runId, const QString &key, const QString &value, QString *error);
    // Marker `seq` of the run; markers load back in seq order.
    static bool insertMarker(QSqlDatabase &db, qint64 runId, qint64 seq, const Marker &marker, QString *error);
    // Channels and every sample of `trace`, in compressed chunks.
    static bool writeTrace(QSqlDatabase &db, qint64 runId, const Trace &trace, QString *error);
    static bool setColumn(QSqlDatabase &db, qint64 runId, const QString &column, const QVariant &value, QString *error);

    // The run as LogLoader would have read it; `error` is set in the result when it cannot be read.
    static LoadedLog loadRun(QSqlDatabase &db, qint64 runId);
    // Recomputes sample count, duration and energy from the stored samples.
    static bool refreshStats(QSqlDatabase &db, qint64 runId, QString *error);

    static QString clockToText(const QDateTime &clock);
    static QDateTime clockFromText(const QString &text);
};

// BEGIN IMMEDIATE ... COMMIT: takes the write lock up front, so a busy library is waited for
// (busy_timeout) at the start instead of failing half-way. Rolls back unless committed.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begun() const { return m_begun; }
    QString error() const { return m_error; }
    QString nativeErrorCode() const { return m_nativeErrorCode; } // "5": another writer held the lock
    bool commit();

private:
    QSqlDatabase &m_db;
    bool m_begun = false;
    bool m_done = false;
    QString m_error;
    QString m_nativeErrorCode;
};

} // namespace nightwatt
