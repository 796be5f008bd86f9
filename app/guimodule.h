#pragma once

namespace nightwatt::cli {

// Loads the GUI module (see gui/guientry.h) from beside the executable, or from where the
// package installs it relative to the executable, and runs the dashboard or a widget-drawing
// command in it. A missing or broken module is reported on stderr and returns kExitNothingLoaded.
int runDashboard(int argc, char **argv);
// `executable` is main()'s argv[0]; argv[0] here is already "nightwatt <name>".
int runGuiCommand(const char *executable, const char *name, int argc, char **argv);

} // namespace nightwatt::cli
