#include "formats/logparser.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
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

using platform::kNewlineClass;

std::atomic_bool g_vectorScanAllowed = true;


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
    platform::LineByteClasses classes;
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
    // Most lines of a filtered format are skipped: count them 64 bytes at a time, and look at
    // single lines only in blocks that end an interesting one.
    if (m_byteClasses && g_vectorScanAllowed.load(std::memory_order_relaxed) && platform::hasVectorLineScan()) {
        const auto startTest = [](const void *parser, const char *line, qsizetype length) {
            return static_cast<const LineLogParser *>(parser)->startsInterestingly(line, length);
        };
        for (;;) {
            quint64 newlines = 0;
            scan = platform::skipDullBlocks(scan, end, lineStart, m_lineNumber, *m_byteClasses, startTest, this, newlines);
            if (end - scan < 64)
                break;
            scanNewlines(lineStart, scan, newlines);
            scan += 64;
        }
    }
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
