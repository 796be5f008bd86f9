#include "library/libraryconnection.h"

#include "library/libraryschema.h"
#include "library/runstore.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace nightwatt {

namespace {

constexpr QByteArrayView kSqliteHeader("SQLite format 3\0", 16);
// "NWLB": marks the file as a Nightwatt run library for tools that look (file(1), sqlite3).
constexpr int kApplicationId = 0x4E574C42;

QAtomicInteger<quint64> g_connectionCounter;

bool isBusyCode(const QString &nativeCode)
{
    return nativeCode == u"5" || nativeCode == u"6"; // SQLITE_BUSY, SQLITE_LOCKED
}

} // namespace

LibraryConnection::LibraryConnection()
    : m_connectionName(QStringLiteral("nightwatt-library-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{
}

LibraryConnection::~LibraryConnection()
{
    close();
}

void LibraryConnection::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QStringList LibraryConnection::files(const QString &libraryPath)
{
    return {libraryPath, libraryPath + QStringLiteral("-wal"), libraryPath + QStringLiteral("-shm"), libraryPath + QStringLiteral("-journal")};
}

QString LibraryConnection::captureLockPath(const QString &libraryPath, qint64 runId)
{
    return QFileInfo(libraryPath).absoluteFilePath() + QStringLiteral(".capture-%1.lock").arg(runId);
}

bool LibraryConnection::fail(const QString &message)
{
    m_error = message;
    close();
    return false;
}

QString LibraryConnection::describe(const QString &sqlError, const QString &nativeCode) const
{
    if (isBusyCode(nativeCode)) {
        return QStringLiteral("the run library is busy: another program has kept it locked for more than %1 s "
                              "(another Nightwatt writing to it?); try again when it is done")
            .arg(m_busyTimeoutMs / 1000.0);
    }
    return QStringLiteral("the run library could not be read or written: %1").arg(sqlError);
}

// Checked by hand before SQLite sees the file: refusing here guarantees nothing is written.
QString LibraryConnection::checkHeader() const
{
    QFile file(m_path);
    if (!file.exists() || file.size() == 0)
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot open the run library: %1").arg(file.errorString());
    if (file.read(kSqliteHeader.size()) != kSqliteHeader) {
        return QStringLiteral("this is not a Nightwatt run library (not an SQLite database); it was left untouched. "
                              "Move it aside or choose another file with --library or NIGHTWATT_LIBRARY");
    }
    return {};
}

bool LibraryConnection::open(const QString &path, const LibraryOptions &options)
{
    close();
    m_path = path;
    m_error.clear();
    m_busyTimeoutMs = options.busyTimeoutMs;
    if (QString error = checkHeader(); !error.isEmpty())
        return fail(error);
    const QFileInfo info(path);
    const QFileInfo folder(info.absolutePath());
    if (!info.exists()) {
        if (!QDir().mkpath(folder.absoluteFilePath()))
            return fail(QStringLiteral("cannot create the folder %1 for the run library").arg(folder.absoluteFilePath()));
        if (!QFileInfo(folder.absoluteFilePath()).isWritable()) {
            return fail(QStringLiteral("cannot create the run library: you may not write to its folder %1. Choose another "
                                       "file with --library or NIGHTWATT_LIBRARY")
                            .arg(folder.absoluteFilePath()));
        }
    }
    m_readOnly = info.exists() && !(info.isWritable() && folder.isWritable());
    if (!openDatabase(options))
        return false;

    QSqlQuery q(m_db);
    auto queryFailed = [&] { return fail(describe(q.lastError().text(), q.lastError().nativeErrorCode())); };
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return queryFailed();
    const int version = q.value(0).toInt();
    // A version this Nightwatt does not know (newer, or a number no Nightwatt ever wrote) is not read.
    if (!LibrarySchema::isKnownVersion(version)) {
        return fail(QStringLiteral("this run library was written by a newer Nightwatt (library version %1; this one reads "
                                   "up to version %2); it was left untouched. Update Nightwatt, or choose another "
                                   "file with --library or NIGHTWATT_LIBRARY")
                        .arg(version)
                        .arg(LibrarySchema::kCurrentVersion));
    }
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
        return queryFailed();
    const int applicationId = q.value(0).toInt();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return queryFailed();
    // Tables in a file at version 0 are someone else's, unless the file says it is ours.
    const bool foreign = applicationId != kApplicationId && (applicationId != 0 || (version == 0 && q.value(0).toInt() > 0));
    if (foreign) {
        return fail(QStringLiteral("this SQLite database is not a Nightwatt run library; it was left untouched. "
                                   "Choose another file with --library or NIGHTWATT_LIBRARY"));
    }
    if (!q.exec(QStringLiteral("PRAGMA quick_check")))
        return queryFailed();
    QStringList problems;
    while (q.next() && problems.size() < 3)
        problems.append(q.value(0).toString());
    if (problems != QStringList{QStringLiteral("ok")}) {
        return fail(QStringLiteral("the run library is damaged (integrity check: %1); it was left untouched. "
                                   "Move it aside to start a new library")
                        .arg(problems.join(QStringLiteral("; "))));
    }
    q.finish();
    if (QString error = LibrarySchema::checkUpgradable(m_db, version); !error.isEmpty())
        return fail(error);
    if (m_readOnly) {
        if (version < LibrarySchema::kCurrentVersion) {
            return fail(QStringLiteral("this run library (version %1) must be upgraded to version %2 before it can be read, "
                                       "and %3")
                            .arg(version)
                            .arg(LibrarySchema::kCurrentVersion)
                            .arg(readOnlyReason()));
        }
        return true;
    }

    // WAL lets the dashboard read while a capture writes; NORMAL sync keeps every commit across a
    // crash of the program (only a power cut can lose the last commits).
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
        return queryFailed();
    if (q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return fail(QStringLiteral("the run library cannot use write-ahead logging (journal mode stays %1)").arg(q.value(0).toString()));
    q.finish();
    for (const auto &pragma : {QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON"),
                               QStringLiteral("PRAGMA busy_timeout = %1").arg(options.busyTimeoutMs)}) {
        if (!q.exec(pragma))
            return queryFailed();
    }
    if (options.maxPageCount > 0 && !q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(options.maxPageCount)))
        return queryFailed();
    if (version < LibrarySchema::kCurrentVersion) {
        if (QString error = LibrarySchema::migrate(m_db, version); !error.isEmpty())
            return fail(error);
        if (!q.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)))
            return queryFailed();
    }
    markDeadCaptures();
    return true;
}

