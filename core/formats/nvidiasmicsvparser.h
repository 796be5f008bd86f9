#pragma once

#include "formats/gpupollassembler.h"
#include "formats/gpusamplewriter.h"
#include "formats/logparser.h"
#include "formats/wallclock.h"

#include <QByteArray>
#include <QList>

#include <limits>
#include <optional>
#include <vector>

namespace nightwatt {

// `nvidia-smi --query-gpu=... --format=csv[,nounits] -l N | -lms N`: one row per GPU per poll,
// columns named by the header in any order. A poll of N GPUs becomes one sample of channels
// gpu0..gpuN-1. Timestamps are local wall-clock time without a zone.
class NvidiaSmiCsvParser final : public LineLogParser, private GpuPollAssembler::Receiver
{
public:
    NvidiaSmiCsvParser();
    static int sniff(QByteArrayView head);

    // A row start where the timestamp's whole second changes (after the header at the top).
    qsizetype splitPoint(QByteArrayView bytes, qsizetype from) const override;
    // The tail reads the columns from the header line at the top of `before`.
    void startAsTail(QByteArrayView before) override;

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;
    bool replayTail(LineLogParser &tail, qint64 lineOffset) override;

private:
    struct Columns
    {
        int count = 0;
        int timestamp = -1;
        int power = -1;
        int index = -1;
        int busId = -1;   // used when there is no index column
        int uuid = -1;    // used when there is neither index nor bus id
        int name = -1;
        QByteArray powerKey;
        bool inferred = false; // no header: found from the values
    };

    bool readHeader(QByteArrayView line, qint64 lineNumber);
    bool inferColumns(QByteArrayView line, qint64 lineNumber);
    void startColumns(const Columns &columns);
    void parseRow(QByteArrayView line, qint64 lineNumber);
    int gpuOrdinal(QByteArrayView identity, qint64 lineNumber);
    void noteMissing(qint64 lineNumber, QByteArrayView text);
    std::optional<double> readClock(QByteArrayView stamp);

    // A row as the tail reader notes it: everything parseRow() works out without state.
    struct TailRow
    {
        enum class Kind : quint8 { Row, FieldCount, Stray, BadStamp, BadIndex };
        enum class Power : quint8 { Read, Missing, NotNumber, Implausible };
        qint64 line;
        double clockS;
        float watts;
        qint32 text; // FieldCount: the count; Implausible: index in m_tailNumbers; else in m_tailTexts (-1: none)
        qint32 name; // index in m_tailTexts of the name column's text, -1: none
        qint16 gpu;
        Kind kind;
        Power power;
    };
    static constexpr size_t kRowsPerBlock = 64 * 1024;
    static int indexOrdinal(QByteArrayView identity); // -1: not a GPU number
    static bool sameColumns(const Columns &a, const Columns &b);
    void noteTailRow(QByteArrayView line, qint64 lineNumber);
    qint32 keepTailText(QByteArrayView text);

    void keepLastField(QByteArrayView field);
    bool lastLineIsWhole(QByteArrayView line);

    struct HeldPoll
    {
        double clockS;
        std::vector<float> watts;
        qint64 line;
    };
    void poll(double clockS, std::span<const float> wattsByGpu, qint64 line) override;
    void writeJump(const HeldPoll &held);
    void writePoll(double clockS, std::span<const float> wattsByGpu, qint64 line);
    void pollIssue(qint64 line, const QString &message) override;

    GpuPollAssembler m_polls;
    Columns m_columns;
    bool m_haveColumns = false;
    bool m_failed = false;
    bool m_timingSet = false;
    bool m_sawData = false;
    std::vector<QByteArrayView> m_fields;
    QList<QByteArray> m_identities; // bus ids or uuids in order of first appearance
    GpuSampleWriter m_writer;
    char m_stampPrefix[19] = {};      // "YYYY/MM/DD HH:MM:SS" of the last timestamp
    double m_stampPrefixClockS = -1;  // its clock seconds; < 0 while none
    double m_lastPollClockS = std::numeric_limits<double>::quiet_NaN(); // of the last poll written
    double m_usualPollStepS = 0; // the last step between polls that was no jump
    std::optional<HeldPoll> m_heldPoll;
    // The last field of the last row of the current columns, its first bytes: a last line
    // without a newline is whole when its last field looks like this one (-1: no row yet).
    char m_lastField[32] = {};
    qsizetype m_lastFieldSize = -1;
    qint64 m_missingPower = 0;
    qint64 m_firstMissingLine = 0;
    QByteArray m_firstMissingText;

    // As tail reader. Broken: something needs the head's state (a header mid-file, GPUs told
    // apart by bus id or uuid, ...), so the loader reads the tail's bytes in the head instead.
    std::vector<std::vector<TailRow>> m_tailRows;
    std::vector<QByteArray> m_tailTexts;
    std::vector<double> m_tailNumbers;
    std::vector<qint32> m_tailNameByGpu; // last kept name text per GPU, so equal names are kept once
    bool m_tailBroken = false;
    bool m_tailKeptMissing = false;
    enum class TailClock { NoneYet, SetCache, Other };
    TailClock m_tailClockStart = TailClock::NoneYet; // what the tail's first timestamp did to the cache
    char m_tailFirstPrefix[19] = {};
};

} // namespace nightwatt
