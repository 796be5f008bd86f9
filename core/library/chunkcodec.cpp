#include "library/chunkcodec.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace nightwatt {

namespace {

constexpr char kMagic[4] = {'N', 'W', 'C', '1'};
constexpr qsizetype kHeaderBytes = 16;
constexpr quint8 kFlagWindowed = 0x1;
constexpr quint8 kFlagCompressed = 0x2;
// zlib's fastest level: imports stay quick and the byte regrouping does most of the work.
constexpr int kCompressionLevel = 1;
constexpr qsizetype kMinCompressionRatio = 2;
// qCompress() puts the unpacked size, big-endian, before zlib's stream; zlib packs at most about
// 1032 bytes into one, so a larger claim is damage, not data.
constexpr qsizetype kCompressedSizePrefixBytes = 4;
constexpr qint64 kMaxZlibRatio = 1032;
// The smallest sample: a time and nothing else.
constexpr qint64 kMinSampleBytes = sizeof(double);

template<typename T>
void appendColumn(QByteArray &out, std::span<const T> column, bool shuffle)
{
    const size_t n = column.size();
    if (n == 0)
        return;
    const qsizetype start = out.size();
    out.resize(start + qsizetype(n * sizeof(T)));
    auto *dst = reinterpret_cast<unsigned char *>(out.data() + start);
    std::vector<T> swapped;
    if constexpr (Q_BYTE_ORDER != Q_LITTLE_ENDIAN) {
        swapped.resize(n);
        for (size_t i = 0; i < n; ++i)
            swapped[i] = qToLittleEndian(column[i]);
        column = swapped;
    }
    const auto *in = reinterpret_cast<const unsigned char *>(column.data());
    if (!shuffle) {
        std::memcpy(dst, in, n * sizeof(T));
        return;
    }
    for (size_t k = 0; k < sizeof(T); ++k) {
        unsigned char *plane = dst + k * n;
        for (size_t i = 0; i < n; ++i)
            plane[i] = in[i * sizeof(T) + k];
    }
}

template<typename T>
void readColumn(const char *src, size_t n, bool shuffle, std::vector<T> &column)
{
    column.resize(n);
    if (n == 0)
        return;
    auto *dst = reinterpret_cast<unsigned char *>(column.data());
    const auto *in = reinterpret_cast<const unsigned char *>(src);
    if (!shuffle) {
        std::memcpy(dst, in, n * sizeof(T));
    } else {
        // Plane by plane: reads run straight through the input, which is what keeps this fast.
        for (size_t k = 0; k < sizeof(T); ++k) {
            const unsigned char *plane = in + k * n;
            for (size_t i = 0; i < n; ++i)
                dst[i * sizeof(T) + k] = plane[i];
        }
    }
    if constexpr (Q_BYTE_ORDER != Q_LITTLE_ENDIAN) {
        for (auto &value : column)
            value = qFromLittleEndian(value);
    }
}

} // namespace

QByteArray encodeChunk(const ChunkView &chunk, bool compress)
{
    const size_t n = chunk.times.size();
    const bool windowed = !chunk.windows.empty();
    auto payload = [&](bool shuffle) {
        QByteArray bytes;
        bytes.reserve(qsizetype(n * (sizeof(double) + (windowed ? sizeof(float) : 0) + chunk.values.size() * sizeof(float))));
        appendColumn(bytes, chunk.times, shuffle);
        if (windowed)
            appendColumn(bytes, chunk.windows, shuffle);
        for (const auto &column : chunk.values)
            appendColumn(bytes, column, shuffle);
        return bytes;
    };
    QByteArray body = payload(false);
    const qsizetype rawBytes = body.size();
    if (compress) {
        // Inflating is most of the cost of a load; it is only worth it when it halves the size.
        // Noisy readings stay raw (still 8 + 4 bytes per channel per sample, no per-row cost).
        QByteArray packed = qCompress(payload(true), kCompressionLevel);
        if (packed.size() <= rawBytes / kMinCompressionRatio)
            body = std::move(packed);
        else
            compress = false;
    }

    QByteArray out(kHeaderBytes, '\0');
    std::memcpy(out.data(), kMagic, sizeof kMagic);
    qToLittleEndian<quint32>(quint32(n), out.data() + 4);
    qToLittleEndian<quint16>(quint16(chunk.values.size()), out.data() + 8);
    out[10] = char((windowed ? kFlagWindowed : 0) | (compress ? kFlagCompressed : 0));
    qToLittleEndian<quint32>(quint32(rawBytes), out.data() + 12);
    out += body;
    return out;
}

bool decodeChunk(QByteArrayView blob, DecodedChunk &out, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (blob.size() < kHeaderBytes || std::memcmp(blob.data(), kMagic, sizeof kMagic) != 0)
        return fail(QStringLiteral("a sample chunk has no valid header"));
    const size_t n = qFromLittleEndian<quint32>(blob.data() + 4);
    const size_t channels = qFromLittleEndian<quint16>(blob.data() + 8);
    const auto flags = quint8(blob[10]);
    const qsizetype payloadBytes = qsizetype(qFromLittleEndian<quint32>(blob.data() + 12));
    const bool windowed = flags & kFlagWindowed;
    const bool compressed = flags & kFlagCompressed;
    const qsizetype expected = qsizetype(n * (sizeof(double) + (windowed ? sizeof(float) : 0) + channels * sizeof(float)));
    if (payloadBytes != expected)
        return fail(QStringLiteral("a sample chunk has the wrong size"));

    QByteArray inflated;
    QByteArrayView payload = blob.sliced(kHeaderBytes);
    if (compressed) {
        // qUncompress() would allocate whatever its prefix claims, and warn on stderr when it fails.
        if (payload.size() <= kCompressedSizePrefixBytes
            || qFromBigEndian<quint32>(payload.data()) != quint32(expected)
            || qint64(expected) > qint64(payload.size() - kCompressedSizePrefixBytes) * kMaxZlibRatio)
            return fail(damagedChunkMessage());
        inflated = qUncompress(reinterpret_cast<const uchar *>(payload.data()), payload.size());
        payload = inflated;
    }
    if (payload.size() != expected)
        return fail(damagedChunkMessage());

    const char *p = payload.data();
    readColumn(p, n, compressed, out.times);
    p += n * sizeof(double);
    out.windows.clear();
    if (windowed) {
        readColumn(p, n, compressed, out.windows);
        p += n * sizeof(float);
    }
    out.values.resize(channels);
    for (auto &column : out.values) {
        readColumn(p, n, compressed, column);
        p += n * sizeof(float);
    }
    return true;
}

qint64 maxSamplesInChunk(qint64 blobBytes)
{
    const qint64 bodyBytes = blobBytes - kHeaderBytes;
    if (bodyBytes <= 0)
        return 0;
    const qint64 rawSamples = bodyBytes / kMinSampleBytes;
    const qint64 packedSamples = std::max<qint64>(0, bodyBytes - kCompressedSizePrefixBytes) * kMaxZlibRatio / kMinSampleBytes;
    return std::max(rawSamples, packedSamples);
}

QString damagedChunkMessage()
{
    return QStringLiteral("a sample chunk is damaged");
}

} // namespace nightwatt
