#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt runs [--json] [--library PATH]`: the runs in the library.
int runRunsCommand(const QStringList &arguments);

} // namespace nightwatt::cli
