#include "clierror.h"

#include "io/messagetext.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace nightwatt::cli {

void printError(const QString &file, qint64 line, const QString &message)
{
    QString text = QStringLiteral("nightwatt: ");
    if (!file.isEmpty()) {
        text += file;
        if (line > 0)
            text += u':' + QString::number(line);
        text += QStringLiteral(": ");
    }
    QTextStream(stderr) << safeMessage(QString(text + message)) << '\n';
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
