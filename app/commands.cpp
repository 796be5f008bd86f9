#include "commands.h"

#include "exportcommand.h"
#include "formatscommand.h"
#include "summarycommand.h"

namespace nightwatt::cli {

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {"summary", "summary FILE [scenario options] [--json]   figures for one log (or --power-w W)", &runSummaryCommand, false},
        {"export", "export FILE --png OUT [--view chart|dashboard] [--size WxH]   draw the dashboard into a PNG", &runExportCommand, true},
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
