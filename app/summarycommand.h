#pragma once

#include "io/loadedlog.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace nightwatt::cli {

// Reads the input `summary` was given, with its options; `shownAs` is what error messages call
// it, and a usage error (an option that does not fit the input) sets `usageError`.
using SummaryInputLoader = LoadedLog (*)(const QString &input, const QCommandLineParser &parser, QString &shownAs, bool &usageError);

// A log file; Prometheus options with it are a usage error. The executable reads only files: a
// run:ID or a prom+http:// range goes to the CLI module (cli/summaryinput.h), which links the run
// library and the network client.
LoadedLog loadSummaryFile(const QString &input, const QCommandLineParser &parser, QString &shownAs, bool &usageError);

// `nightwatt summary FILE [scenario options] [--json]` and `nightwatt summary --power-w W ...`.
int runSummaryCommand(const QStringList &arguments, SummaryInputLoader loadInput);

} // namespace nightwatt::cli
