#pragma once

#include "formats/logformat.h"
#include "formats/parsesink.h"
#include "trace/trace.h"

#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <vector>

namespace nightwatt::testsupport {

// Everything one parser run reported, so two runs over the same bytes can be compared.
struct ParseRecord
{
    Trace trace;
    QList<ParseIssue> issues;
    qint64 issueCount = 0;
    QMap<QString, QString> metadata;
};

// Feeds `bytes` to a fresh parser of `format`, one chunk per entry of `chunkSizes` (the last
// chunk takes whatever is left), then finishes it.
ParseRecord parseInChunks(const LogFormat &format, QByteArrayView bytes, const std::vector<qsizetype> &chunkSizes);
ParseRecord parseWhole(const LogFormat &format, QByteArrayView bytes);
// As LogLoader reads a big input on two threads (here on one): a head parser reads [0, split), a
// tail parser of the same format (startAsTail) reads the rest, both in chunks of `chunkSize`
// bytes, then the head joins the tail and finishes. `joined` says whether joinTail() took it
// (false: the head read the tail's bytes itself, as the loader does then).
ParseRecord parseSplit(const LogFormat &format, QByteArrayView bytes, qsizetype split, qsizetype chunkSize, bool *joined = nullptr);

// As LogLoader reads a big input in segments: the head parser reads [starts[0] = 0, starts[1]),
// a tail parser of its own reads each other segment, and the head joins them in order (reading a
// segment itself where a join is refused), then finishes. `joined`: how many joins were taken.
ParseRecord parseSegments(const LogFormat &format, QByteArrayView bytes, const std::vector<qsizetype> &starts, qsizetype chunkSize,
                          int *joined = nullptr);

// Chunk sizes of 1..maxChunk bytes covering `total` bytes, the same for the same seed.
std::vector<qsizetype> randomChunkSizes(qsizetype total, quint64 seed, qsizetype maxChunk);
std::vector<qsizetype> byteByByte(qsizetype total);

// A seed taken from the bytes themselves, so a fuzz input replays with the same splits.
quint64 seedFromBytes(QByteArrayView bytes);

// Empty when both runs reported the same; otherwise what differs first, for a failure message.
QString firstDifference(const ParseRecord &expected, const ParseRecord &actual);

} // namespace nightwatt::testsupport
