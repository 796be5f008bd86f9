#pragma once

#include "formats/gpupollassembler.h"
#include "formats/gpusamplewriter.h"
#include "formats/logparser.h"
#include "formats/wallclock.h"

#include <vector>

namespace nightwatt {

// `nvidia-smi dmon [-s p...] [-o D|T|DT]`: whitespace-separated columns named by a "# gpu pwr ..."
// header (repeated every few screens), one line per GPU per interval. The `pwr` column is the
// power draw in W. Without `-o T` the log has no time, and the interval (`-d`, default 1 s) is not
// written anywhere, so such a log has sample means but no duration.
class NvidiaSmiDmonParser final : public LineLogParser, private GpuPollAssembler::Receiver
{
public:
    NvidiaSmiDmonParser();
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    void readHeader(qint64 lineNumber);
    void parseRow(qint64 lineNumber, bool lastLine);

    void poll(double clockS, std::span<const float> wattsByGpu, qint64 line) override;
    void pollIssue(qint64 line, const QString &message) override;

    GpuPollAssembler m_polls;
    std::vector<QByteArrayView> m_words;
    int m_columnCount = 0;
    int m_dateColumn = -1;
    int m_timeColumn = -1;
    int m_gpuColumn = -1;
    int m_powerColumn = -1;
    bool m_haveHeader = false;
    bool m_failed = false;
    bool m_sawData = false;
    bool m_timingSet = false;
    double m_lastClockS = -1;   // for -o T only: midnight passes are added
    double m_dayOffsetS = 0;
    GpuSampleWriter m_writer;
    qint64 m_missingPower = 0;
    qint64 m_firstMissingLine = 0;
};

} // namespace nightwatt
