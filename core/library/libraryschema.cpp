#include "library/libraryschema.h"

#include "library/runstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <iterator>
#include <optional>
#include <span>

namespace nightwatt {

namespace {

QString exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return query.lastError().text();
    return {};
}

// Version 1: runs, their channels, sample chunks, issues and metadata.
QString migrateTo1(QSqlDatabase &db)
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE runs ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL,"
                       " kind TEXT NOT NULL,"      // imported | captured
                       " status TEXT NOT NULL,"    // complete | capturing | interrupted
                       " created TEXT NOT NULL,"   // ISO 8601, UTC
                       " source_path TEXT,"
                       " content_sha256 TEXT,"
                       " format_id TEXT NOT NULL,"
                       " timing INTEGER NOT NULL,"
                       " clock_at_zero TEXT,"
                       " sample_count INTEGER NOT NULL DEFAULT 0,"
                       " duration_s REAL,"
                       " issue_count INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX runs_by_hash ON runs(content_sha256)"),
        QStringLiteral("CREATE TABLE run_channels ("
                       " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL,"
                       " channel_id TEXT NOT NULL,"
                       " label TEXT NOT NULL,"
                       " role INTEGER NOT NULL,"
                       " PRIMARY KEY (run_id, position))"),
        QStringLiteral("CREATE TABLE run_chunks ("
                       " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " seq INTEGER NOT NULL,"
                       " first_sample INTEGER NOT NULL,"
                       " sample_count INTEGER NOT NULL,"
                       " data BLOB NOT NULL,"
                       " PRIMARY KEY (run_id, seq))"),
        QStringLiteral("CREATE TABLE run_issues ("
                       " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " seq INTEGER NOT NULL,"
                       " line INTEGER NOT NULL,"
                       " message TEXT NOT NULL,"
                       " PRIMARY KEY (run_id, seq))"),
        QStringLiteral("CREATE TABLE run_metadata ("
                       " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " key TEXT NOT NULL,"
                       " value TEXT NOT NULL,"
                       " PRIMARY KEY (run_id, key))"),
    };
    for (const auto &sql : statements) {
        if (QString error = exec(db, sql); !error.isEmpty())
            return error;
    }
    return {};
}

// Version 2: saved scenarios, and each run's total energy kept beside its duration so listing
// runs needs no samples. Runs stored by version 1 get their energy computed here.
QString migrateTo2(QSqlDatabase &db)
{
    const QStringList statements = {
        QStringLiteral("ALTER TABLE runs ADD COLUMN energy_wh REAL"),
        QStringLiteral("CREATE TABLE scenarios ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL,"
                       " run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE," // NULL: a typed power
                       " created TEXT NOT NULL,"
                       " modified TEXT NOT NULL,"
                       " inputs TEXT NOT NULL)"), // ScenarioInputs as JSON
        QStringLiteral("CREATE INDEX scenarios_by_run ON scenarios(run_id)"),
    };
    for (const auto &sql : statements) {
        if (QString error = exec(db, sql); !error.isEmpty())
            return error;
    }
    QSqlQuery ids(db);
    if (!ids.exec(QStringLiteral("SELECT id FROM runs")))
        return ids.lastError().text();
    QList<qint64> runIds;
    while (ids.next())
        runIds.append(ids.value(0).toLongLong());
    for (const qint64 id : runIds) {
        QString error;
        if (!RunStore::refreshStats(db, id, &error))
            return error;
    }
    return {};
}

