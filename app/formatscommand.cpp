#include "formatscommand.h"

#include "clierror.h"

#include "formats/logformat.h"

#include <QTextStream>

namespace nightwatt::cli {

int runFormatsCommand(const QStringList &arguments)
{
    if (arguments.size() > 1) {
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
