#include "library/runlibrary.h"

#include "analysis/tracestats.h"
#include "library/runstore.h"
#include "scenario/scenariojson.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace nightwatt {

namespace {

RunStatus statusFromName(const QString &name)
{
    if (name == u"capturing")
        return RunStatus::Capturing;
    if (name == u"interrupted")
        return RunStatus::Interrupted;
    return RunStatus::Complete;
}

std::optional<double> optionalDouble(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

const QString kRunColumns = QStringLiteral(
    "id, name, kind, status, created, source_path, content_sha256, format_id, timing, clock_at_zero, sample_count, "
    "duration_s, energy_wh, issue_count");

RunInfo runFromRow(const QSqlQuery &q)
{
    RunInfo r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.kind = q.value(2).toString() == u"captured" ? RunKind::Captured : RunKind::Imported;
    r.status = statusFromName(q.value(3).toString());
    r.created = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    r.sourcePath = q.value(5).toString();
    r.contentSha256 = q.value(6).toString();
    r.formatId = q.value(7).toString();
    r.timing = TimingKind(q.value(8).toInt());
    if (!q.value(9).isNull())
        r.clockAtZero = RunStore::clockFromText(q.value(9).toString());
    r.samples = q.value(10).toLongLong();
    r.durationS = optionalDouble(q.value(11));
    r.energyWh = optionalDouble(q.value(12));
    r.issueCount = q.value(13).toLongLong();
    return r;
}

const QString kScenarioColumns = QStringLiteral("id, name, run_id, created, modified, inputs");

std::optional<SavedScenario> scenarioFromRow(const QSqlQuery &q, QString *error)
{
    SavedScenario s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    if (!q.value(2).isNull())
        s.runId = q.value(2).toLongLong();
    s.created = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    s.modified = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    const QJsonDocument json = QJsonDocument::fromJson(q.value(5).toString().toUtf8());
    auto inputs = scenarioInputsFromJson(json.object(), error);
    if (!json.isObject() || !inputs) {
        if (error && error->isEmpty())
            *error = QStringLiteral("scenario %1 has unreadable assumptions").arg(s.id);
        return std::nullopt;
    }
    s.inputs = *inputs;
    return s;
}

} // namespace

QString runKindName(RunKind kind)
{
    return kind == RunKind::Captured ? QStringLiteral("captured") : QStringLiteral("imported");
}

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Complete:
        return QStringLiteral("complete");
    case RunStatus::Capturing:
        return QStringLiteral("capturing");
    case RunStatus::Interrupted:
        return QStringLiteral("interrupted");
    }
    return {};
}

bool RunLibrary::open(const QString &path, const LibraryOptions &options)
{
    m_error.clear();
    if (!m_connection.open(path, options)) {
        m_error = m_connection.errorString();
        return false;
    }
    return true;
}

bool RunLibrary::ensureOpen()
{
    if (m_connection.isOpen())
        return true;
    if (m_error.isEmpty())
        m_error = QStringLiteral("the run library is not open");
    return false;
}

bool RunLibrary::canWrite()
{
    if (!ensureOpen())
        return false;
    if (m_connection.isReadOnly()) {
        m_error = m_connection.readOnlyReason();
        return false;
    }
    return true;
}

bool RunLibrary::queryFailed(const QSqlQuery &query)
{
    m_error = m_connection.describe(query.lastError().text(), query.lastError().nativeErrorCode());
    return false;
}

QString RunLibrary::hashFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open: %1").arg(file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

ImportResult RunLibrary::importFile(const QString &path, const LoadOptions &options)
{
    ImportResult result;
    if (!canWrite()) {
        result.error = m_error;
        return result;
    }
    const QString sha256 = QFileInfo(path).isFile() ? hashFile(path, nullptr) : QString();
    if (!sha256.isEmpty()) {
        if (const auto existing = findByContent(sha256)) {
            result.runId = *existing;
            result.alreadyPresent = true;
            return result;
        }
    }
    const LoadedLog log = LogLoader::loadFile(path, options);
    if (!log.ok()) {
        result.error = log.error;
        result.errorLine = log.errorLine;
        return result;
    }
    if (const auto id = importLog(log, sha256, {}, &result.alreadyPresent))
        result.runId = *id;
    else
        result.error = m_error;
    return result;
}

