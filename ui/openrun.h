#pragma once

#include "analysis/phases.h"
#include "analysis/tracestats.h"
#include "io/loadedlog.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace nightwatt {

// A loaded run as the dashboard keeps it: the log (shared, never copied), its whole-run figures
// computed on the loading thread, and the title people see.
struct OpenRun
{
    std::shared_ptr<const LoadedLog> log;
    TraceStats stats;
    QList<PhaseFigures> phases; // of its interval markers, from the same integration as `stats`
    QString title;
    bool example = false; // the bundled sample run, not a measurement

    const Trace &trace() const { return log->trace; }
};

} // namespace nightwatt

Q_DECLARE_METATYPE(nightwatt::OpenRun)
