#include "formats/runtimeline.h"

#include <cmath>

namespace nightwatt {

RunTimeline::Placement RunTimeline::place(ParseSink *sink, const QDateTime &endClock, double durationS)
{
    Placement placement;
    placement.startS = m_endS;
    if (endClock.isValid()) {
        const qint64 endMs = endClock.toMSecsSinceEpoch();
        if (!m_haveZero && m_endS == 0) {
            // The first run starts the axis; earlier runs without a clock would have made the
            // clock at zero unknowable, so then the axis keeps no clock.
            m_haveZero = true;
            const QDateTime zero = endClock.addMSecs(-qint64(std::llround(durationS * 1000.0)));
            m_zeroMs = zero.toMSecsSinceEpoch();
            sink->setClockAtZero(zero);
        }
        if (m_haveZero) {
            const double wanted = double(endMs - m_zeroMs) / 1000.0 - durationS;
            if (wanted >= m_endS) {
                placement.startS = wanted;
            } else {
                placement.overlapS = m_endS - wanted;
            }
        }
    }
    m_endS = placement.startS + durationS;
    return placement;
}

} // namespace nightwatt