std::optional<qint64> RunLibrary::importLog(const LoadedLog &log, const QString &contentSha256, const QString &name,
                                            bool *alreadyPresent)
{
    if (alreadyPresent)
        *alreadyPresent = false;
    if (!canWrite())
        return std::nullopt;
    QSqlDatabase &db = m_connection.db();
    RunHeader header;
    header.name = name.isEmpty() ? QFileInfo(log.path).fileName() : name;
    if (header.name.isEmpty())
        header.name = QStringLiteral("unnamed run");
    header.kind = runKindName(RunKind::Imported);
    header.status = runStatusName(RunStatus::Complete);
    header.created = QDateTime::currentDateTimeUtc();
    // A URL (a Prometheus range) is a source as it stands, not a file to make absolute.
    header.sourcePath = log.path.isEmpty() || log.path.contains(QLatin1String("://")) ? log.path : QFileInfo(log.path).absoluteFilePath();
    header.contentSha256 = contentSha256;
    header.formatId = log.formatId;
    header.timing = log.trace.timing();
    header.clockAtZero = log.trace.clockAtZero();
    const TraceStats stats = analyzeTrace(log.trace);

    WriteTransaction transaction(db);
    if (!transaction.begun()) {
        m_error = m_connection.describe(transaction.error(), transaction.nativeErrorCode());
        return std::nullopt;
    }
    // Looked up again under the write lock: another program may have stored the same bytes since
    // importFile() looked, and this lookup and the insert below are one transaction.
    if (!contentSha256.isEmpty()) {
        if (const auto existing = findByContent(contentSha256)) {
            if (alreadyPresent)
                *alreadyPresent = true;
            return existing;
        }
    }
    QString error;
    const auto id = RunStore::insertRun(db, header, &error);
    bool ok = id && RunStore::writeTrace(db, *id, log.trace, &error);
    for (qsizetype i = 0; ok && i < log.issues.size(); ++i)
        ok = RunStore::insertIssue(db, *id, i, log.issues[i], &error);
    for (qsizetype i = 0; ok && i < log.trace.markers().size(); ++i)
        ok = RunStore::insertMarker(db, *id, i, log.trace.markers()[i], &error);
    for (auto it = log.metadata.begin(); ok && it != log.metadata.end(); ++it)
        ok = RunStore::setMetadata(db, *id, it.key(), it.value(), &error);
    if (ok) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE runs SET sample_count = ?, duration_s = ?, energy_wh = ?, issue_count = ? WHERE id = ?"));
        q.addBindValue(qint64(log.trace.size()));
        q.addBindValue(stats.durationS ? QVariant(*stats.durationS) : QVariant());
        q.addBindValue(stats.total.energyWh ? QVariant(*stats.total.energyWh) : QVariant());
        q.addBindValue(log.issueCount);
        q.addBindValue(*id);
        ok = q.exec();
        if (!ok)
            error = q.lastError().text();
    }
    if (ok && !transaction.commit()) {
        ok = false;
        error = transaction.error();
    }
    if (!ok) {
        m_error = QStringLiteral("storing the run failed: %1").arg(error);
        return std::nullopt;
    }
    return id;
}

QList<RunInfo> RunLibrary::runs()
{
    QList<RunInfo> list;
    if (!ensureOpen())
        return list;
    m_error.clear(); // an empty list is an answer: errorString() now says only whether listing failed
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT %1 FROM runs ORDER BY id").arg(kRunColumns))) {
        queryFailed(q);
        return list;
    }
    while (q.next())
        list.append(runFromRow(q));
    return list;
}

std::optional<RunInfo> RunLibrary::run(qint64 id)
{
    if (!ensureOpen())
        return std::nullopt;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns));
    q.addBindValue(id);
    if (!q.exec()) {
        queryFailed(q);
        return std::nullopt;
    }
    if (!q.next()) {
        m_error = QStringLiteral("there is no run %1 in the library").arg(id);
        return std::nullopt;
    }
    return runFromRow(q);
}

