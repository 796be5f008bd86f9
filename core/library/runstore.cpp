#include "library/runstore.h"

#include "analysis/tracestats.h"
#include "io/messagetext.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <thread>

namespace nightwatt {

namespace {

bool fail(const QSqlQuery &query, QString *error)
{
    if (error)
        *error = query.lastError().text();
    return false;
}

// Decoding (inflating and regrouping bytes) is most of a load's time, and chunks are
// independent: each batch is decoded on every core, then appended in order.
bool appendChunks(QSqlQuery &q, Trace &trace, QString *error)
{
    const size_t threads = size_t(std::max(1, QThread::idealThreadCount()));
    std::vector<QByteArray> blobs;
    std::vector<qint64> counts; // as the row says; a chunk that holds another number is damaged
    std::vector<DecodedChunk> decoded;
    std::vector<QString> errors;
    std::vector<std::span<const float>> columns;
    auto flush = [&] {
        decoded.resize(blobs.size());
        errors.assign(blobs.size(), QString());
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < blobs.size(); i = next++)
                decodeChunk(blobs[i], decoded[i], &errors[i]);
        };
        std::vector<std::thread> helpers;
        for (size_t t = 1; t < threads && t < blobs.size(); ++t)
            helpers.emplace_back(work);
        work();
        for (auto &helper : helpers)
            helper.join();
        for (size_t i = 0; i < blobs.size(); ++i) {
            if (errors[i].isEmpty() && qint64(decoded[i].times.size()) != counts[i])
                errors[i] = damagedChunkMessage();
            if (!errors[i].isEmpty()) {
                *error = errors[i];
                return false;
            }
            columns.assign(decoded[i].values.begin(), decoded[i].values.end());
            trace.appendColumns(decoded[i].times, decoded[i].windows, columns);
        }
        blobs.clear();
        counts.clear();
        return true;
    };
    while (q.next()) {
        counts.push_back(q.value(0).toLongLong());
        blobs.push_back(q.value(1).toByteArray());
        if (blobs.size() == 2 * threads && !flush())
            return false;
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    return flush();
}

} // namespace

