#include "clierror.h"

#include <QTextStream>

namespace nightwatt::cli {

void printError(const QString &file, qint64 line, const QString &message)
{
    QTextStream err(stderr);
    err << "nightwatt: ";
    if (!file.isEmpty()) {
        err << file;
        if (line > 0)
            err << ':' << line;
        err << ": ";
    }
    err << message << '\n';
}

void printUsageError(const QString &message)
{
    printError({}, 0, message + QStringLiteral(" (see nightwatt --help)"));
}

} // namespace nightwatt::cli
