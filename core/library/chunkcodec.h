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
// 16-byte header. Compressed chunks have their bytes regrouped by significance first (all first
// bytes, then all second bytes, ...) because neighbouring readings share their high bytes, which
// zlib then packs well; NaN payloads and every bit of every value survive unchanged.
QByteArray encodeChunk(const ChunkView &chunk, bool compress);
bool decodeChunk(QByteArrayView blob, DecodedChunk &out, QString *error);

} // namespace nightwatt
