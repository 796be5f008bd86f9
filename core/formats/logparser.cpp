#include "formats/logparser.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The filtered scan uses AVX2 where the processor has it, chosen at run time, so one build serves
// every x86-64 machine.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NIGHTWATT_AVX2_LINE_SCAN 1
#include <immintrin.h>
#endif

namespace nightwatt {

namespace {

// What a line may end in besides its text: CR of a CRLF, NUL padding, blanks an editor or a
// `tee` left. A line ending in one of them takes the slow path of the filtered scan.
bool isLineEndFiller(char c)
{
    return c == '\r' || c == '\0' || c == ' ' || c == '\t';
}

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    while (!line.isEmpty() && isLineEndFiller(line.back()))
        line.chop(1);
    return line;
}

// Where the first line of `bytes` ends, if that decides how its lines end: a CR not followed by
// LF (old Mac editors, some serial loggers) or anything else. Nothing yet when no line has ended,
// or the first CR is the last byte.
std::optional<bool> endsLinesWithLoneCr(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n')
            return false;
        if (bytes[i] == '\r')
            return i + 1 < bytes.size() ? std::optional<bool>(bytes[i + 1] != '\n') : std::nullopt;
    }
    return std::nullopt;
}

constexpr unsigned char kNewlineClass = 1;

std::atomic_bool g_vectorScanAllowed = true;

#if defined(NIGHTWATT_AVX2_LINE_SCAN)
constexpr qsizetype kPrefetchAhead = 2048;

bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    return has;
}

// Steps over 64-byte blocks in which no line that ends there is interesting, counting their
// lines. Stops at the first block that ends an interesting line (its newlines in `newlines`),
// or where fewer than 64 bytes are left. A byte's class is low[byte & 15] & high[byte >> 4]:
// one bit per byte value the filter names, so the test is exact.
template<typename Classes, typename StartTest>
__attribute__((target("avx2,popcnt"))) const char *skipDullBlocks(const char *scan, const char *end, const char *&lineStart,
                                                                  qint64 &lineNumber, const Classes &classes,
                                                                  const StartTest &startsInterestingly, quint64 &newlines)
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
                interestingStart = startsInterestingly(lineStart, scan + __builtin_ctzll(newline) - lineStart);
            for (quint64 starts = (newline << 1) & first & ((quint64(1) << lastNewline) - 1); starts && !interestingStart;
                 starts &= starts - 1) {
                const int at = __builtin_ctzll(starts);
                const int lineEnd = __builtin_ctzll(newline & (~quint64(0) << at));
                interestingStart = startsInterestingly(scan + at, lineEnd - at);
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
#endif

bool onlyPadding(QByteArrayView line)
{
    return std::all_of(line.begin(), line.end(), isLineEndFiller);
}

} // namespace

qsizetype LogParser::splitPoint(QByteArrayView, qsizetype) const
{
    return -1;
}

void LogParser::startAsTail(QByteArrayView) {}

bool LogParser::joinTail(LogParser &)
{
    return false;
}

void LineLogParser::startAsTail(QByteArrayView before)
{
    // The tail starts mid-input: a BOM there is data, not a marker; the lines end as they did before.
    m_tail = true;
    m_atStart = false;
    if (const std::optional<bool> loneCr = endsLinesWithLoneCr(before))
        m_lineBreaks = *loneCr ? LineBreaks::LoneCr : LineBreaks::Newline;
}

LineLogParser *LineLogParser::joinableTail(LogParser &tail) const
{
    auto *lines = dynamic_cast<LineLogParser *>(&tail);
    // The head must end exactly at the split point, a line start; anything pending means it did not.
    if (!lines || !lines->m_tail || m_tail || !m_pending.isEmpty() || m_atStart)
        return nullptr;
    return lines;
}

bool LineLogParser::joinTail(LogParser &tail)
{
    LineLogParser *lines = joinableTail(tail);
    if (!lines || !replayTail(*lines, m_lineNumber))
        return false;
    m_lineNumber += lines->m_lineNumber;
    m_pending = std::exchange(lines->m_pending, {});
    return true;
}

bool LineLogParser::replayTail(LineLogParser &, qint64)
{
    return false;
}