// Version 3: the same bytes are one run, across processes too (two imports of one file at the
// same time made two runs before): the content hash becomes unique. Copies already stored are
// the same samples; the oldest stays (the one imports already answered with) and takes over the
// scenarios saved on the others.
QString migrateTo3(QSqlDatabase &db)
{
    const QString copies = QStringLiteral(
        "SELECT id FROM runs AS copy WHERE content_sha256 IS NOT NULL"
        " AND id > (SELECT min(id) FROM runs AS first WHERE first.content_sha256 = copy.content_sha256)");
    const QStringList statements = {
        QStringLiteral("UPDATE scenarios SET run_id = (SELECT min(first.id) FROM runs AS first JOIN runs AS copy"
                       " ON first.content_sha256 = copy.content_sha256 WHERE copy.id = scenarios.run_id)"
                       " WHERE run_id IN (%1)").arg(copies),
        // Spelled out rather than left to ON DELETE CASCADE, which depends on the connection's foreign_keys.
        QStringLiteral("DELETE FROM run_chunks WHERE run_id IN (%1)").arg(copies),
        QStringLiteral("DELETE FROM run_channels WHERE run_id IN (%1)").arg(copies),
        QStringLiteral("DELETE FROM run_issues WHERE run_id IN (%1)").arg(copies),
        QStringLiteral("DELETE FROM run_metadata WHERE run_id IN (%1)").arg(copies),
        QStringLiteral("DELETE FROM runs WHERE id IN (%1)").arg(copies),
        QStringLiteral("DROP INDEX IF EXISTS runs_by_hash"),
        QStringLiteral("CREATE UNIQUE INDEX runs_by_content ON runs(content_sha256)"),
    };
    for (const auto &sql : statements) {
        if (QString error = exec(db, sql); !error.isEmpty())
            return error;
    }
    return {};
}

// Version 4: each run's markers (training phases and instants), on the run's own time axis.
QString migrateTo4(QSqlDatabase &db)
{
    return exec(db, QStringLiteral("CREATE TABLE run_markers ("
                                   " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                                   " seq INTEGER NOT NULL,"
                                   " kind TEXT NOT NULL,"      // markerKindId(): run, init, epoch, block, eval, marker
                                   " label TEXT NOT NULL,"
                                   " start_s REAL NOT NULL,"
                                   " end_s REAL,"              // NULL: an instant
                                   " PRIMARY KEY (run_id, seq))"));
}

// What a step adds, to recognise a file that already has it.
struct SchemaObject
{
    enum Kind { Table, Column, Index } kind;
    const char *name;
    const char *column = nullptr; // for Column: `name` is the table
};

constexpr SchemaObject kVersion1Objects[] = {{SchemaObject::Table, "runs"},
                                             {SchemaObject::Table, "run_channels"},
                                             {SchemaObject::Table, "run_chunks"},
                                             {SchemaObject::Table, "run_issues"},
                                             {SchemaObject::Table, "run_metadata"}};
constexpr SchemaObject kVersion2Objects[] = {{SchemaObject::Column, "runs", "energy_wh"}, {SchemaObject::Table, "scenarios"}};
constexpr SchemaObject kVersion3Objects[] = {{SchemaObject::Index, "runs_by_content"}};
constexpr SchemaObject kVersion4Objects[] = {{SchemaObject::Table, "run_markers"}};

struct Step
{
    QString (*apply)(QSqlDatabase &);
    std::span<const SchemaObject> adds;
};

const Step kSteps[] = {{&migrateTo1, kVersion1Objects},
                       {&migrateTo2, kVersion2Objects},
                       {&migrateTo3, kVersion3Objects},
                       {&migrateTo4, kVersion4Objects}};
static_assert(std::size(kSteps) == LibrarySchema::kCurrentVersion);

QString describe(const SchemaObject &object)
{
    switch (object.kind) {
    case SchemaObject::Table:
        return QStringLiteral("table %1").arg(QLatin1String(object.name));
    case SchemaObject::Column:
        return QStringLiteral("column %1.%2").arg(QLatin1String(object.name), QLatin1String(object.column));
    case SchemaObject::Index:
        return QStringLiteral("index %1").arg(QLatin1String(object.name));
    }
    return {};
}

