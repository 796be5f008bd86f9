#include "formats/logparser.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nightwatt {

namespace {

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\r' || line.back() == '\0'))
        line.chop(1);
    return line;
}

bool onlyPadding(QByteArrayView line)
{
    for (char c : line) {
        if (c != '\0' && c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
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

void LineLogParser::startAsTail(QByteArrayView)
{
    // The tail starts mid-input: a BOM there is data, not a marker.
    m_tail = true;
    m_atStart = false;
}

bool LineLogParser::joinTail(LogParser &tail)
{
    auto *lines = dynamic_cast<LineLogParser *>(&tail);
    // The head must end exactly at the split point, a line start; anything pending means it did not.
    if (!lines || !lines->m_tail || m_tail || !m_pending.isEmpty() || m_atStart)
        return false;
    if (!replayTail(*lines, m_lineNumber))
        return false;
    m_lineNumber += lines->m_lineNumber;
    m_pending = std::exchange(lines->m_pending, {});
    return true;
}

bool LineLogParser::replayTail(LineLogParser &, qint64)
{
    return false;
}

void LineLogParser::setLineFilter(QByteArrayView firstChars, QByteArrayView lastChars)
{
    m_filtered = true;
    m_interestingFirst.reset();
    m_interestingLast.reset();
    for (char c : firstChars)
        m_interestingFirst.set(static_cast<unsigned char>(c));
    for (char c : lastChars)
        m_interestingLast.set(static_cast<unsigned char>(c));
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
    // Logs of a week hold tens of millions of lines: find newlines 16 bytes at a time instead of
    // one library call per line.
    const char *lineStart = data;
    const char *scan = data;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    while (end - scan >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(scan));
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)));
        while (mask) {
            const char *at = scan + __builtin_ctz(mask);
            mask &= mask - 1;
            if (m_filtered && at > lineStart) {
                // Most lines of a filtered format are skipped: decide on their first and last byte
                // here, without a call per line (a CR or NUL before the newline takes the slow path).
                const auto last = static_cast<unsigned char>(at[-1]);
                if (!m_interestingLast[last] && !m_interestingFirst[static_cast<unsigned char>(*lineStart)] && last != '\r'
                    && last != '\0') {
                    ++m_lineNumber;
                    lineStart = at + 1;
                    continue;
                }
            }
            deliver(QByteArrayView(lineStart, at - lineStart));
            lineStart = at + 1;
        }
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

void LineLogParser::deliver(QByteArrayView line)
{
    ++m_lineNumber;
    line = withoutLineEnd(line);
    if (m_filtered) {
        if (line.isEmpty())
            return;
        if (!m_interestingFirst.test(static_cast<unsigned char>(line.front()))
            && !m_interestingLast.test(static_cast<unsigned char>(line.back())))
            return;
    }
    parseLine(line, m_lineNumber);
}

void LineLogParser::finish()
{
    if (!m_pending.isEmpty() && !onlyPadding(m_pending)) {
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
