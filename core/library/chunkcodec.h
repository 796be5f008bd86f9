#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <span>
#include <vector>

namespace nightwatt {

// A slice of a run's columns, as stored in one row of the run library: times, windows (only for
// windowed timing) and one value column per channel, all of the same length.
struct ChunkView
{
    std::span<const double> times;
    std::span<const float> windows; // empty unless the run is windowed
    std::vector<std::span<const float>> values;
};

struct DecodedChunk
{
    std::vector<double> times;
    std::vector<float> windows;
    std::vector<std::vector<float>> values;
};

// Samples are stored as raw little-endian doubles and floats, column after column, behind a
// 16-byte header. With `compress`, the bytes are regrouped by significance (all first bytes, then
// all second bytes, ...) because neighbouring readings share their high bytes, and zlib packs
// them; the packed form is kept only when it is at most half the raw size, so noisy chunks stay
// quick to load. NaN payloads and every bit of every value survive unchanged.
QByteArray encodeChunk(const ChunkView &chunk, bool compress);
// Nothing in a damaged blob is trusted: every size it gives is checked against its byte length
// before anything is allocated, and a mismatch is "a sample chunk is damaged".
bool decodeChunk(QByteArrayView blob, DecodedChunk &out, QString *error);
// The most samples a stored chunk of `blobBytes` bytes can hold (the best zlib can pack), so a
// sample count read from the database can be checked before memory is reserved for it.
qint64 maxSamplesInChunk(qint64 blobBytes);
QString damagedChunkMessage();

} // namespace nightwatt