void LineLogParser::setLineFilter(std::initializer_list<QByteArrayView> starts, QByteArrayView lastChars)
{
    m_filtered = true;
    m_interestingFirst.reset();
    m_interestingLast.reset();
    m_starts.clear();
    QByteArray firstChars;
    for (QByteArrayView start : starts) {
        if (start.isEmpty())
            continue;
        LineStart word{0, 0, std::min<qsizetype>(start.size(), sizeof(quint64))};
        std::memcpy(&word.bytes, start.data(), size_t(word.length));
        std::memset(&word.mask, 0xFF, size_t(word.length));
        m_starts.push_back(word);
        m_interestingFirst.set(static_cast<unsigned char>(start.front()));
        if (!firstChars.contains(start.front()))
            firstChars += start.front();
    }
    for (char c : lastChars)
        m_interestingLast.set(static_cast<unsigned char>(c));

    // Class bit 0 is the newline; each other byte value the scan must see gets a bit of its own.
    // Line-end filler before a newline sends a line to deliver(), which strips it. Its four bytes
    // share two bits (NUL and space: high nibble 0 or 2, low nibble 0; CR and tab: high nibble 0,
    // low nibble 9 or D), which match exactly those bytes, so the filter keeps bits for its own.
    ByteClasses classes;
    std::fill(std::begin(classes.low), std::end(classes.low), 0);
    std::fill(std::begin(classes.high), std::end(classes.high), 0);
    std::vector<std::vector<unsigned char>> named{{static_cast<unsigned char>('\n')}}; // the bytes of each bit
    const auto classBit = [&](std::initializer_list<unsigned char> bytes) -> unsigned char {
        auto known = std::find_if(named.begin(), named.end(), [&](const auto &bit) { return bit == std::vector(bytes); });
        if (known == named.end()) {
            named.emplace_back(bytes);
            known = named.end() - 1;
        }
        return static_cast<unsigned char>(1u << std::min<size_t>(size_t(known - named.begin()), 7));
    };
    for (char c : lastChars)
        classes.lastBits |= classBit({static_cast<unsigned char>(c)});
    classes.lastBits |= classBit({'\0', ' '}) | classBit({'\r', '\t'});
    for (char c : firstChars)
        classes.firstBits |= classBit({static_cast<unsigned char>(c)});
    m_byteClasses.reset();
    if (named.size() > 8 || ((classes.lastBits | classes.firstBits) & kNewlineClass))
        return; // more byte values than class bits, or a newline among them
    for (size_t bit = 0; bit < named.size(); ++bit) {
        for (const unsigned char byte : named[bit]) {
            for (int lane = 0; lane < 32; lane += 16) {
                classes.low[lane + (byte & 15)] |= static_cast<unsigned char>(1u << bit);
                classes.high[lane + (byte >> 4)] |= static_cast<unsigned char>(1u << bit);
            }
        }
    }
    m_byteClasses = classes;
}

void LineLogParser::setVectorScanAllowed(bool allowed)
{
    g_vectorScanAllowed = allowed;
}

void LineLogParser::feed(QByteArrayView bytes)
{
    if (m_atStart && !bytes.isEmpty()) {
        if (!m_pending.isEmpty()) {
            // A BOM split across chunks: wait until three bytes are there to decide.
            m_pending.append(bytes.data(), bytes.size());
            if (m_pending.size() < 3)
                return;
            const QByteArray joined = std::exchange(m_pending, {});
            feed(joined);
            return;
        }
        if (bytes.size() < 3 && QByteArrayView("\xEF\xBB\xBF").startsWith(bytes)) {
            m_pending.append(bytes.data(), bytes.size());
            return;
        }
        if (bytes.startsWith("\xEF\xBB\xBF"))
            bytes = bytes.sliced(3);
        m_atStart = false;
    }
    if (m_lineBreaks == LineBreaks::Unknown) {
        // A CR that ended the last chunk is decided by the byte after it.
        const std::optional<bool> loneCr = !m_pending.isEmpty() && m_pending.back() == '\r' && !bytes.isEmpty()
                                               ? std::optional<bool>(bytes.front() != '\n')
                                               : endsLinesWithLoneCr(bytes);
        if (loneCr)
            m_lineBreaks = *loneCr ? LineBreaks::LoneCr : LineBreaks::Newline;
    }
    if (m_lineBreaks == LineBreaks::LoneCr) {
        // Rare enough for a copy: each CR becomes the newline it stands for.
        if (!m_pending.isEmpty() && m_pending.back() == '\r')
            deliver(std::exchange(m_pending, {}));
        QByteArray lines(bytes.data(), bytes.size());
        std::replace(lines.begin(), lines.end(), '\r', '\n');
        feedLines(lines);
        return;
    }
    feedLines(bytes);
}