bool LibraryConnection::openDatabase(const LibraryOptions &options)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid())
        return fail(QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed (Debian: libqt6sql6-sqlite)"));
    QString connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs);
    m_db.setDatabaseName(m_path);
    if (m_readOnly) {
        connectOptions += QStringLiteral(";QSQLITE_OPEN_READONLY");
        // Reading a WAL library needs its -shm file, which only a writer can create in the folder.
        // Without one nobody is writing it now, and SQLite may read the file as it stands.
        if (!QFileInfo::exists(m_path + QStringLiteral("-shm"))) {
            connectOptions += QStringLiteral(";QSQLITE_OPEN_URI");
            m_db.setDatabaseName(QUrl::fromLocalFile(QFileInfo(m_path).absoluteFilePath()).toString(QUrl::FullyEncoded)
                                 + QStringLiteral("?immutable=1"));
        }
    }
    m_db.setConnectOptions(connectOptions);
    if (!m_db.open())
        return fail(QStringLiteral("cannot open the run library: %1").arg(m_db.lastError().text()));
    return true;
}

QString LibraryConnection::readOnlyReason() const
{
    return QStringLiteral("you may not write to the run library %1 or to its folder: it can be listed and read, but "
                          "nothing can be stored in it. Choose a library you can write with --library or NIGHTWATT_LIBRARY")
        .arg(QFileInfo(m_path).absoluteFilePath());
}

// A capture whose program died (crash, kill, power cut) stays "capturing" in the file; nobody
// holds its lock any more, so it is shown as interrupted from now on, with what it committed.
void LibraryConnection::markDeadCaptures()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id FROM runs WHERE status = 'capturing'")))
        return;
    QList<qint64> candidates;
    while (q.next())
        candidates.append(q.value(0).toLongLong());
    q.finish();
    for (const qint64 id : candidates) {
        QLockFile lock(captureLockPath(m_path, id));
        lock.setStaleLockTime(0); // a long capture's lock is old, not stale: only a dead owner counts
        if (!lock.tryLock(0))
            continue;
        WriteTransaction transaction(m_db);
        QString error;
        if (transaction.begun() && RunStore::setColumn(m_db, id, QStringLiteral("status"), QStringLiteral("interrupted"), &error)
            && RunStore::refreshStats(m_db, id, &error))
            transaction.commit();
    }
}

} // namespace nightwatt
