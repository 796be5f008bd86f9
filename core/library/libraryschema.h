#pragma once

#include <QSqlDatabase>
#include <QString>

namespace nightwatt {

// The run library's tables, built as a sequence of migrations: a new database runs them all, an
// older one only those above its `PRAGMA user_version`. Each migration runs in one transaction, so
// a failure leaves the file at its previous version.
class LibrarySchema
{
public:
    static constexpr int kCurrentVersion = 2;

    // Brings `db` from `fromVersion` up to kCurrentVersion. Returns an error message, or empty.
    static QString migrate(QSqlDatabase &db, int fromVersion);
};

} // namespace nightwatt
