#include "library/libraryschema.h"

#include "library/runstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <iterator>

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

} // namespace

QString LibrarySchema::migrate(QSqlDatabase &db, int fromVersion)
{
    using Step = QString (*)(QSqlDatabase &);
    static constexpr Step kSteps[] = {&migrateTo1, &migrateTo2};
    static_assert(std::size(kSteps) == kCurrentVersion);

    for (int version = fromVersion; version < kCurrentVersion; ++version) {
        WriteTransaction transaction(db);
        if (!transaction.begun())
            return transaction.error();
        // Another connection may have upgraded the library between our reading its version and
        // taking the write lock: the window and a capture open a new library at the same time.
        QSqlQuery current(db);
        if (!current.exec(QStringLiteral("PRAGMA user_version")) || !current.next())
            return current.lastError().text();
        if (const int upgraded = current.value(0).toInt(); upgraded > version) {
            version = upgraded - 1;
            continue;
        }
        current.finish();
        QString error = kSteps[version](db);
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
