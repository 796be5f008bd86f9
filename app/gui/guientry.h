#pragma once

// The contract between the `nightwatt` executable and the module that holds everything drawing
// widgets (libnightwatt_gui.so). The executable links QtCore only, so headless commands such as
// `summary` start without the dynamic loader relocating Qt Gui, Widgets and Charts; it loads the
// module with QLibrary when the dashboard or a widget-drawing command is asked for.

extern "C" {

// Opens the dashboard; argc and argv as main() received them.
using NightwattDashboardMain = int (*)(int argc, char **argv);
inline constexpr char kNightwattDashboardMain[] = "nightwatt_dashboard_main";

// Runs a widget-drawing sub-command (compare, export); argv[0] is "nightwatt <name>", the rest
// are the command's own arguments. Returns the command's exit code.
using NightwattGuiCommandMain = int (*)(const char *name, int argc, char **argv);
inline constexpr char kNightwattGuiCommandMain[] = "nightwatt_gui_command_main";

}