std::optional<qint64> RunLibrary::findByContent(const QString &contentSha256)
{
    if (!ensureOpen())
        return std::nullopt;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT id FROM runs WHERE content_sha256 = ? ORDER BY id LIMIT 1"));
    q.addBindValue(contentSha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

bool RunLibrary::renameRun(qint64 id, const QString &name)
{
    if (!canWrite() || !run(id))
        return false;
    QString error;
    if (!RunStore::setColumn(m_connection.db(), id, QStringLiteral("name"), name, &error)) {
        m_error = m_connection.describe(error, {});
        return false;
    }
    return true;
}

bool RunLibrary::deleteRun(qint64 id)
{
    if (!canWrite() || !run(id))
        return false;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() || queryFailed(q);
}

LoadedLog RunLibrary::loadRun(qint64 id)
{
    if (!ensureOpen()) {
        LoadedLog log;
        log.error = m_error;
        return log;
    }
    LoadedLog log = RunStore::loadRun(m_connection.db(), id);
    log.path = QStringLiteral("run:%1").arg(id);
    return log;
}

std::optional<qint64> RunLibrary::saveScenario(const QString &name, std::optional<qint64> runId, const ScenarioInputs &inputs)
{
    if (!canWrite())
        return std::nullopt;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("INSERT INTO scenarios (name, run_id, created, modified, inputs) VALUES (?, ?, ?, ?, ?)"));
    const QString now = nowText();
    q.addBindValue(name);
    q.addBindValue(runId ? QVariant(*runId) : QVariant());
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(QString::fromUtf8(QJsonDocument(scenarioInputsToJson(inputs)).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        queryFailed(q);
        return std::nullopt;
    }
    return q.lastInsertId().toLongLong();
}

bool RunLibrary::updateScenario(qint64 id, const QString &name, const ScenarioInputs &inputs)
{
    if (!canWrite())
        return false;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE scenarios SET name = ?, modified = ?, inputs = ? WHERE id = ?"));
    q.addBindValue(name);
    q.addBindValue(nowText());
    q.addBindValue(QString::fromUtf8(QJsonDocument(scenarioInputsToJson(inputs)).toJson(QJsonDocument::Compact)));
    q.addBindValue(id);
    if (!q.exec())
        return queryFailed(q);
    if (q.numRowsAffected() != 1) {
        m_error = QStringLiteral("there is no scenario %1 in the library").arg(id);
        return false;
    }
    return true;
}

bool RunLibrary::deleteScenario(qint64 id)
{
    if (!canWrite())
        return false;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("DELETE FROM scenarios WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return queryFailed(q);
    return q.numRowsAffected() == 1;
}

std::optional<SavedScenario> RunLibrary::scenario(qint64 id)
{
    if (!ensureOpen())
        return std::nullopt;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT %1 FROM scenarios WHERE id = ?").arg(kScenarioColumns));
    q.addBindValue(id);
    if (!q.exec()) {
        queryFailed(q);
        return std::nullopt;
    }
    if (!q.next()) {
        m_error = QStringLiteral("there is no scenario %1 in the library").arg(id);
        return std::nullopt;
    }
    return scenarioFromRow(q, &m_error);
}

QList<SavedScenario> RunLibrary::scenarios(std::optional<qint64> runId)
{
    QList<SavedScenario> list;
    if (!ensureOpen())
        return list;
    QSqlQuery q(m_connection.db());
    if (runId) {
        q.prepare(QStringLiteral("SELECT %1 FROM scenarios WHERE run_id = ? ORDER BY id").arg(kScenarioColumns));
        q.addBindValue(*runId);
    } else {
        q.prepare(QStringLiteral("SELECT %1 FROM scenarios WHERE run_id IS NULL ORDER BY id").arg(kScenarioColumns));
    }
    if (!q.exec()) {
        queryFailed(q);
        return list;
    }
    while (q.next()) {
        if (auto s = scenarioFromRow(q, &m_error))
            list.append(*s);
    }
    return list;
}

} // namespace nightwatt
