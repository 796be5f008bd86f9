#pragma once

#include "formats/parsesink.h"

#include <QList>
#include <QString>

#include <optional>

namespace nightwatt {

class Trace;

// What reading a marker file beside a log gave: the markers were added to the log's trace; what
// was wrong in a readable file is kept as issues; `failure` says why none could be read.
struct MarkerFileRead
{
    std::optional<ParseIssue> failure;
    QList<ParseIssue> issues;
    qint64 issueCount = 0;
    qsizetype markersAdded = 0;

    bool ok() const { return !failure; }
};

// Adds the markers of the file at `path` to `trace`, placed on its axis: the one reader of a
// marker file for the commands and the window.
MarkerFileRead readMarkerFile(const QString &path, Trace &trace);

} // namespace nightwatt
