#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace nightwatt {

// Cuts a byte stream into top-level JSON values (objects or arrays) without parsing them: tools
// that print a JSON document per poll (rocm-smi --json, amd-smi --json) leave logs of documents
// appended one after another, pretty-printed over many lines or not. Text between documents (a
// "WARNING: ..." line, blank lines, a shell prompt) is skipped. Chunks may end anywhere.
class JsonStream
{
public:
    // One whole value, with the 1-based line it starts on.
    using Handler = std::function<void(QByteArrayView document, qint64 line)>;

    explicit JsonStream(Handler handler)
        : m_handler(std::move(handler))
    {
    }

    void feed(QByteArrayView bytes);
    // The line a value cut off by the end of the input starts on, or 0 when none was.
    qint64 unfinishedLine() const { return m_depth > 0 ? m_startLine : 0; }

private:
    Handler m_handler;
    QByteArray m_document; // the value being read
    qint64 m_line = 1;
    qint64 m_startLine = 0;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escaped = false;
    bool m_atStart = true;
};

} // namespace nightwatt
