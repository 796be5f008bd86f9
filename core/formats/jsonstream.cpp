#include "formats/jsonstream.h"

namespace nightwatt {

void JsonStream::feed(QByteArrayView bytes)
{
    if (m_atStart && !bytes.isEmpty()) {
        // A BOM may come split over two chunks: wait for three bytes before deciding.
        static constexpr QByteArrayView kBom("\xEF\xBB\xBF");
        m_document.append(bytes);
        if (m_document.size() < 3 && kBom.startsWith(m_document))
            return;
        m_atStart = false;
        QByteArray start = std::exchange(m_document, {});
        if (start.startsWith(kBom))
            start.remove(0, 3);
        feed(start);
        return;
    }
    qsizetype documentFrom = m_depth > 0 ? 0 : -1;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n')
            ++m_line;
        if (m_depth == 0) {
            if (c == '{' || c == '[') {
                m_depth = 1;
                m_startLine = m_line;
                m_inString = false;
                m_escaped = false;
                documentFrom = i;
            }
            continue;
        }
        if (m_inString) {
            if (m_escaped)
                m_escaped = false;
            else if (c == '\\')
                m_escaped = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (--m_depth == 0) {
                m_document.append(bytes.sliced(documentFrom, i + 1 - documentFrom));
                const QByteArray document = std::exchange(m_document, {});
                m_handler(document, m_startLine);
                documentFrom = -1;
            }
        }
    }
    if (m_depth > 0 && documentFrom >= 0)
        m_document.append(bytes.sliced(documentFrom));
}

} // namespace nightwatt
