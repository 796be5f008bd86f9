#include "formats/runtimeline.h"

#include "formats/timeoutlier.h"

#include <cmath>

namespace nightwatt {

RunTimeline::Placement RunTimeline::place(ParseSink *sink, const QDateTime &endClock, double durationS)
{
    if (endClock.isValid() && !m_haveZero && m_endS == 0) {
        // The first run starts the axis; earlier runs without a clock would have made the
        // clock at zero unknowable, so then the axis keeps no clock.
        m_haveZero = true;
        const QDateTime zero = endClock.addMSecs(-qint64(std::llround(durationS * 1000.0)));
        m_zeroMs = zero.toMSecsSinceEpoch();
        sink->setClockAtZero(zero);
    }
    if (m_candidate) {
        // The run after a far one decides: back among the earlier runs, the far one's clock was
        // garbled and later runs are not pushed after it.
        const Candidate candidate = *m_candidate;
        m_candidate.reset();
        if (!isIsolatedTimeOutlier(m_lastStartS, candidate.startS, placementFor(endClock, durationS).startS))
            commit(candidate.startS, candidate.startS + candidate.durationS);
    }
    const Placement placement = placementFor(endClock, durationS);
    if (m_placedAny && isFarTimeJump(m_lastStartS, placement.startS)) {
        m_candidate = Candidate{placement.startS, durationS};
        return placement;
    }
    commit(placement.startS, placement.startS + durationS);
    return placement;
}

RunTimeline::Placement RunTimeline::placementFor(const QDateTime &endClock, double durationS) const
{
    Placement placement;
    placement.startS = m_endS;
    if (endClock.isValid() && m_haveZero) {
        const double wanted = double(endClock.toMSecsSinceEpoch() - m_zeroMs) / 1000.0 - durationS;
        if (wanted >= m_endS)
            placement.startS = wanted;
        else
            placement.overlapS = m_endS - wanted;
    }
    return placement;
}

void RunTimeline::commit(double startS, double endS)
{
    m_placedAny = true;
    m_lastStartS = startS;
    m_endS = endS;
}

} // namespace nightwatt
