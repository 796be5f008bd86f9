#pragma once

#include <QStringList>

namespace nightwatt::cli {

// `nightwatt prometheus presets` and `nightwatt prometheus watch prom+http://... --query ...`.
int runPrometheusCommand(const QStringList &arguments);

} // namespace nightwatt::cli
