#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt formats`: each format and how it is recognised.
int runFormatsCommand(const QStringList &arguments);

} // namespace nightwatt::cli
