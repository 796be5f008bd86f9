#pragma once

#include "trace/trace.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace nightwatt {

struct ChannelStats
{
    QString id;
    QString label;
    ChannelRole role = ChannelRole::Component;
    double meanW = 0;                // time-weighted when the trace has timing, else the sample mean
    double maxW = 0;
    std::optional<double> energyWh;  // null without timing
    qsizetype samples = 0;           // instants with a value for this channel
};

struct TotalStats
{
    double meanW = 0;
    std::optional<double> energyWh;
    QStringList components; // the channel ids the total is made of
};

// How the energy figures were obtained, in words a person can check.
enum class EnergyMethod { None, WindowedSum, Trapezoid };

struct TraceStats
{
    qsizetype samples = 0;
    std::optional<double> durationS; // first sample start to last sample end (wall time)
    std::optional<double> coveredS;  // time actually integrated; coverage = covered / duration
    int gaps = 0;
    std::optional<double> meanIntervalS;
    EnergyMethod method = EnergyMethod::None;
    QList<ChannelStats> channels;
    TotalStats total;

    const ChannelStats *channel(const QString &id) const;
    std::optional<double> coverage() const;
};

struct GapPolicy
{
    // Point samples: an interval longer than this many median intervals is a gap, not integrated.
    double medianMultiple = 5.0;
    // Windowed samples: a pause between one window's end and the next start longer than this is a gap.
    double windowPauseS = 2.0;
};

// Half-open range of sample indices; end < 0 means to the last sample.
struct SampleRange
{
    qsizetype begin = 0;
    qsizetype end = -1;
};

// Means, maxima, energy, duration, coverage and gaps of a trace (or a range of it), always from
// full-resolution samples.
TraceStats analyzeTrace(const Trace &trace, SampleRange range = {}, const GapPolicy &policy = {});

QString describeMethod(EnergyMethod method);

} // namespace nightwatt
