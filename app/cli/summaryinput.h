#pragma once

#include "summarycommand.h"

namespace nightwatt::cli {

// Any input of `summary`: a log file, a run:ID from the run library or a prom+http(s):// range.
LoadedLog loadAnySummaryInput(const QString &input, const QCommandLineParser &parser, QString &shownAs, bool &usageError);

} // namespace nightwatt::cli
