#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt export FILE --png OUT [--view chart|dashboard] [--size WxH] [scenario options]`:
// the dashboard (or the power chart alone) drawn off screen into a PNG.
int runExportCommand(const QStringList &arguments);

} // namespace nightwatt::cli
