#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt import FILE... [--library PATH] [--format ID]`: prints each stored run's id.
int runImportCommand(const QStringList &arguments);

} // namespace nightwatt::cli