void LineLogParser::feedLines(QByteArrayView bytes)
{
    const char *data = bytes.data();
    const char *const end = data + bytes.size();
    if (!m_pending.isEmpty()) {
        const void *found = std::memchr(data, '\n', size_t(end - data));
        if (!found) {
            m_pending.append(data, end - data);
            return;
        }
        const char *newline = static_cast<const char *>(found);
        m_pending.append(data, newline - data);
        const QByteArray line = std::exchange(m_pending, {});
        deliver(line);
        data = newline + 1;
    }
    scanLines(data, end);
}

void LineLogParser::scanLines(const char *data, const char *end)
{
    const char *lineStart = data;
    const char *scan = data;
#if defined(NIGHTWATT_AVX2_LINE_SCAN)
    // Most lines of a filtered format are skipped: count them 64 bytes at a time, and look at
    // single lines only in blocks that end an interesting one.
    if (m_byteClasses && g_vectorScanAllowed.load(std::memory_order_relaxed) && hasAvx2()) {
        for (;;) {
            quint64 newlines = 0;
            scan = skipDullBlocks(scan, end, lineStart, m_lineNumber, *m_byteClasses,
                                  [this](const char *line, qsizetype length) { return startsInterestingly(line, length); }, newlines);
            if (end - scan < 64)
                break;
            scanNewlines(lineStart, scan, newlines);
            scan += 64;
        }
    }
#endif
#if defined(__SSE2__)
    // Logs of a week hold tens of millions of lines: find newlines 16 bytes at a time instead of
    // one library call per line.
    const __m128i newline = _mm_set1_epi8('\n');
    while (end - scan >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(scan));
        scanNewlines(lineStart, scan, unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline))));
        scan += 16;
    }
#endif
    while (scan < end) {
        const void *found = std::memchr(scan, '\n', size_t(end - scan));
        if (!found)
            break;
        const char *at = static_cast<const char *>(found);
        deliver(QByteArrayView(lineStart, at - lineStart));
        lineStart = at + 1;
        scan = lineStart;
    }
    if (lineStart < end)
        m_pending.append(lineStart, end - lineStart);
}

// Hands over the lines that end at the newlines of `block` (bit i: block[i] is one).
void LineLogParser::scanNewlines(const char *&lineStart, const char *block, quint64 newlines)
{
    while (newlines) {
        const char *at = block + __builtin_ctzll(newlines);
        newlines &= newlines - 1;
        if (m_filtered && at > lineStart) {
            // Decide on the line's first and last byte here, without a call per line (filler
            // before the newline takes the slow path).
            const auto last = static_cast<unsigned char>(at[-1]);
            if (!m_interestingLast[last] && !isLineEndFiller(char(last))
                && !(m_interestingFirst[static_cast<unsigned char>(*lineStart)] && startsInterestingly(lineStart, at - lineStart))) {
                ++m_lineNumber;
                lineStart = at + 1;
                continue;
            }
        }
        deliver(QByteArrayView(lineStart, at - lineStart));
        lineStart = at + 1;
    }
}

void LineLogParser::deliver(QByteArrayView line)
{
    ++m_lineNumber;
    line = withoutLineEnd(line);
    if (m_filtered) {
        if (line.isEmpty())
            return;
        if (!m_interestingLast.test(static_cast<unsigned char>(line.back())) && !startsInterestingly(line.data(), line.size()))
            return;
    }
    parseLine(line, m_lineNumber);
}

bool LineLogParser::startsInterestingly(const char *line, qsizetype length) const
{
    quint64 first = 0;
    std::memcpy(&first, line, size_t(std::min<qsizetype>(length, sizeof first)));
    for (const LineStart &start : m_starts) {
        if (length >= start.length && (first & start.mask) == start.bytes)
            return true;
    }
    return false;
}

void LineLogParser::finish()
{
    if (!m_pending.isEmpty() && m_pending.back() == '\r') {
        // A CR is a whole line's end, also as the last byte.
        deliver(std::exchange(m_pending, {}));
    } else if (!m_pending.isEmpty() && !onlyPadding(m_pending)) {
        ++m_lineNumber;
        parseUnterminatedLine(withoutLineEnd(m_pending), m_lineNumber);
    }
    m_pending.clear();
    endOfInput();
}

void LineLogParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    parseLine(line, lineNumber);
}

} // namespace nightwatt
