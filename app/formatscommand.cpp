#include "formatscommand.h"

#include "clierror.h"

#include "formats/logformat.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace nightwatt::cli {

int runFormatsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The log formats Nightwatt reads, and how it recognises each."));
    parser.addHelpOption();
    if (const std::optional<int> done = parseCommandLine(parser, arguments))
        return *done;
    if (!parser.positionalArguments().isEmpty()) {
        printUsageError(QStringLiteral("formats takes no arguments"));
        return kExitUsage;
    }
    QTextStream out(stdout);
    for (const auto &format : logFormats()) {
        out << format.id << "\n  " << format.name << "\n  recognised by " << format.recognisedBy << "\n";
    }
    return kExitOk;
}

} // namespace nightwatt::cli
