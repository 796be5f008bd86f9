#include "io/markerfile.h"

#include "formats/markerfileparser.h"
#include "formats/tracebuilder.h"

#include <QFile>

namespace nightwatt {

MarkerFileRead readMarkerFile(const QString &path, Trace &trace)
{
    MarkerFileRead read;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        read.failure = ParseIssue{0, QStringLiteral("cannot read the marker file: %1").arg(file.errorString())};
        return read;
    }
    TraceBuilder markers;
    MarkerFileParser parser(MarkerAxis::of(trace));
    parser.setSink(&markers);
    parser.feed(file.readAll());
    parser.finish();
    if (const auto &failure = markers.failure(); failure && markers.trace().markers().isEmpty()) {
        read.failure = ParseIssue{failure->line, failure->message};
        return read;
    }
    for (const Marker &marker : markers.trace().markers())
        trace.addMarker(marker);
    read.markersAdded = markers.trace().markers().size();
    read.issues = markers.issues();
    read.issueCount = markers.issueCount();
    return read;
}

} // namespace nightwatt
