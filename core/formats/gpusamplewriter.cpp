#include "formats/gpusamplewriter.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

double GpuSampleWriter::write(ParseSink &sink, std::span<const float> wattsByGpu, double clockS, qint64 line)
{
    int channels = 0;
    for (size_t gpu = 0; gpu < wattsByGpu.size(); ++gpu) {
        if (m_gpuChannel.size() <= gpu)
            m_gpuChannel.resize(gpu + 1, -1);
        if (m_gpuChannel[gpu] < 0)
            m_gpuChannel[gpu] = sink.channel({QStringLiteral("gpu%1").arg(gpu), QStringLiteral("GPU %1").arg(gpu), ChannelRole::Component});
        channels = std::max(channels, m_gpuChannel[gpu] + 1);
    }
    m_values.assign(size_t(channels), kMissing);
    for (size_t gpu = 0; gpu < wattsByGpu.size(); ++gpu)
        m_values[size_t(m_gpuChannel[gpu])] = wattsByGpu[gpu];

    double timeS = double(m_untimedIndex++);
    double wentBackS = 0;
    if (!std::isnan(clockS)) {
        const WallClockAxis::Placed placed = m_axis.place(clockS);
        timeS = placed.axisS;
        wentBackS = placed.wentBackS;
    }
    sink.sample(timeS, 0.0f, m_values, line);
    return wentBackS;
}

QString GpuSampleWriter::clockWentBack(double seconds, const QString &readingBefore)
{
    return QStringLiteral("the clock goes back %1 s here (a daylight-saving change or a clock set back?); the time "
                          "axis continues from the %2 before")
        .arg(seconds, 0, 'f', 3)
        .arg(readingBefore);
}

} // namespace nightwatt
