#pragma once

#include "report/runsummary.h"

#include <QString>

class QCommandLineParser;

namespace nightwatt {
struct LoadedLog;
}

namespace nightwatt::cli {

// --markers FILE, for the commands that read one log.
void addMarkersOption(QCommandLineParser &parser);
QString markersPath(const QCommandLineParser &parser);

// What was wrong in a readable marker file.
struct MarkerFileIssues
{
    QList<ParseIssue> issues;
    qint64 count = 0;
};

// Adds the markers of the file at `path` to the trace, placed on its axis. Prints the error and
// returns false when the marker file cannot be read at all.
bool readMarkerFile(const QString &path, Trace &trace, MarkerFileIssues &issues);

// The summary of a log with the markers of the file at `markersPath` (none when empty) on its
// trace, so its phases have figures. Prints the error and returns false when the marker file
// cannot be read at all; what is wrong in a readable one is kept in the input's marker issues.
bool summaryInputWithMarkers(LoadedLog &log, const QString &markersPath, RunSummary::Input &input);

// How many issues a command prints before it points to --json.
inline constexpr qsizetype kWarningsShown = 20;

// Issues as warnings on stderr, each naming `path` and its line; the first `shown` of them.
void printIssueWarnings(const QString &path, const QList<ParseIssue> &issues, qint64 issueCount, qsizetype shown);

} // namespace nightwatt::cli
