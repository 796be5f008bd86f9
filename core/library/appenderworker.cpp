#include "library/appenderworker.h"

#include "formats/tracebuilder.h"
#include "library/runlibrary.h"
#include "library/runstore.h"

#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>

namespace nightwatt {

ChunkView AppenderWorker::Chunk::view(bool windowed) const
{
    ChunkView v;
    v.times = times;
    if (windowed)
        v.windows = windows;
    for (const auto &column : values)
        v.values.emplace_back(column);
    return v;
}

AppenderWorker::AppenderWorker(std::shared_ptr<PendingSamples> pending)
    : m_pending(std::move(pending))
{
}

std::optional<qint64> AppenderWorker::start(const QString &libraryPath, const CaptureSettings &settings,
                                            const LibraryOptions &options, QString *error)
{
    if (!m_connection.open(libraryPath, options)) {
        *error = m_connection.errorString();
        return std::nullopt;
    }
    if (m_connection.isReadOnly()) {
        *error = m_connection.readOnlyReason();
        return std::nullopt;
    }
    QSqlDatabase &db = m_connection.db();
    RunHeader header;
    header.name = settings.name;
    header.kind = runKindName(RunKind::Captured);
    header.status = runStatusName(RunStatus::Capturing);
    header.created = QDateTime::currentDateTimeUtc();
    header.sourcePath = settings.sourcePath;
    header.formatId = settings.formatId;
    header.timing = settings.timing;
    header.clockAtZero = settings.clockAtZero;
    m_timing = settings.timing;
    m_formatId = settings.formatId;
    m_clockAtZero = settings.clockAtZero;

    // The lock is taken before the run becomes visible, so no one ever sees a "capturing" run
    // without its owner.
    WriteTransaction transaction(db);
    if (!transaction.begun()) {
        *error = m_connection.describe(transaction.error(), transaction.nativeErrorCode());
        return std::nullopt;
    }
    const auto id = RunStore::insertRun(db, header, error);
    if (!id)
        return std::nullopt;
    m_lock = std::make_unique<QLockFile>(LibraryConnection::captureLockPath(libraryPath, *id));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        *error = QStringLiteral("cannot take the capture lock %1").arg(m_lock->fileName());
        return std::nullopt;
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        m_lock.reset();
        return std::nullopt;
    }
    m_runId = *id;
    m_timer = new QTimer(this);
    m_timer->setInterval(RunAppender::kCommitIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &AppenderWorker::commit);
    m_timer->start();
    return id;
}

void AppenderWorker::takePending()
{
    std::vector<double> times;
    std::vector<float> windows;
    std::vector<std::vector<float>> values;
    {
        QMutexLocker locker(&m_pending->mutex);
        if (m_pending->timing && *m_pending->timing != m_timing) {
            m_timing = *m_pending->timing;
            m_dirty = true;
        }
        if (m_pending->clockAtZero) {
            m_clockAtZero = *m_pending->clockAtZero;
            m_pending->clockAtZero.reset();
            m_dirty = true;
        }
        if (m_pending->formatId) {
            m_formatId = *std::exchange(m_pending->formatId, std::nullopt);
            m_dirty = true;
        }
        if (m_pending->channels.size() > m_channels.size()) {
            m_channels = m_pending->channels;
            m_dirty = true;
        }
        times.swap(m_pending->times);
        windows.swap(m_pending->windows);
        values.swap(m_pending->values);
        m_pending->values.resize(values.size());
        if (!m_pending->issues.isEmpty() || m_pending->issueCount != m_issueCount) {
            m_issues += m_pending->issues;
            m_pending->issues.clear();
            m_issueCount = m_pending->issueCount;
            m_dirty = true;
        }
        if (!m_pending->metadata.isEmpty()) {
            m_metadata += m_pending->metadata;
            m_pending->metadata.clear();
            m_dirty = true;
        }
        if (!m_pending->markers.isEmpty()) {
            m_markers += m_pending->markers;
            m_pending->markers.clear();
            m_dirty = true;
        }
    }
    if (times.empty())
        return;
    m_dirty = true;
    const size_t channels = size_t(m_channels.size());
    m_open.values.resize(channels);
    for (auto &column : m_open.values)
        column.resize(m_open.times.size(), kMissing); // a channel that appeared since
    values.resize(channels);
    size_t taken = 0;
    while (taken < times.size()) {
        const size_t room = size_t(RunStore::kChunkSamples) - m_open.times.size();
        const size_t n = std::min(room, times.size() - taken);
        m_open.times.insert(m_open.times.end(), times.begin() + qsizetype(taken), times.begin() + qsizetype(taken + n));
        m_open.windows.insert(m_open.windows.end(), windows.begin() + qsizetype(taken), windows.begin() + qsizetype(taken + n));
        for (size_t c = 0; c < channels; ++c) {
            auto &column = values[c];
            column.resize(times.size(), kMissing);
            m_open.values[c].insert(m_open.values[c].end(), column.begin() + qsizetype(taken), column.begin() + qsizetype(taken + n));
        }
        taken += n;
        if (m_open.times.size() == size_t(RunStore::kChunkSamples))
            sealOpenChunk();
    }
    if (!m_firstTimeS)
        m_firstTimeS = times.front();
    m_lastEndS = times.back() + (m_timing == TimingKind::Windowed ? double(windows.back()) : 0.0);
    m_samples += qint64(times.size());
}

