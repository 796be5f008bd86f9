#include "markerfile.h"

#include "clierror.h"

#include "io/loadedlog.h"
#include "io/markerfile.h"

#include <QCommandLineParser>

namespace nightwatt::cli {

void addMarkersOption(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(
        QStringLiteral("markers"),
        QStringLiteral("Training phases from a marker file: a CSV time,event,label that the training script appends to "
                       "(event start, stop or mark). Times as epoch seconds or date and time are placed by the log's clock, "
                       "small numbers as seconds from the log's first sample."),
        QStringLiteral("FILE")));
}

QString markersPath(const QCommandLineParser &parser)
{
    return parser.value(QStringLiteral("markers"));
}

bool readMarkerFile(const QString &path, Trace &trace, MarkerFileIssues &issues)
{
    const MarkerFileRead read = nightwatt::readMarkerFile(path, trace);
    if (read.failure) {
        printError(path, read.failure->line, read.failure->message);
        return false;
    }
    issues = {read.issues, read.issueCount};
    return true;
}

bool summaryInputWithMarkers(LoadedLog &log, const QString &markersPath, RunSummary::Input &input)
{
    MarkerFileIssues issues;
    if (!markersPath.isEmpty() && !readMarkerFile(markersPath, log.trace, issues))
        return false;
    input = summaryInputFromLog(log);
    input.markersPath = markersPath;
    input.markerIssues = issues.issues;
    input.markerIssueCount = issues.count;
    return true;
}

void printIssueWarnings(const QString &path, const QList<ParseIssue> &issues, qint64 issueCount, qsizetype shown)
{
    for (const auto &issue : issues.first(std::min(issues.size(), shown)))
        printError(path, issue.line, QStringLiteral("warning: ") + issue.message);
    if (issueCount > shown)
        printError(path, 0, QStringLiteral("warning: %1 more issues not shown (see --json)").arg(issueCount - shown));
}

} // namespace nightwatt::cli
