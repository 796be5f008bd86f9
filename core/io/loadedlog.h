#pragma once

#include "formats/parsesink.h"
#include "trace/trace.h"

#include <QList>
#include <QMap>
#include <QString>

namespace nightwatt {

// Everything read from one input: the trace, how it was read, and what was wrong with it.
struct LoadedLog
{
    QString path;       // as given; empty for bytes that came from elsewhere
    QString formatId;   // LogFormat::id, empty when nothing matched
    Trace trace;
    QList<ParseIssue> issues; // the first TraceBuilder::kMaxKeptIssues of them
    qint64 issueCount = 0;
    QMap<QString, QString> metadata;
    QString error;      // set when nothing usable was loaded; issues may still say more
    qint64 errorLine = 0;
    bool cancelled = false;

    bool ok() const { return error.isEmpty() && !cancelled; }
};

} // namespace nightwatt
