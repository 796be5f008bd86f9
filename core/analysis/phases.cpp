#include "analysis/phases.h"

#include <algorithm>

namespace nightwatt {

SampleRange sampleRangeBetween(const Trace &trace, double startS, double endS)
{
    const auto times = trace.times();
    const auto first = std::lower_bound(times.begin(), times.end(), startS);
    // A windowed sample starting exactly at the end belongs to what follows; a point reading
    // there is the phase's last one.
    const auto last = trace.timing() == TimingKind::Windowed
                          ? std::lower_bound(first, times.end(), endS)
                          : std::upper_bound(first, times.end(), endS);
    return {qsizetype(first - times.begin()), qsizetype(last - times.begin())};
}

QList<PhaseFigures> analyzePhases(const Trace &trace, const TraceStats &whole, const GapPolicy &policy)
{
    QList<Marker> intervals;
    for (const Marker &marker : trace.markers()) {
        if (marker.isInterval())
            intervals.append(marker);
    }
    // In order of start; of phases that start together the longer first, so a run comes before
    // its first epoch however the file closed them.
    std::stable_sort(intervals.begin(), intervals.end(), [](const Marker &a, const Marker &b) {
        return a.startS != b.startS ? a.startS < b.startS : *a.endS > *b.endS;
    });

    const double origin = trace.startS();
    QList<PhaseFigures> phases;
    phases.reserve(intervals.size());
    for (const Marker &marker : std::as_const(intervals)) {
        PhaseFigures phase;
        phase.kind = marker.kind;
        phase.label = marker.label;
        phase.startS = marker.startS - origin;
        phase.endS = *marker.endS - origin;
        phase.durationS = *marker.endS - marker.startS;
        const SampleRange range = sampleRangeBetween(trace, marker.startS, *marker.endS);
        if (range.end > range.begin) {
            const TraceStats stats = analyzeTrace(trace, range, policy);
            phase.samples = stats.samples;
            phase.meanW = stats.total.meanW;
            phase.energyWh = stats.total.energyWh;
            if (stats.coveredS && phase.durationS > 0)
                phase.coverage = std::min(1.0, *stats.coveredS / phase.durationS);
            if (phase.energyWh && whole.total.energyWh && *whole.total.energyWh > 0)
                phase.share = *phase.energyWh / *whole.total.energyWh;
        } else {
            phase.coverage = 0.0;
        }
        phases.append(phase);
    }
    return phases;
}

} // namespace nightwatt
