#include "clientry.h"

#include "capturecommand.h"
#include "clierror.h"
#include "identity.h"
#include "importcommand.h"
#include "prometheuscommand.h"
#include "runscommand.h"
#include "summaryinput.h"

#include <QCoreApplication>

#include <cstring>

namespace {

int runSummaryOfAnyInput(const QStringList &arguments)
{
    return nightwatt::cli::runSummaryCommand(arguments, &nightwatt::cli::loadAnySummaryInput);
}

} // namespace

extern "C" Q_DECL_EXPORT int nightwatt_cli_command_main(const char *name, int argc, char **argv)
{
    struct Entry
    {
        const char *name;
        int (*run)(const QStringList &);
    };
    static constexpr Entry kCommands[] = {
        {"summary", &runSummaryOfAnyInput},
        {"import", &nightwatt::cli::runImportCommand},
        {"runs", &nightwatt::cli::runRunsCommand},
        {"capture", &nightwatt::cli::runCaptureCommand},
        {"prometheus", &nightwatt::cli::runPrometheusCommand},
    };
    for (const Entry &command : kCommands) {
        if (std::strcmp(name, command.name) == 0) {
            QCoreApplication app(argc, argv);
            nightwatt::cli::setApplicationIdentity();
            return command.run(QCoreApplication::arguments());
        }
    }
    return nightwatt::cli::kExitUsage;
}
