#pragma once

#include <QSqlDatabase>
#include <QString>

namespace nightwatt {

// The run library's tables, built as a sequence of migrations: a new database runs them all, an
// older one only those above its `PRAGMA user_version`. Each migration runs in one transaction, so
// a failure leaves the file at its previous version. A step whose tables and columns are already
// all there (a file whose version number was set back) is only recorded, not run again; one that
// is half there is refused.
class LibrarySchema
{
public:
    static constexpr int kCurrentVersion = 4;

    static bool isKnownVersion(int version) { return version >= 0 && version <= kCurrentVersion; }
    // Why `db`, at `fromVersion`, cannot be brought up to kCurrentVersion (an unknown version,
    // tables half of a version); empty when it can. Only reads.
    static QString checkUpgradable(QSqlDatabase &db, int fromVersion);
    // Brings `db` from `fromVersion` up to kCurrentVersion. Returns an error message, or empty.
    static QString migrate(QSqlDatabase &db, int fromVersion);
};

} // namespace nightwatt
