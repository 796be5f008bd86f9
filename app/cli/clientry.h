#pragma once

// The contract between the `nightwatt` executable and the module that holds the commands needing
// the run library (Qt Sql) or the network client (Qt Network): libnightwatt_cli.so. The
// executable links neither, so `summary` of a file starts without loading them (and Kerberos,
// which Qt Network brings); it loads this module with QLibrary for import, runs, capture,
// prometheus, and a summary of a run:ID or a prom+http:// range.

extern "C" {

// Runs a sub-command; argv[0] is "nightwatt <name>", the rest are the command's own arguments.
// Returns the command's exit code.
using NightwattCliCommandMain = int (*)(const char *name, int argc, char **argv);
inline constexpr char kNightwattCliCommandMain[] = "nightwatt_cli_command_main";

}
