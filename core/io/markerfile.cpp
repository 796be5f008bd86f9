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
    const QList<Marker> before = trace.markers();
    for (const Marker &marker : markers.trace().markers()) {
        if (!before.contains(marker)) {
            trace.addMarker(marker);
            ++read.markersAdded;
        }
    }
    read.issues = markers.issues();
    read.issueCount = markers.issueCount();
    return read;
}

bool isMarkerFile(const QString &path)
{
    // The header is the first line; a few KB hold it with room to spare.
    constexpr qint64 kHeadBytes = 4096;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && MarkerFileParser::isMarkerFile(file.read(kHeadBytes));
}

} // namespace nightwatt
