#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt mlperf BENCHMARK_DIR [--json]`: the energy of an MLPerf Training benchmark's runs,
// as MLCommons scores it and as measured over time to train.
int runMlperfCommand(const QStringList &arguments);

} // namespace nightwatt::cli