void AppenderWorker::sealOpenChunk()
{
    Chunk next;
    next.seq = m_open.seq + 1;
    next.firstSample = m_open.firstSample + qint64(m_open.times.size());
    next.values.resize(m_open.values.size());
    m_sealed.append(std::move(m_open));
    m_open = std::move(next);
}

bool AppenderWorker::writeAll(QString *error)
{
    QSqlDatabase &db = m_connection.db();
    for (int c = m_channelsWritten; c < m_channels.size(); ++c) {
        if (!RunStore::insertChannel(db, m_runId, c, m_channels[c], error))
            return false;
    }
    const bool windowed = m_timing == TimingKind::Windowed;
    for (const auto &chunk : m_sealed) {
        if (!RunStore::writeChunk(db, m_runId, chunk.seq, chunk.firstSample, chunk.view(windowed), true, error))
            return false;
    }
    // The growing chunk is rewritten uncompressed: it changes at every commit.
    if (!m_open.times.empty()
        && !RunStore::writeChunk(db, m_runId, m_open.seq, m_open.firstSample, m_open.view(windowed), false, error))
        return false;
    for (qsizetype i = 0; i < m_issues.size() && m_issuesWritten + i < TraceBuilder::kMaxKeptIssues; ++i) {
        if (!RunStore::insertIssue(db, m_runId, m_issuesWritten + i, m_issues[i], error))
            return false;
    }
    for (const auto &[key, value] : m_metadata) {
        if (!RunStore::setMetadata(db, m_runId, key, value, error))
            return false;
    }
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        if (!RunStore::insertMarker(db, m_runId, m_markersWritten + i, m_markers[i], error))
            return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE runs SET sample_count = ?, duration_s = ?, timing = ?, clock_at_zero = ?,"
                             " issue_count = ?, format_id = ? WHERE id = ?"));
    q.addBindValue(m_samples);
    q.addBindValue(m_firstTimeS && m_timing != TimingKind::None ? QVariant(m_lastEndS - *m_firstTimeS) : QVariant());
    q.addBindValue(int(m_timing));
    q.addBindValue(m_clockAtZero.isValid() ? QVariant(RunStore::clockToText(m_clockAtZero)) : QVariant());
    q.addBindValue(m_issueCount);
    q.addBindValue(m_formatId.isNull() ? QStringLiteral("") : m_formatId);
    q.addBindValue(m_runId);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

void AppenderWorker::commit()
{
    takePending();
    if (!m_dirty || m_runId == 0)
        return;
    QSqlDatabase &db = m_connection.db();
    WriteTransaction transaction(db);
    QString error = transaction.error();
    if (transaction.begun() && writeAll(&error) && transaction.commit()) {
        m_channelsWritten = int(m_channels.size());
        m_sealed.clear();
        m_issuesWritten += m_issues.size();
        m_issues.clear();
        m_metadata.clear();
        m_markersWritten += m_markers.size();
        m_markers.clear();
        m_dirty = false;
        m_failing = false;
        m_samplesCommitted = m_samples;
        Q_EMIT committed(m_samples);
        return;
    }
    if (error.isEmpty())
        error = transaction.error();
    // Report a failing streak once; everything stays queued and is retried at the next tick.
    if (!m_failing)
        Q_EMIT failed(m_connection.describe(error, transaction.nativeErrorCode()));
    m_failing = true;
}

void AppenderWorker::stop(const QString &status)
{
    if (m_runId == 0)
        return;
    if (m_timer)
        m_timer->stop();
    commit();
    const bool allCommitted = !m_dirty;
    QSqlDatabase &db = m_connection.db();
    WriteTransaction transaction(db);
    QString error;
    const QString finalStatus = allCommitted ? status : runStatusName(RunStatus::Interrupted);
    const bool statusStored = transaction.begun() && RunStore::setColumn(db, m_runId, QStringLiteral("status"), finalStatus, &error)
        && RunStore::refreshStats(db, m_runId, &error) && transaction.commit();
    if (!statusStored) {
        // The status stays "capturing"; once the lock is gone, the next open marks it interrupted.
        Q_EMIT failed(m_connection.describe(error.isEmpty() ? transaction.error() : error, transaction.nativeErrorCode()));
    }
    if (!allCommitted) {
        Q_EMIT failed(QStringLiteral("the run library could not store the whole capture: run:%1 keeps %2 of its %3 samples "
                                     "and is marked interrupted")
                          .arg(m_runId)
                          .arg(m_samplesCommitted)
                          .arg(m_samples));
    }
    m_lock.reset();
    Q_EMIT stopped(m_runId, m_samplesCommitted, allCommitted && statusStored);
    m_runId = 0;
}

} // namespace nightwatt