std::optional<qint64> RunStore::insertRun(QSqlDatabase &db, const RunHeader &h, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO runs (name, kind, status, created, source_path, content_sha256, format_id,"
                             " timing, clock_at_zero) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    // A null QString binds as SQL NULL; these columns are NOT NULL, so empty stays empty text.
    q.addBindValue(h.name.isNull() ? QStringLiteral("") : h.name);
    q.addBindValue(h.kind);
    q.addBindValue(h.status);
    q.addBindValue(h.created.toUTC().toString(Qt::ISODateWithMs));
    q.addBindValue(h.sourcePath.isEmpty() ? QVariant() : QVariant(h.sourcePath));
    q.addBindValue(h.contentSha256.isEmpty() ? QVariant() : QVariant(h.contentSha256));
    q.addBindValue(h.formatId.isNull() ? QStringLiteral("") : h.formatId);
    q.addBindValue(int(h.timing));
    q.addBindValue(h.clockAtZero.isValid() ? QVariant(clockToText(h.clockAtZero)) : QVariant());
    if (!q.exec()) {
        fail(q, error);
        return std::nullopt;
    }
    return q.lastInsertId().toLongLong();
}

bool RunStore::insertChannel(QSqlDatabase &db, qint64 runId, int position, const ChannelInfo &info, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO run_channels (run_id, position, channel_id, label, role) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(position);
    q.addBindValue(info.id.isNull() ? QStringLiteral("") : info.id);
    q.addBindValue(info.label.isNull() ? QStringLiteral("") : info.label);
    q.addBindValue(int(info.role));
    return q.exec() || fail(q, error);
}

bool RunStore::writeChunk(QSqlDatabase &db, qint64 runId, qint64 seq, qint64 firstSample, const ChunkView &chunk,
                          bool compress, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO run_chunks (run_id, seq, first_sample, sample_count, data)"
                             " VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(seq);
    q.addBindValue(firstSample);
    q.addBindValue(qint64(chunk.times.size()));
    q.addBindValue(encodeChunk(chunk, compress));
    return q.exec() || fail(q, error);
}

bool RunStore::insertIssue(QSqlDatabase &db, qint64 runId, qint64 seq, const ParseIssue &issue, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO run_issues (run_id, seq, line, message) VALUES (?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(seq);
    q.addBindValue(issue.line);
    // A library file gets copied around: what a log or a server said is stored as it would be shown.
    q.addBindValue(safeMessage(issue.message));
    return q.exec() || fail(q, error);
}

bool RunStore::setMetadata(QSqlDatabase &db, qint64 runId, const QString &key, const QString &value, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO run_metadata (run_id, key, value) VALUES (?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(key);
    q.addBindValue(value.isNull() ? QStringLiteral("") : value);
    return q.exec() || fail(q, error);
}

bool RunStore::insertMarker(QSqlDatabase &db, qint64 runId, qint64 seq, const Marker &marker, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO run_markers (run_id, seq, kind, label, start_s, end_s) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(seq);
    q.addBindValue(markerKindId(marker.kind));
    // What a training script wrote is stored as it would be shown, like an issue.
    q.addBindValue(safeMessage(marker.label));
    q.addBindValue(marker.startS);
    q.addBindValue(marker.endS ? QVariant(*marker.endS) : QVariant());
    return q.exec() || fail(q, error);
}

bool RunStore::writeTrace(QSqlDatabase &db, qint64 runId, const Trace &trace, QString *error)
{
    for (int c = 0; c < trace.channelCount(); ++c) {
        if (!insertChannel(db, runId, c, trace.channel(c), error))
            return false;
    }
    const bool windowed = trace.hasWindows();
    std::vector<float> windows; // the trace keeps no window column to point into
    qint64 seq = 0;
    for (qsizetype first = 0; first < trace.size(); first += kChunkSamples, ++seq) {
        const auto n = size_t(std::min(kChunkSamples, trace.size() - first));
        ChunkView chunk;
        chunk.times = trace.times().subspan(size_t(first), n);
        if (windowed) {
            windows.resize(n);
            trace.copyWindows(first, windows);
            chunk.windows = windows;
        }
        for (int c = 0; c < trace.channelCount(); ++c)
            chunk.values.push_back(trace.values(c).subspan(size_t(first), n));
        if (!writeChunk(db, runId, seq, first, chunk, true, error))
            return false;
    }
    return true;
}

bool RunStore::setColumn(QSqlDatabase &db, qint64 runId, const QString &column, const QVariant &value, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE runs SET %1 = ? WHERE id = ?").arg(column));
    q.addBindValue(value);
    q.addBindValue(runId);
    return q.exec() || fail(q, error);
}

LoadedLog RunStore::loadRun(QSqlDatabase &db, qint64 runId)
{
    LoadedLog log;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT format_id, timing, clock_at_zero, issue_count FROM runs WHERE id = ?"));
    q.addBindValue(runId);
    if (!q.exec()) {
        log.error = q.lastError().text();
        return log;
    }
    if (!q.next()) {
        log.error = QStringLiteral("there is no run %1 in the library").arg(runId);
        return log;
    }
    log.formatId = q.value(0).toString();
    log.trace.setTiming(TimingKind(q.value(1).toInt()));
    if (!q.value(2).isNull())
        log.trace.setClockAtZero(clockFromText(q.value(2).toString()));
    log.issueCount = q.value(3).toLongLong();

    q.prepare(QStringLiteral("SELECT channel_id, label, role FROM run_channels WHERE run_id = ? ORDER BY position"));
    q.addBindValue(runId);
    if (!q.exec()) {
        log.error = q.lastError().text();
        return log;
    }
    while (q.next())
        log.trace.ensureChannel({q.value(0).toString(), q.value(1).toString(), ChannelRole(q.value(2).toInt())});

    // The room for the samples is reserved up front, from counts that are checked against each
    // chunk's byte length first (length() reads no blob): a damaged count reserves nothing.
    q.prepare(QStringLiteral("SELECT sample_count, length(data) FROM run_chunks WHERE run_id = ?"));
    q.addBindValue(runId);
    if (!q.exec()) {
        log.error = q.lastError().text();
        return log;
    }
    qint64 samples = 0;
    while (q.next()) {
        const qint64 count = q.value(0).toLongLong();
        if (count < 0 || count > maxSamplesInChunk(q.value(1).toLongLong())) {
            log.error = damagedChunkMessage();
            return log;
        }
        samples += count;
    }
    log.trace.reserve(samples);

    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT sample_count, data FROM run_chunks WHERE run_id = ? ORDER BY seq"));
    q.addBindValue(runId);
    if (!q.exec()) {
        log.error = q.lastError().text();
        return log;
    }
    if (!appendChunks(q, log.trace, &log.error))
        return log;

    q.prepare(QStringLiteral("SELECT line, message FROM run_issues WHERE run_id = ? ORDER BY seq"));
    q.addBindValue(runId);
    if (q.exec()) {
        while (q.next())
            log.issues.append({q.value(0).toLongLong(), q.value(1).toString()});
    }
    q.prepare(QStringLiteral("SELECT key, value FROM run_metadata WHERE run_id = ?"));
    q.addBindValue(runId);
    if (q.exec()) {
        while (q.next())
            log.metadata.insert(q.value(0).toString(), q.value(1).toString());
    }
    // A library older than its markers table has none to read (refreshStats() loads runs while migrating).
    q.prepare(QStringLiteral("SELECT kind, label, start_s, end_s FROM run_markers WHERE run_id = ? ORDER BY seq"));
    q.addBindValue(runId);
    if (q.exec()) {
        while (q.next()) {
            Marker marker;
            marker.kind = markerKindFromId(q.value(0).toString()).value_or(MarkerKind::Marker);
            marker.label = q.value(1).toString();
            marker.startS = q.value(2).toDouble();
            if (!q.value(3).isNull())
                marker.endS = q.value(3).toDouble();
            log.trace.addMarker(marker);
        }
    }
    if (log.trace.isEmpty() && log.error.isEmpty())
        log.error = QStringLiteral("run %1 has no samples").arg(runId);
    return log;
}

bool RunStore::refreshStats(QSqlDatabase &db, qint64 runId, QString *error)
{
    const LoadedLog log = loadRun(db, runId);
    const TraceStats stats = analyzeTrace(log.trace);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE runs SET sample_count = ?, duration_s = ?, energy_wh = ? WHERE id = ?"));
    q.addBindValue(qint64(log.trace.size()));
    q.addBindValue(stats.durationS ? QVariant(*stats.durationS) : QVariant());
    q.addBindValue(stats.total.energyWh ? QVariant(*stats.total.energyWh) : QVariant());
    q.addBindValue(runId);
    return q.exec() || fail(q, error);
}

// Offsets are kept as written ("+02:00", "Z"); a clock with no zone stays local time.
QString RunStore::clockToText(const QDateTime &clock)
{
    return clock.toString(Qt::ISODateWithMs);
}

QDateTime RunStore::clockFromText(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

WriteTransaction::WriteTransaction(QSqlDatabase &db)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_begun = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_begun) {
        m_error = q.lastError().text();
        m_nativeErrorCode = q.lastError().nativeErrorCode();
    }
}

WriteTransaction::~WriteTransaction()
{
    if (m_begun && !m_done)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

bool WriteTransaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        m_error = q.lastError().text();
        m_nativeErrorCode = q.lastError().nativeErrorCode();
        return false;
    }
    m_done = true;
    return true;
}

} // namespace nightwatt
