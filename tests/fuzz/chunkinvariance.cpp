#include "chunkinvariance.h"

#include "parserecord.h"

#include <cstdio>
#include <cstdlib>

namespace nightwatt::fuzz {

namespace {

// Fine random chunks already cut inside nearly every token; feeding single bytes on top of that
// is kept to short inputs so the fuzzer stays fast.
constexpr qsizetype kByteByByteLimit = 512;
constexpr qsizetype kFineChunk = 8;
constexpr qsizetype kCoarseChunk = 1024;

void compare(const LogFormat &format, const testsupport::ParseRecord &whole, const testsupport::ParseRecord &chunked,
             const char *how)
{
    const QString difference = testsupport::firstDifference(whole, chunked);
    if (difference.isEmpty())
        return;
    std::fprintf(stderr, "%s: whole input and %s disagree: %s\n", qPrintable(format.id), how, qPrintable(difference));
    std::abort();
}

} // namespace

void checkChunkInvariance(const LogFormat &format, QByteArrayView bytes)
{
    const testsupport::ParseRecord whole = testsupport::parseWhole(format, bytes);
    const quint64 seed = testsupport::seedFromBytes(bytes);
    compare(format, whole,
            testsupport::parseInChunks(format, bytes, testsupport::randomChunkSizes(bytes.size(), seed, kFineChunk)),
            "random chunks of 1-8 bytes");
    compare(format, whole,
            testsupport::parseInChunks(format, bytes, testsupport::randomChunkSizes(bytes.size(), ~seed, kCoarseChunk)),
            "random chunks of 1-1024 bytes");
    if (bytes.size() <= kByteByByteLimit)
        compare(format, whole, testsupport::parseInChunks(format, bytes, testsupport::byteByByte(bytes.size())),
                "byte-by-byte feeding");
}

} // namespace nightwatt::fuzz
