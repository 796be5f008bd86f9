#pragma once

#include "formats/parsesink.h"
#include "formats/wallclock.h"

#include <span>
#include <vector>

namespace nightwatt {

// Writes one reading of every GPU (an nvidia-smi poll, dmon interval or table) as one sample:
// GPU i is channel gpuI, and the reading's local wall clock is placed on the time axis.
class GpuSampleWriter
{
public:
    // clockS is the local wall clock in seconds, NaN when the log has no time. Returns how many
    // seconds the clock went back (a DST change or a clock set back), 0 when it did not: the
    // axis then carries on from the reading before, and the caller reports it.
    double write(ParseSink &sink, std::span<const float> wattsByGpu, double clockS, qint64 line);

    size_t gpuCount() const { return m_gpuChannel.size(); }
    bool knowsGpu(size_t gpu) const { return gpu < m_gpuChannel.size() && m_gpuChannel[gpu] >= 0; }

    // The issue for a clock that went back, e.g. "... continues from the poll before".
    static QString clockWentBack(double seconds, const QString &readingBefore);

private:
    std::vector<int> m_gpuChannel; // trace channel of each GPU ordinal, -1 until seen
    std::vector<float> m_values;
    WallClockAxis m_axis;
    qint64 m_untimedIndex = 0;
};

} // namespace nightwatt
