#pragma once

#include "formats/parsesink.h"

#include <QDateTime>

#include <optional>

namespace nightwatt {

// Puts finished runs (CodeCarbon rows, carbontracker and perf stat summaries: a duration and
// an energy, no time series) on one time axis as windowed samples. A run with an end clock is
// placed where its clock says, so pauses between runs are gaps; one without follows the run
// before it directly. A run may not start before the previous one ends: end clocks have only
// one-second resolution, and overlapping windows would count the same seconds twice. A run whose
// clock is far from the run before moves nothing until the next run agrees with it.
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
    struct Candidate
    {
        double startS = 0;
        double durationS = 0;
    };

    Placement placementFor(const QDateTime &endClock, double durationS) const;
    void commit(double startS, double endS);

    bool m_haveZero = false;
    bool m_placedAny = false;
    double m_lastStartS = 0;
    std::optional<Candidate> m_candidate; // a run far from the one before; the next run decides
    qint64 m_zeroMs = 0; // wall clock at t = 0, ms since the epoch
    double m_endS = 0;   // end of the last run on the axis
};

} // namespace nightwatt
