#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt summary FILE [scenario options] [--json]` and `nightwatt summary --power-w W ...`.
int runSummaryCommand(const QStringList &arguments);

} // namespace nightwatt::cli
