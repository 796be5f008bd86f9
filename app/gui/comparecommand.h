#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt compare SCENARIO SCENARIO... [scenario options] [--json] [--png OUT]`: scenarios side
// by side, each a log, a run or a typed power with its own overrides.
int runCompareCommand(const QStringList &arguments);

} // namespace nightwatt::cli
