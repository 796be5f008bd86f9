#include "clierror.h"

#include <QCommandLineParser>
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

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const QString &moreHelp)
{
    if (!parser.parse(arguments)) {
        printUsageError(parser.errorText());
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText() << moreHelp;
        return kExitOk;
    }
    return std::nullopt;
}

} // namespace nightwatt::cli
