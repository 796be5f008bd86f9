#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt export FILE --png|--svg|--pdf OUT [--view chart|dashboard] [--size WxH] [scenario options]`:
// the report page (or the power chart alone) drawn off screen into PNG, SVG or PDF files.
int runExportCommand(const QStringList &arguments);

} // namespace nightwatt::cli
