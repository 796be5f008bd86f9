// The marker file reader on arbitrary bytes. A marker file is written by a training script and
// may be cut, appended to while read, or not a marker file at all: the reader must not crash, and
// must read the same markers and issues whatever the chunking, on a log with a wall clock and on
// one without.
#include "formats/markerfileparser.h"
#include "formats/tracebuilder.h"

#include <QDateTime>
#include <QTimeZone>

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

using namespace nightwatt;

struct MarkersRead
{
    QList<Marker> markers;
    QList<ParseIssue> issues;
    qint64 issueCount = 0;
};

MarkersRead readMarkers(const MarkerAxis &axis, QByteArrayView bytes, const QList<qsizetype> &chunkSizes)
{
    TraceBuilder builder;
    MarkerFileParser parser(axis);
    parser.setSink(&builder);
    qsizetype offset = 0;
    for (const qsizetype size : chunkSizes) {
        parser.feed(bytes.sliced(offset, size));
        offset += size;
    }
    parser.feed(bytes.sliced(offset));
    parser.finish();
    return {builder.trace().markers(), builder.issues(), builder.issueCount()};
}

bool sameMarker(const Marker &a, const Marker &b)
{
    // Bitwise, so that two NaNs (which a reader must never produce) still show up as a finding
    // through the check below rather than as a spurious difference.
    return a.kind == b.kind && a.label == b.label && std::memcmp(&a.startS, &b.startS, sizeof(double)) == 0
        && a.endS.has_value() == b.endS.has_value() && (!a.endS || std::memcmp(&*a.endS, &*b.endS, sizeof(double)) == 0);
}

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "marker file: %s %s\n", what, qPrintable(detail));
    std::abort();
}

void compare(const MarkersRead &whole, const MarkersRead &chunked)
{
    if (whole.markers.size() != chunked.markers.size())
        fail("marker count differs when chunked:", QStringLiteral("%1 vs %2").arg(whole.markers.size()).arg(chunked.markers.size()));
    for (qsizetype i = 0; i < whole.markers.size(); ++i) {
        if (!sameMarker(whole.markers[i], chunked.markers[i]))
            fail("a marker differs when chunked:", whole.markers[i].label);
        if (!std::isfinite(whole.markers[i].startS) || (whole.markers[i].endS && !std::isfinite(*whole.markers[i].endS)))
            fail("a marker time is not finite:", whole.markers[i].label);
        if (whole.markers[i].endS && *whole.markers[i].endS < whole.markers[i].startS)
            fail("an interval ends before it starts:", whole.markers[i].label);
    }
    if (whole.issueCount != chunked.issueCount || whole.issues.size() != chunked.issues.size())
        fail("issue count differs when chunked:", QStringLiteral("%1 vs %2").arg(whole.issueCount).arg(chunked.issueCount));
    for (qsizetype i = 0; i < whole.issues.size(); ++i) {
        if (whole.issues[i].line != chunked.issues[i].line || whole.issues[i].message != chunked.issues[i].message)
            fail("an issue differs when chunked:", whole.issues[i].message + QStringLiteral(" / ") + chunked.issues[i].message);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider provider(data, size);
    MarkerAxis axis;
    if (provider.ConsumeBool())
        axis.clockAtZero = QDateTime::fromSecsSinceEpoch(1'700'000'000 + provider.ConsumeIntegralInRange<int>(-86400, 86400), QTimeZone::utc());
    axis.firstSampleS = provider.ConsumeFloatingPointInRange<double>(-1e6, 1e6);
    axis.lastSampleS = axis.firstSampleS + provider.ConsumeFloatingPointInRange<double>(0, 1e6);
    QList<qsizetype> cuts;
    const int cutCount = provider.ConsumeIntegralInRange<int>(0, 8);
    for (int i = 0; i < cutCount; ++i)
        cuts.append(provider.ConsumeIntegralInRange<qsizetype>(0, 64));
    const std::string rest = provider.ConsumeRemainingBytesAsString();
    const QByteArrayView bytes(rest.data(), qsizetype(rest.size()));

    QList<qsizetype> chunkSizes;
    qsizetype used = 0;
    for (const qsizetype cut : std::as_const(cuts)) {
        const qsizetype sizeOfChunk = std::min(cut, bytes.size() - used);
        chunkSizes.append(sizeOfChunk);
        used += sizeOfChunk;
    }
    compare(readMarkers(axis, bytes, {}), readMarkers(axis, bytes, chunkSizes));
    return 0;
}
