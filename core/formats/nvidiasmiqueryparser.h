#pragma once

#include "formats/gpusamplewriter.h"
#include "formats/logparser.h"

#include <QByteArray>
#include <QList>

#include <array>
#include <optional>
#include <vector>

namespace nightwatt {

// The key : value report of `nvidia-smi -q` (also `-q -d POWER`, and `-l N`, which prints a new
// report every N seconds). Each report is one instant: the power draw of every GPU section in
// it, GPUs told apart by bus id ("GPU 00000000:01:00.0") and numbered gpu0, gpu1, ... in order of
// appearance. The reading is the GPU's own ("Power Readings", or "GPU Power Readings" on newer
// drivers); "Module Power Readings" (Grace Hopper: the whole module) is never used or added.
class NvidiaSmiQueryParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    enum class Section { Gpu, GpuPower, Other };
    struct OpenSection
    {
        qsizetype indent;
        Section section;
    };
    // The power keys of a GPU's own readings, in the order they are preferred ("Power Draw" is
    // what nvidia-smi itself shows; newer drivers print only the average and instantaneous ones).
    static constexpr int kPowerKeys = 3;
    struct GpuReading
    {
        QByteArray busId;
        int ordinal = 0;
        qint64 line = 0;                     // the GPU's header
        std::array<float, kPowerKeys> watts; // by preference, missing until read
        bool sawPowerKey = false;
        qint64 missingLine = 0; // the first "N/A"-like value among its power keys
        QByteArray missingText;
        bool refused = false;     // a figure was there but not usable, and was reported
        bool powerClosed = false; // a line after its power readings was read
    };

    void startReport(qint64 lineNumber);
    void openSection(qsizetype indent, QByteArrayView name);
    void closeSectionsFrom(qsizetype indent);
    void readTopLevelKey(QByteArrayView key, QByteArrayView value, qint64 lineNumber);
    void startGpu(QByteArrayView busId, qsizetype indent, qint64 lineNumber);
    void readPowerKey(int key, QByteArrayView value, qint64 lineNumber);
    int gpuOrdinal(QByteArrayView busId, qint64 lineNumber);
    // Whether the report ending here holds a reading of every GPU it should.
    bool reportComplete() const;
    void endReport(bool atEndOfInput);
    // Writes the report as one sample; false (nothing written) when it cannot be.
    bool writeReport();

    // This report.
    bool m_reportOpen = false;
    bool m_reportWritten = false;
    qint64 m_reportLine = 0;
    std::optional<double> m_clockS;
    bool m_badClock = false;
    int m_attachedGpus = 0; // "Attached GPUs : N"; 0 when not printed
    std::vector<GpuReading> m_gpus;
    std::vector<OpenSection> m_sections;

    // The whole log.
    QList<QByteArray> m_busIds; // ordinal -> bus id
    GpuSampleWriter m_writer;
    std::vector<float> m_watts;
    bool m_timingSet = false;
    bool m_timed = false;
    qint64 m_reportsWritten = 0;
    size_t m_gpusInLastReport = 0;
    bool m_powerKeyNoted = false;
    bool m_notedSubset = false;
    bool m_driverNoted = false;
    bool m_cudaNoted = false;
    qint64 m_missing = 0;
    qint64 m_firstMissingLine = 0;
    QByteArray m_firstMissingText;
    qint64 m_reportsWithoutPower = 0;
    qint64 m_firstReportWithoutPower = 0;
};

} // namespace nightwatt
