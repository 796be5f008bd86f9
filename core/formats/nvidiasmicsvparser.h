#pragma once

#include "formats/gpupollassembler.h"
#include "formats/gpusamplewriter.h"
#include "formats/logparser.h"
#include "formats/wallclock.h"

#include <QByteArray>
#include <QList>

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

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

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

    void poll(double clockS, std::span<const float> wattsByGpu, qint64 line) override;
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
    qint64 m_missingPower = 0;
    qint64 m_firstMissingLine = 0;
    QByteArray m_firstMissingText;
};

} // namespace nightwatt
