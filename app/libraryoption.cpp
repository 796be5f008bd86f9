#include "libraryoption.h"

#include "library/libraryconnection.h"

namespace nightwatt::cli {

void addLibraryOption(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("library"),
                                        QStringLiteral("The run library file (default: $NIGHTWATT_LIBRARY, else %1).")
                                            .arg(LibraryConnection::defaultPath()),
                                        QStringLiteral("PATH")));
}

QString libraryPath(const QCommandLineParser &parser)
{
    const QString given = parser.value(QStringLiteral("library"));
    return given.isEmpty() ? LibraryConnection::defaultPath() : given;
}

} // namespace nightwatt::cli
