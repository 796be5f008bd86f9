#pragma once

#include "analysis/tracestats.h"
#include "trace/marker.h"
#include "trace/trace.h"

#include <QList>
#include <QString>

#include <optional>

namespace nightwatt {

// The figures of one phase (an interval marker), from the same integration as the whole run.
struct PhaseFigures
{
    MarkerKind kind = MarkerKind::Marker;
    QString label;
    double startS = 0; // from the trace's first sample
    double endS = 0;
    double durationS = 0;
    qsizetype samples = 0;
    double meanW = 0;                 // of the run's total (components, or the reported total)
    std::optional<double> energyWh;   // null without timing
    std::optional<double> share;      // of the whole trace's energy
    std::optional<double> coverage;   // integrated time over the phase's duration
};

// The samples a time interval [startS, endS] on the trace's axis holds: the instants within
// it (points), or the windows starting within it (windowed).
SampleRange sampleRangeBetween(const Trace &trace, double startS, double endS);

// Figures of every interval marker of the trace, in order of start; `whole` is the analysis of
// the whole trace, for the shares. Instants have no figures.
QList<PhaseFigures> analyzePhases(const Trace &trace, const TraceStats &whole, const GapPolicy &policy = {});

} // namespace nightwatt
