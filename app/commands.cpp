#include "commands.h"

#include "formatscommand.h"
#include "prometheuscommand.h"
#include "summarycommand.h"

namespace nightwatt::cli {

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {"summary", "summary FILE [scenario options] [--json]   figures for one log, a prom+http:// range (--query), or --power-w W", &runSummaryCommand, false},
        {"prometheus", "prometheus presets | watch URL --query Q   Prometheus exporter presets; poll live power", &runPrometheusCommand, false},
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
