#include "commands.h"

#include "formatscommand.h"
#include "gridscommand.h"
#include "mlperfcommand.h"
#include "summarycommand.h"

#include "io/editdistance.h"

#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace nightwatt::cli {

namespace {

int runSummaryOfFile(const QStringList &arguments)
{
    return runSummaryCommand(arguments, &loadSummaryFile);
}

} // namespace

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {"summary", "summary FILE [scenario options] [--json]   figures for one log, run:ID, a prom+http:// range (--query), or --power-w W", RunsIn::ExecutableForFiles, &runSummaryOfFile},
        {"compare", "compare SCENARIO... [--json] [--png OUT]   scenarios side by side (FILE, run:ID, power:W)", RunsIn::GuiModule, nullptr},
        {"grids", "grids [SEARCH] [--json]                     grid regions for --grid, with basis, year and source", RunsIn::Executable, &runGridsCommand},
        {"import", "import FILE... [--library PATH]             store logs in the run library, print run:ID for each", RunsIn::CliModule, nullptr},
        {"runs", "runs [--json] [--library PATH]              the run library (run:ID works as a FILE)", RunsIn::CliModule, nullptr},
        {"capture", "capture (--source SOURCE | -o FILE -- PROGRAM ARGS...)   record power live (see capture --help)", RunsIn::CliModule, nullptr},
        {"prometheus", "prometheus presets | watch URL --query Q   Prometheus exporter presets; poll live power", RunsIn::CliModule, nullptr},
        {"export", "export FILE --png OUT [--view chart|dashboard] [--size WxH]   draw the dashboard into a PNG", RunsIn::GuiModule, nullptr},
        {"mlperf", "mlperf BENCHMARK_DIR [--json]               MLPerf Training runs: MLCommons' energy score and the measured energy", RunsIn::Executable, &runMlperfCommand},
        {"formats", "formats                                     what Nightwatt reads, and how it knows", RunsIn::Executable, &runFormatsCommand},
    };
    return all;
}

const Command *findCommand(const QString &name)
{
    for (const auto &command : commands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

const Command &closestCommand(const QString &name)
{
    const auto distance = [&name](const Command &command) { return editDistance(name, QLatin1String(command.name)); };
    return *std::min_element(commands().cbegin(), commands().cend(),
                             [&](const Command &a, const Command &b) { return distance(a) < distance(b); });
}

bool opensDashboard(const char *firstArgument)
{
    return firstArgument[0] == '-' || namesLibraryOrRemoteInput(firstArgument)
        || QFileInfo::exists(QString::fromLocal8Bit(firstArgument));
}

bool namesLibraryOrRemoteInput(const char *argument)
{
    return std::strncmp(argument, "run:", 4) == 0 || std::strncmp(argument, "prom+", 5) == 0;
}

} // namespace nightwatt::cli
