#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt grids [SEARCH] [--json]`: the bundled grid regions --grid accepts.
int runGridsCommand(const QStringList &arguments);

} // namespace nightwatt::cli
