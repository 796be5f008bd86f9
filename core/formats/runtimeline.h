#pragma once

#include "formats/parsesink.h"

#include <QDateTime>

namespace nightwatt {

// Puts finished runs (CodeCarbon rows, carbontracker and perf stat summaries: a duration and
// an energy, no time series) on one time axis as windowed samples. A run with an end clock is
// placed where its clock says, so pauses between runs are gaps; one without follows the run
// before it directly. A run may not start before the previous one ends: end clocks have only
// one-second resolution, and overlapping windows would count the same seconds twice.
class RunTimeline
{
public:
    struct Placement
    {
        double startS = 0;
        double overlapS = 0; // how far the run was moved later to follow the previous one
    };

    // `endClock` may be invalid. Sets the sink's clock at zero from the first clock seen.
    Placement place(ParseSink *sink, const QDateTime &endClock, double durationS);

    double endS() const { return m_endS; }

private:
    bool m_haveZero = false;
    qint64 m_zeroMs = 0; // wall clock at t = 0, ms since the epoch
    double m_endS = 0;   // end of the last run on the axis
};

} // namespace nightwatt
