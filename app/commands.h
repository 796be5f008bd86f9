#pragma once

#include <QString>
#include <QStringList>

namespace nightwatt::cli {

// Where a sub-command runs. The executable links QtCore and the engine's log readers only, so
// `summary` of a file starts quickly; the rest is in modules loaded when asked for (modules.h).
enum class RunsIn {
    Executable,
    ExecutableForFiles, // the CLI module reads a run:ID or a prom+http:// range
    CliModule, // needs the run library (Qt Sql) or the network client (Qt Network): cli/clientry.h
    GuiModule, // draws widgets (offscreen is fine): gui/guientry.h
};

struct Command
{
    const char *name;
    const char *synopsis;
    RunsIn runsIn;
    int (*run)(const QStringList &arguments); // in the executable only; arguments[0] is "nightwatt <name>"
};

// Every headless sub-command, in the order `nightwatt --help` lists them.
const QList<Command> &commands();
const Command *findCommand(const QString &name);

// The command whose name is nearest to `name` by edit distance, for "did you mean".
const Command &closestCommand(const QString &name);

// What the dashboard opens: an existing file or folder, a run:ID or a prom+http:// range, or
// options. Anything else where a command goes is a mistyped command, not a file to open.
bool opensDashboard(const char *firstArgument);

// An argument that names a run of the library ("run:ID") or a Prometheus range ("prom+http://").
bool namesLibraryOrRemoteInput(const char *argument);

} // namespace nightwatt::cli
