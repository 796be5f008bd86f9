#pragma once

#include "formats/parsesink.h"

#include <QList>
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
// What went wrong reading a log that still loaded, as "warning:" lines: the first twenty of
// `issues`, then how many more there are of `issueCount` (--json lists them all).
void printIssues(const QString &file, const QList<ParseIssue> &issues, qint64 issueCount);

// Parses a command's arguments. A usage error is printed; --help prints the help, then
// `moreHelp`. Returns the exit code the command ends with then, or nullopt to go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const QString &moreHelp = {});

} // namespace nightwatt::cli
