#include "live/sampletotal.h"

namespace nightwatt {

std::optional<double> sampleTotalW(const Trace &trace, qsizetype index)
{
    if (index < 0 || index >= trace.size())
        return std::nullopt;
    double sum = 0;
    bool anyComponent = false;
    bool anyComponentValue = false;
    std::optional<double> reported;
    for (int c = 0; c < trace.channelCount(); ++c) {
        const float value = trace.value(c, index);
        switch (trace.channel(c).role) {
        case ChannelRole::Component:
            anyComponent = true;
            if (!isMissing(value)) {
                sum += double(value);
                anyComponentValue = true;
            }
            break;
        case ChannelRole::ReportedTotal:
            if (!reported && !isMissing(value))
                reported = double(value);
            break;
        case ChannelRole::Auxiliary:
            break;
        }
    }
    if (anyComponent)
        return anyComponentValue ? std::optional<double>(sum) : std::nullopt;
    return reported;
}

} // namespace nightwatt
