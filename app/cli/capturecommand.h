#pragma once

#include <QStringList>

namespace nightwatt::cli {

// nightwatt capture --source SOURCE [options] [-o FILE]
// nightwatt capture [options] -o FILE -- PROGRAM [ARGS...]
int runCaptureCommand(const QStringList &arguments);

} // namespace nightwatt::cli
