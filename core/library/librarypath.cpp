#include "library/libraryconnection.h"

#include <QStandardPaths>

namespace nightwatt {

// Apart from the connection: a program that only names the library (the executable's --help and
// `summary` of a file) then links no Qt Sql.
QString LibraryConnection::defaultPath()
{
    const QString fromEnvironment = qEnvironmentVariable("NIGHTWATT_LIBRARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/library.sqlite");
}

} // namespace nightwatt
