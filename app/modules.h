#pragma once

namespace nightwatt::cli {

// The executable's modules are loaded from beside it, or from where the package installs them
// relative to it. A missing or broken module is reported on stderr and returns kExitNothingLoaded.

// The GUI module (gui/guientry.h): the dashboard, with argc and argv as main() received them...
int runDashboard(int argc, char **argv);
// ...and the widget-drawing commands. `executable` is main()'s argv[0]; argv[0] here is already
// "nightwatt <name>".
int runGuiCommand(const char *executable, const char *name, int argc, char **argv);
// The CLI module (cli/clientry.h): the commands that need the run library or the network client.
int runCliCommand(const char *executable, const char *name, int argc, char **argv);

} // namespace nightwatt::cli
