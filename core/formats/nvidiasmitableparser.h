#pragma once

#include "formats/gpusamplewriter.h"
#include "formats/logparser.h"
#include "formats/wallclock.h"

#include <vector>

namespace nightwatt {

// The table plain `nvidia-smi` prints (driver 470's 79 columns and the 91 columns of newer
// drivers, Linux or Windows). Each block is one instant: GPU k's "NNW / MMMW" field becomes
// channel gpuK. `nvidia-smi -l N` repeats the block, each starting with a ctime line.
class NvidiaSmiTableParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    enum class Section { Preamble, Gpus, Other };

    void startBlock(qint64 lineNumber);
    void flushBlock();
    void readDriverLine(QByteArrayView line);
    void readGpuCell(QByteArrayView cell, qint64 lineNumber);

    Section m_section = Section::Preamble;
    bool m_blockOpen = false;
    bool m_blockHasClock = false;
    double m_blockClockS = 0;
    qint64 m_blockLine = 0;
    int m_currentGpu = -1;
    std::vector<float> m_watts;      // by GPU index, this block
    GpuSampleWriter m_writer;
    bool m_timingSet = false;
    bool m_timed = false;
    qint64 m_blocks = 0;
};

} // namespace nightwatt
