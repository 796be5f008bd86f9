#include "formats/logparser.h"

#include <cstring>

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

void LineLogParser::feed(QByteArrayView bytes)
{
    if (m_atStart && !bytes.isEmpty()) {
        if (!m_pending.isEmpty()) {
            // A BOM split across chunks: wait until three bytes are there to decide.
            m_pending.append(bytes.data(), bytes.size());
            if (m_pending.size() < 3)
                return;
            const QByteArray joined = std::exchange(m_pending, {});
            m_atStart = true;
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
    qsizetype remaining = bytes.size();
    while (remaining > 0) {
        const void *found = std::memchr(data, '\n', size_t(remaining));
        if (!found) {
            m_pending.append(data, remaining);
            return;
        }
        const qsizetype length = static_cast<const char *>(found) - data;
        if (m_pending.isEmpty()) {
            deliver(QByteArrayView(data, length));
        } else {
            m_pending.append(data, length);
            deliver(m_pending);
            m_pending.clear();
        }
        data += length + 1;
        remaining -= length + 1;
    }
}

void LineLogParser::deliver(QByteArrayView line)
{
    ++m_lineNumber;
    parseLine(withoutLineEnd(line), m_lineNumber);
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
