#pragma once

#include "formats/parsesink.h"
#include "platform/linescan.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <bitset>
#include <initializer_list>
#include <optional>
#include <vector>

namespace nightwatt {

// Choices a person makes about how to read a log; formats ignore what does not apply to them.
struct ParserOptions
{
    // Header name of the one column to read as power (CSV formats); empty: the format decides.
    QString powerColumn;
    // How far apart the samples of a log without timestamps were taken (tegrastats --interval
    // without a --logfile time prefix), in ms; 0: the sampler's own default.
    int intervalMs = 0;
};

// An incremental reader of one log format. It never opens files: it is fed bytes in chunks of
// any size (a mapped file, a pipe, a growing log) and reports to its sink as soon as it can.
class LogParser
{
public:
    virtual ~LogParser() = default;

    void setSink(ParseSink *sink) { m_sink = sink; }
    ParseSink *sink() const { return m_sink; }
    void setOptions(const ParserOptions &options) { m_options = options; }
    const ParserOptions &options() const { return m_options; }

    virtual void feed(QByteArrayView bytes) = 0;
    // The input has ended: flush what is pending, flag what was cut off.
    virtual void finish() = 0;

    // Reading one big input on two threads (LogLoader). A format that supports it returns where,
    // at or after `from`, a second reader may start: a record boundary its grammar defines. -1
    // (the default): the input is read by one parser from start to end.
    virtual qsizetype splitPoint(QByteArrayView bytes, qsizetype from) const;
    // Makes this parser the reader of the part after a split point: it notes what it reads, on
    // its own thread, and reports nothing to a sink. `before` is the input before the split point,
    // for formats that need context from it (a CSV header); it must stay valid while feeding.
    virtual void startAsTail(QByteArrayView before);
    // Called on the parser that read everything before the split point, with the tail reader of
    // the same format: applies what the tail noted, in order, exactly as if this parser had read
    // those bytes itself (line numbers included). Returns false, having applied nothing, when the
    // tail cannot be joined; the caller then feeds the tail's bytes to this parser instead. An
    // input read in segments is joined tail after tail: each starts at the split point where the
    // one before it ended.
    virtual bool joinTail(LogParser &tail);

protected:
    void reportIssue(qint64 line, const QString &message) { m_sink->issue({line, message}); }
    void reportFailure(qint64 line, const QString &message) { m_sink->fail({line, message}); }

private:
    ParseSink *m_sink = nullptr;
    ParserOptions m_options;
};

// Splits the byte stream into lines for line-oriented formats. Lines end in LF, CRLF or a lone CR
// (the first line end of an input decides). Strips a UTF-8 BOM at the start, and from each line's
// end CR, blanks and NUL padding (nvidia-smi logs copied while being written end in NUL blocks).
// A last line without a newline is handed to parseUnterminatedLine() so each format decides
// whether a cut-off record can be trusted.
class LineLogParser : public LogParser
{
public:
    void feed(QByteArrayView bytes) override;
    void finish() override;
    void startAsTail(QByteArrayView before) override;
    bool joinTail(LogParser &tail) override;

    // The filtered scan has a vector path (AVX2, where the processor has it) and a plain one;
    // both give the same lines. Tests and benchmarks turn the vector path off to compare them.
    static void setVectorScanAllowed(bool allowed);

protected:
    // Formats that can be split implement the two-thread reading with these: while isTail(),
    // parseLine() notes what it needs (pure work only: splitting, number parsing) instead of
    // applying it, and replayTail() applies `tail`'s notes here with `lineOffset` added to their
    // line numbers. Lines, the cut-off last line and the line count are joined by this class.
    bool isTail() const { return m_tail; }
    virtual bool replayTail(LineLogParser &tail, qint64 lineOffset);

    virtual void parseLine(QByteArrayView line, qint64 lineNumber) = 0;
    // Default: parse it like any other line; formats whose records can be cut mid-number override.
    virtual void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber);
    // Called once after the last line.
    virtual void endOfInput() {}

    qint64 linesSeen() const { return m_lineNumber; }

    // Formats that only care about a few kinds of line (powermetrics: sample headers start with
    // "*** Sampled", power lines end in 'W') can say so, and the others are skipped without a
    // call. A line is handed over when it starts with one of `starts` (up to their first eight
    // bytes are compared; the format checks the rest) or ends with one of `lastChars`. Lines are
    // still counted, so line numbers stay right.
    void setLineFilter(std::initializer_list<QByteArrayView> starts, QByteArrayView lastChars);

private:
    // The head's side of a join: may `tail` be joined where this parser stands?
    LineLogParser *joinableTail(LogParser &tail) const;
    void feedLines(QByteArrayView bytes); // bytes whose lines end in LF
    void scanLines(const char *data, const char *end);
    void scanNewlines(const char *&lineStart, const char *block, quint64 newlines);
    void deliver(QByteArrayView line);
    bool startsInterestingly(const char *line, qsizetype length) const;

    // A start of an interesting line: its first (up to) eight bytes, as one word.
    struct LineStart
    {
        quint64 bytes;
        quint64 mask;
        qsizetype length;
    };
    std::vector<LineStart> m_starts;
    std::bitset<256> m_interestingFirst; // the first bytes of m_starts
    std::bitset<256> m_interestingLast;
    bool m_filtered = false;
    // The filter as nibble tables for a vector scan that skips whole blocks of dull lines; unset
    // when the filter has too many characters for them (the scan then looks at every line).
    std::optional<platform::LineByteClasses> m_byteClasses;

    enum class LineBreaks { Unknown, Newline, LoneCr };
    LineBreaks m_lineBreaks = LineBreaks::Unknown;
    QByteArray m_pending;
    qint64 m_lineNumber = 0;
    bool m_atStart = true;
    bool m_tail = false;
};

} // namespace nightwatt