std::optional<bool> exists(QSqlDatabase &db, const SchemaObject &object, QString *error)
{
    QSqlQuery q(db);
    if (object.kind == SchemaObject::Column) {
        q.prepare(QStringLiteral("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?"));
        q.addBindValue(QLatin1String(object.name));
        q.addBindValue(QLatin1String(object.column));
    } else {
        q.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?"));
        q.addBindValue(object.kind == SchemaObject::Table ? QStringLiteral("table") : QStringLiteral("index"));
        q.addBindValue(QLatin1String(object.name));
    }
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    return q.value(0).toInt() > 0;
}

enum class StepState { Missing, Present, Partial };

// Whether what the step up from `version` adds is there: none of it (run the step), all of it
// (record it), or some.
std::optional<StepState> stepState(QSqlDatabase &db, int version, QString *error, QStringList *found = nullptr,
                                   QStringList *missing = nullptr)
{
    QStringList foundHere;
    QStringList missingHere;
    for (const SchemaObject &object : kSteps[version].adds) {
        const std::optional<bool> present = exists(db, object, error);
        if (!present)
            return std::nullopt;
        (*present ? foundHere : missingHere).append(describe(object));
    }
    if (found)
        *found = foundHere;
    if (missing)
        *missing = missingHere;
    if (foundHere.isEmpty())
        return StepState::Missing;
    return missingHere.isEmpty() ? StepState::Present : StepState::Partial;
}

QString unknownVersion(int version)
{
    return QStringLiteral("the run library has version %1, which this Nightwatt does not know (it reads up to version %2)")
        .arg(version)
        .arg(LibrarySchema::kCurrentVersion);
}

} // namespace

QString LibrarySchema::checkUpgradable(QSqlDatabase &db, int fromVersion)
{
    if (!isKnownVersion(fromVersion))
        return unknownVersion(fromVersion);
    for (int version = fromVersion; version < kCurrentVersion; ++version) {
        QStringList found;
        QStringList missing;
        QString error;
        const std::optional<StepState> state = stepState(db, version, &error, &found, &missing);
        if (!state)
            return error;
        if (*state == StepState::Partial) {
            return QStringLiteral("the run library says it is version %1, but it has %2 of version %3 without %4; it was "
                                  "left untouched. Move it aside to start a new library")
                .arg(fromVersion)
                .arg(found.join(QStringLiteral(", ")))
                .arg(version + 1)
                .arg(missing.join(QStringLiteral(", ")));
        }
    }
    return {};
}

QString LibrarySchema::migrate(QSqlDatabase &db, int fromVersion)
{
    // Checked for every step before the first is committed, so a refused file keeps its version.
    if (QString error = checkUpgradable(db, fromVersion); !error.isEmpty())
        return error;
    for (int version = fromVersion; version < kCurrentVersion; ++version) {
        WriteTransaction transaction(db);
        if (!transaction.begun())
            return transaction.error();
        // Another connection may have upgraded the library between our reading its version and
        // taking the write lock: the window and a capture open a new library at the same time.
        QSqlQuery current(db);
        if (!current.exec(QStringLiteral("PRAGMA user_version")) || !current.next())
            return current.lastError().text();
        const int upgraded = current.value(0).toInt();
        current.finish();
        if (!isKnownVersion(upgraded))
            return unknownVersion(upgraded);
        if (upgraded > version) {
            version = upgraded - 1;
            continue;
        }
        QString error;
        const std::optional<StepState> state = stepState(db, version, &error);
        if (state == StepState::Missing)
            error = kSteps[version].apply(db);
        else if (state == StepState::Partial)
            error = QStringLiteral("its tables changed while it was being upgraded");
        if (error.isEmpty())
            error = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        if (error.isEmpty() && !transaction.commit())
            error = transaction.error();
        if (!error.isEmpty())
            return QStringLiteral("upgrading the library to version %1 failed: %2").arg(version + 1).arg(error);
    }
    return {};
}

} // namespace nightwatt
