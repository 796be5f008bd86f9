#include "importcommand.h"

#include "clierror.h"
#include "libraryoption.h"

#include "library/runlibrary.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace nightwatt::cli {

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stores power logs in the run library and prints their run ids, one "
                                                    "per line (use them as run:ID wherever a FILE is taken)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Power logs to store."), QStringLiteral("FILE..."));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read the files as this format instead of recognising it."), QStringLiteral("ID")));
    addLibraryOption(parser);
    if (!parser.parse(arguments)) {
        printUsageError(parser.errorText());
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printUsageError(QStringLiteral("import needs at least one FILE"));
        return kExitUsage;
    }
    RunLibrary library;
    const QString path = libraryPath(parser);
    if (!library.open(path)) {
        printError(path, 0, library.errorString());
        return kExitNothingLoaded;
    }
    LoadOptions options;
    options.formatId = parser.value(QStringLiteral("format"));
    QTextStream out(stdout);
    int stored = 0;
    for (const auto &file : files) {
        const ImportResult result = library.importFile(file, options);
        if (!result.ok()) {
            printError(file, result.errorLine, result.error);
            continue;
        }
        if (result.alreadyPresent)
            printError(file, 0, QStringLiteral("already in the library as run:%1").arg(result.runId));
        out << result.runId << '\n';
        out.flush();
        ++stored;
    }
    return stored > 0 ? kExitOk : kExitNothingLoaded;
}

} // namespace nightwatt::cli
