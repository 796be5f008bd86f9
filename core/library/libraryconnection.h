#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace nightwatt {

struct LibraryOptions
{
    // How long a write waits for another program that holds the library's lock before giving up.
    int busyTimeoutMs = 5000;
    // The most pages the library may grow to through this connection (SQLite max_page_count);
    // 0: no limit. Beyond it a write fails as on a full disk, which is how tests make one.
    int maxPageCount = 0;
};

// One checked connection to a run library file, for the thread that opens it. Opening refuses,
// without writing a byte, a file that is not an SQLite database, is damaged (PRAGMA quick_check)
// or was written by a newer Nightwatt; otherwise it switches to WAL and upgrades older schemas.
// A library the user may not write is opened read-only, as it is.
class LibraryConnection
{
public:
    LibraryConnection();
    ~LibraryConnection();
    LibraryConnection(const LibraryConnection &) = delete;
    LibraryConnection &operator=(const LibraryConnection &) = delete;

    bool open(const QString &path, const LibraryOptions &options = {});
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    QSqlDatabase &db() { return m_db; }
    // Opened only to read: the user may not write the file or its folder (its -wal and -shm files
    // go there). Listing and loading work; anything that writes is refused with readOnlyReason().
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const;

    // `NIGHTWATT_LIBRARY` when set, else library.sqlite in the application's data folder.
    static QString defaultPath();
    // The library file and the files SQLite keeps beside it (write-ahead log, shared memory, journal).
    static QStringList files(const QString &libraryPath);
    // Held by a capture while it writes, so a later open can tell a live capture from a dead one.
    static QString captureLockPath(const QString &libraryPath, qint64 runId);
    // A clear sentence for a failed query, naming the library (and the lock holder when busy).
    QString describe(const QString &sqlError, const QString &nativeCode) const;

private:
    bool fail(const QString &message);
    QString checkHeader() const;
    bool openDatabase(const LibraryOptions &options);
    void markDeadCaptures();

    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_path;
    QString m_error;
    int m_busyTimeoutMs = 0;
    bool m_readOnly = false;
};

} // namespace nightwatt
