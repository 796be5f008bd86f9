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

// The summary of a log with the markers of the file at `markersPath` (none when empty) on its
// trace, so its phases have figures. Prints the error and returns false when the marker file
// cannot be read at all; what is wrong in a readable one is kept in the input's marker issues.
bool summaryInputWithMarkers(LoadedLog &log, const QString &markersPath, RunSummary::Input &input);

// Issues as warnings on stderr, each naming `path` and its line; the first `shown` of them.
void printIssueWarnings(const QString &path, const QList<ParseIssue> &issues, qint64 issueCount, qsizetype shown);

} // namespace nightwatt::cli
