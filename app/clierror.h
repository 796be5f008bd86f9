#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace nightwatt::cli {

// Exit codes shared by every sub-command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitNothingLoaded = 2;
inline constexpr int kExitCaptureFailed = 3; // capture: the source failed, or the sampler died unasked

// "nightwatt: FILE:LINE: message" (or without LINE / FILE) on stderr, through safeMessage():
// whatever a log or a server put into the message, no secret or escape sequence gets out.
void printError(const QString &file, qint64 line, const QString &message);
void printUsageError(const QString &message);

// Parses a command's arguments. A usage error is printed; --help prints the help, then
// `moreHelp`. Returns the exit code the command ends with then, or nullopt to go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const QString &moreHelp = {});

} // namespace nightwatt::cli
