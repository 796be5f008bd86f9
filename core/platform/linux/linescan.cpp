#include "platform/linescan.h"

// The vector scan is AVX2, chosen at run time, so one build serves every x86-64 machine. Linux
// on other processors (Jetson's ARM cores) has the scalar scan only.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NIGHTWATT_AVX2_LINE_SCAN 1
#include <immintrin.h>
#endif

namespace nightwatt::platform {

#if defined(NIGHTWATT_AVX2_LINE_SCAN)
namespace {
constexpr qsizetype kPrefetchAhead = 2048;
} // namespace

bool hasVectorLineScan()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    return has;
}

__attribute__((target("avx2,popcnt"))) const char *skipDullBlocks(const char *scan, const char *end, const char *&lineStart,
                                                                  qint64 &lineNumber, const LineByteClasses &classes,
                                                                  LineStartTest startsInterestingly, const void *context,
                                                                  quint64 &newlines)
{
    const __m256i low = _mm256_load_si256(reinterpret_cast<const __m256i *>(classes.low));
    const __m256i high = _mm256_load_si256(reinterpret_cast<const __m256i *>(classes.high));
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i newlineClass = _mm256_set1_epi8(char(kNewlineClass));
    const __m256i lastBits = _mm256_set1_epi8(char(classes.lastBits));
    const __m256i firstBits = _mm256_set1_epi8(char(classes.firstBits));
    const __m256i zero = _mm256_setzero_si256();
    const auto classOf = [&classes](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return static_cast<unsigned char>(classes.low[byte & 15] & classes.high[byte >> 4]);
    };
    while (end - scan >= 64) {
        // The hardware prefetcher stops at page boundaries; a mapped log is read once, from memory.
        _mm_prefetch(scan + kPrefetchAhead, _MM_HINT_T0);
        quint64 newline = 0, last = 0, first = 0;
        for (int half = 0; half < 2; ++half) {
            const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(scan + 32 * half));
            const __m256i lowClass = _mm256_shuffle_epi8(low, _mm256_and_si256(bytes, nibble));
            const __m256i highClass = _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), nibble));
            const __m256i byteClass = _mm256_and_si256(lowClass, highClass);
            const int shift = 32 * half;
            newline |= quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(byteClass, newlineClass)))) << shift;
            last |= quint64(~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(byteClass, lastBits), zero)))) << shift;
            first |= quint64(~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(byteClass, firstBits), zero)))) << shift;
        }
        if (!newline) {
            scan += 64;
            continue;
        }
        const int lastNewline = 63 - __builtin_clzll(newline);
        // A line ends interestingly when the byte before its newline is (the one before the
        // block for a newline at its start). It may start so when the byte after a newline is
        // (the line in progress at the block's start: its first byte); its first bytes decide.
        const bool interestingEnd = (newline & (last << 1)) != 0
                                    || ((newline & 1) && scan > lineStart && (classOf(scan[-1]) & classes.lastBits));
        bool interestingStart = false;
        if (!interestingEnd) {
            if (classOf(*lineStart) & classes.firstBits)
                interestingStart = startsInterestingly(context, lineStart, scan + __builtin_ctzll(newline) - lineStart);
            for (quint64 starts = (newline << 1) & first & ((quint64(1) << lastNewline) - 1); starts && !interestingStart;
                 starts &= starts - 1) {
                const int at = __builtin_ctzll(starts);
                const int lineEnd = __builtin_ctzll(newline & (~quint64(0) << at));
                interestingStart = startsInterestingly(context, scan + at, lineEnd - at);
            }
        }
        if (interestingEnd || interestingStart) {
            newlines = newline;
            return scan;
        }
        lineNumber += __builtin_popcountll(newline);
        lineStart = scan + lastNewline + 1;
        scan += 64;
    }
    return scan;
}
#else
bool hasVectorLineScan()
{
    return false;
}

const char *skipDullBlocks(const char *scan, const char *, const char *&, qint64 &, const LineByteClasses &, LineStartTest, const void *,
                           quint64 &)
{
    return scan;
}
#endif

} // namespace nightwatt::platform
