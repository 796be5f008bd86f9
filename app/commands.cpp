#include "commands.h"

#include "capturecommand.h"
#include "formatscommand.h"
#include "gridscommand.h"
#include "importcommand.h"
#include "runscommand.h"
#include "prometheuscommand.h"
#include "summarycommand.h"

namespace nightwatt::cli {

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {"summary", "summary FILE [scenario options] [--json]   figures for one log, run:ID, a prom+http:// range (--query), or --power-w W", &runSummaryCommand, false},
        {"compare", "compare SCENARIO... [--json] [--png OUT]   scenarios side by side (FILE, run:ID, power:W)", nullptr, true},
        {"grids", "grids [SEARCH] [--json]                     grid regions for --grid, with basis, year and source", &runGridsCommand, false},
        {"import", "import FILE... [--library PATH]             store logs in the run library, print run ids", &runImportCommand, false},
        {"runs", "runs [--json] [--library PATH]              the run library (run:ID works as a FILE)", &runRunsCommand, false},
        {"capture", "capture (--source SOURCE | -o FILE -- PROGRAM ARGS...)   record power live (see capture --help)", &runCaptureCommand, false},
        {"prometheus", "prometheus presets | watch URL --query Q   Prometheus exporter presets; poll live power", &runPrometheusCommand, false},
        {"export", "export FILE --png OUT [--view chart|dashboard] [--size WxH]   draw the dashboard into a PNG", nullptr, true},
        {"formats", "formats                                     what Nightwatt reads, and how it knows", &runFormatsCommand, false},
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

} // namespace nightwatt::cli
