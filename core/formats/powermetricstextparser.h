#pragma once

#include "formats/logparser.h"

#include <QDateTime>
#include <QList>

#include <optional>
#include <utility>
#include <vector>

namespace nightwatt {

// macOS `powermetrics` text output: Apple silicon (macOS 12 cluster/DRAM/Package lines, macOS 13+
// Combined line, GPU Power printed twice), Intel Macs (package power in W), logs appended by
// several runs, and grep'ed logs that hold only "CPU Power"/"GPU Power" lines without timing.
class PowermetricsTextParser final : public LineLogParser
{
public:
    PowermetricsTextParser();
    static int sniff(QByteArrayView head);

    // A sample header line start: every sample is whole after it.
    qsizetype splitPoint(QByteArrayView bytes, qsizetype from) const override;

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;
    bool replayTail(LineLogParser &tail, qint64 lineOffset) override;

private:
    enum class Mode { Unknown, Sampled, HeaderlessLines };

    // One line that matters, read without any state (so a tail reader on another thread reads
    // it exactly as this parser would): what it is, and its number parsed.
    struct ReadLine
    {
        // Spacer: only in a tail's notes, lines without one beyond what a note's delta holds.
        enum class Kind : quint8 { SampleHeader, MachineModel, OsVersion, Power, Spacer };
        Kind kind;
        bool hasNumber = false;
        int split = 0;        // power: length of the name with its colon; header: where the clock ends
        int name = -1;        // power, tail only: index in m_tailNames (-1: read it from `text`)
        double number = 0;    // header: elapsed ms; power: the value in its unit
        double scale = 1.0;   // power: to watts
        qint64 line = 0;
        QByteArrayView text;  // header: after kSampleHeader; model, OS: the value; power: the line
    };

    // Power-line names ("CPU Power:") seen so far: they repeat every sample, so each is compared
    // on its length and its first and last eight bytes, which hold all of a name of up to 16.
    struct NameKey
    {
        quint64 head = 0, tail = 0;
        qsizetype size = 0;
        bool operator==(const NameKey &) const = default;
    };
    struct KnownName
    {
        QByteArray name;
        NameKey key;
        int value; // a channel, or an index
    };
    static NameKey nameKey(QByteArrayView name);
    // Looks at names[guess] first, and leaves `guess` at the entry after the one found: power
    // lines come in the same order every sample, so the first look is nearly always the one.
    static const KnownName *findName(const std::vector<KnownName> &names, QByteArrayView name, size_t &guess);

    // False for lines that do not matter.
    static bool read(QByteArrayView line, ReadLine &read);
    void apply(const ReadLine &read, int powerChannel);
    void startSample(const ReadLine &header);
    void handlePowerLine(const ReadLine &power, int channel);
    void flushSample();
    void setValue(int channel, double watts);
    int channelFor(QByteArrayView name); // -1 for lines that are not power figures

    Mode m_mode = Mode::Unknown;
    bool m_newInvocation = true;    // a preamble was seen since the last sample header
    bool m_sampleOpen = false;
    qint64 m_sampleLine = 0;
    double m_sampleStartS = 0;      // window start on the trace axis
    double m_sampleWindowS = 0;
    double m_axisEndS = 0;          // end of the last window
    qint64 m_headerlessIndex = 0;
    QDateTime m_clockAtZero;        // wall clock at t = 0, from the first sample header
    std::vector<KnownName> m_channelByName;
    std::vector<QString> m_labels;
    std::vector<float> m_values;
    std::vector<char> m_seenInSample; // bytes, not bits: set and tested on every power line
    size_t m_channelNameGuess = 0;
    std::vector<int> m_linesInLastSample; // channels whose lines the last sample had
    qint64 m_samplesEmitted = 0;

    // As tail reader: the lines read, and the distinct power-line names (so that replaying does
    // not touch the input's pages again).
    // Lines reach a parser through a buffer when they span two fed chunks, so the text a replay
    // may need (clock stamps that can start an invocation, values of issues) is copied.
    struct Note // a ReadLine as the tail keeps it: 16 bytes, the rare text aside in m_tailKept
    {
        double number;
        qint32 lineDelta; // lines since the note before (the first: since the tail's start)
        ReadLine::Kind kind;
        quint8 flags; // 1: hasNumber, 2: milliwatts, 4: its text is the next entry of m_tailKept
        qint8 name;   // ReadLine::name
        quint8 unused = 0;
    };
    struct Kept
    {
        qsizetype offset; // in m_tailText
        qint32 length;
        qint32 split;
    };
    // Notes in the order read, with the text they keep; names are referred to by index.
    struct TailNotes
    {
        std::vector<std::vector<Note>> notes; // blocks that never move or grow past their size
        std::vector<Kept> kept;
        QByteArray text;
    };
    void addNote(const Note &note);

    static constexpr size_t kNotesPerBlock = 64 * 1024;
    TailNotes m_tailNotes;
    qint64 m_tailLastLine = 0;
    std::vector<KnownName> m_tailNames; // value: the index
    size_t m_tailNameGuess = 0;
    bool m_tailSawValidHeader = false;
    bool m_tailSawPreamble = false;  // a Machine model line since the last valid sample header
};

} // namespace nightwatt
