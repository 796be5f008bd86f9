#include "analysis/tracestats.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace nightwatt {

namespace {

constexpr double kSecondsPerHour = 3600.0;

double medianInterval(std::span<const double> times)
{
    if (times.size() < 2)
        return 0;
    std::vector<double> intervals;
    intervals.reserve(times.size() - 1);
    for (size_t i = 1; i < times.size(); ++i)
        intervals.push_back(times[i] - times[i - 1]);
    auto middle = intervals.begin() + std::ptrdiff_t(intervals.size() / 2);
    std::nth_element(intervals.begin(), middle, intervals.end());
    return *middle;
}

struct Accumulator
{
    double energyWs = 0;
    double weightS = 0;
    double sum = 0;
    double max = 0;
    qsizetype count = 0;
};

// The loops below add 0 for a missing value instead of branching around it: the sums are the
// same to the last bit (they start at +0 and adding +0 changes nothing), and a trace whose
// channels come and go (a Package line in some samples only) no longer costs a mispredicted
// branch per value.
void accumulateValues(std::span<const float> values, Accumulator &acc)
{
    double sum = acc.sum;
    double max = -std::numeric_limits<double>::infinity();
    qsizetype count = acc.count;
    for (float v : values) {
        const bool present = !isMissing(v);
        sum += present ? double(v) : 0.0;
        max = present && double(v) > max ? double(v) : max;
        count += present;
    }
    if (count > acc.count)
        acc.max = acc.count == 0 ? max : std::max(acc.max, max);
    acc.sum = sum;
    acc.count = count;
}

void analyzeWindowed(const Trace &trace, qsizetype begin, qsizetype end, const GapPolicy &policy,
                     TraceStats &stats, std::vector<Accumulator> &acc)
{
    // Windows are not stored as a column: copy them a block at a time. Each sum still runs in
    // sample order, so the figures are the same to the last bit as one pass over a column.
    constexpr qsizetype kBlock = 4096;
    const auto times = trace.times();
    std::vector<float> buffer(size_t(std::min(kBlock, end - begin)));
    double covered = 0;
    float previousWindow = 0.0f;
    for (qsizetype first = begin; first < end; first += kBlock) {
        const qsizetype n = std::min(kBlock, end - first);
        const std::span<float> windows = std::span<float>(buffer).first(size_t(n));
        trace.copyWindows(first, windows);
        for (qsizetype k = 0; k < n; ++k) {
            const qsizetype i = first + k;
            covered += windows[size_t(k)];
            if (i > begin && times[size_t(i)] - (times[size_t(i - 1)] + previousWindow) > policy.windowPauseS)
                ++stats.gaps;
            previousWindow = windows[size_t(k)];
        }
        for (int c = 0; c < trace.channelCount(); ++c) {
            const auto values = trace.values(c).subspan(size_t(first), size_t(n));
            double energyWs = acc[size_t(c)].energyWs;
            double weightS = acc[size_t(c)].weightS;
            for (size_t k = 0; k < values.size(); ++k) {
                const bool present = !isMissing(values[k]);
                energyWs += present ? double(values[k]) * windows[k] : 0.0;
                weightS += present ? double(windows[k]) : 0.0;
            }
            acc[size_t(c)].energyWs = energyWs;
            acc[size_t(c)].weightS = weightS;
        }
    }
    stats.durationS = times[size_t(end - 1)] + trace.windowS(end - 1) - times[size_t(begin)];
    stats.coveredS = covered;
    stats.meanIntervalS = covered / double(end - begin);
    stats.method = EnergyMethod::WindowedSum;
}

void analyzePoints(const Trace &trace, qsizetype begin, qsizetype end, const GapPolicy &policy,
                   TraceStats &stats, std::vector<Accumulator> &acc)
{
    const auto times = trace.times().subspan(size_t(begin), size_t(end - begin));
    const double gapThreshold = policy.medianMultiple * medianInterval(times);
    // As in accumulateValues(), an interval left out adds 0 instead of being branched around:
    // the same sums to the last bit, without a mispredicted branch per missing value.
    std::vector<double> intervals(times.size(), 0.0);
    std::vector<unsigned char> counted(times.size(), 0);
    double covered = 0;
    qsizetype gaps = 0;
    for (size_t i = 1; i < times.size(); ++i) {
        const double dt = times[i] - times[i - 1];
        const bool gap = gapThreshold > 0 && dt > gapThreshold;
        gaps += gap;
        covered += gap ? 0.0 : dt;
        intervals[i] = dt;
        counted[i] = !gap;
    }
    stats.gaps += int(gaps);
    for (int c = 0; c < trace.channelCount(); ++c) {
        const auto values = trace.values(c).subspan(size_t(begin), size_t(end - begin));
        double energyWs = acc[size_t(c)].energyWs;
        double weightS = acc[size_t(c)].weightS;
        for (size_t i = 1; i < values.size(); ++i) {
            const bool use = counted[i] && !isMissing(values[i]) && !isMissing(values[i - 1]);
            energyWs += use ? 0.5 * (double(values[i]) + double(values[i - 1])) * intervals[i] : 0.0;
            weightS += use ? intervals[i] : 0.0;
        }
        acc[size_t(c)].energyWs = energyWs;
        acc[size_t(c)].weightS = weightS;
    }
    stats.durationS = times.back() - times.front();
    stats.coveredS = covered;
    if (times.size() > 1)
        stats.meanIntervalS = (times.back() - times.front()) / double(times.size() - 1);
    stats.method = EnergyMethod::Trapezoid;
}

} // namespace

const ChannelStats *TraceStats::channel(const QString &id) const
{
    for (const auto &c : channels) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

std::optional<double> TraceStats::coverage() const
{
    if (!durationS || !coveredS || *durationS <= 0)
        return std::nullopt;
    return *coveredS / *durationS;
}

TraceStats analyzeTrace(const Trace &trace, SampleRange range, const GapPolicy &policy)
{
    TraceStats stats;
    const qsizetype begin = std::clamp<qsizetype>(range.begin, 0, trace.size());
    const qsizetype end = range.end < 0 ? trace.size() : std::clamp<qsizetype>(range.end, begin, trace.size());
    stats.samples = end - begin;
    std::vector<Accumulator> acc(size_t(trace.channelCount()));
    for (int c = 0; c < trace.channelCount(); ++c)
        accumulateValues(trace.values(c).subspan(size_t(begin), size_t(end - begin)), acc[size_t(c)]);

    if (stats.samples > 0) {
        if (trace.timing() == TimingKind::Windowed)
            analyzeWindowed(trace, begin, end, policy, stats, acc);
        else if (trace.timing() == TimingKind::Points)
            analyzePoints(trace, begin, end, policy, stats, acc);
    }

    const bool timed = stats.method != EnergyMethod::None;
    double componentMean = 0;
    double componentEnergy = 0;
    bool componentEnergyKnown = timed;
    const ChannelStats *reportedTotal = nullptr;
    for (int c = 0; c < trace.channelCount(); ++c) {
        const Accumulator &a = acc[size_t(c)];
        if (a.count == 0)
            continue;
        ChannelStats cs;
        cs.id = trace.channel(c).id;
        cs.label = trace.channel(c).label;
        cs.role = trace.channel(c).role;
        cs.samples = a.count;
        cs.maxW = a.max;
        if (timed && a.weightS > 0) {
            cs.meanW = a.energyWs / a.weightS;
            cs.energyWh = a.energyWs / kSecondsPerHour;
        } else {
            // One point sample has no interval to integrate over: its reading is the mean.
            cs.meanW = a.sum / double(a.count);
            if (timed && stats.method == EnergyMethod::WindowedSum)
                cs.energyWh = 0.0;
        }
        stats.channels.append(cs);
    }
    for (const auto &cs : std::as_const(stats.channels)) {
        if (cs.role == ChannelRole::Component) {
            componentMean += cs.meanW;
            if (cs.energyWh)
                componentEnergy += *cs.energyWh;
            else
                componentEnergyKnown = false;
            stats.total.components.append(cs.id);
        } else if (cs.role == ChannelRole::ReportedTotal && !reportedTotal) {
            reportedTotal = &cs;
        }
    }
    if (!stats.total.components.isEmpty()) {
        stats.total.meanW = componentMean;
        if (componentEnergyKnown)
            stats.total.energyWh = componentEnergy;
    } else if (reportedTotal) {
        // Intel Macs report only package power: then the package figure is the total.
        stats.total.meanW = reportedTotal->meanW;
        stats.total.energyWh = reportedTotal->energyWh;
        stats.total.components.append(reportedTotal->id);
    }
    return stats;
}

QString describeMethod(EnergyMethod method)
{
    switch (method) {
    case EnergyMethod::WindowedSum:
        return QStringLiteral("windowed samples: energy = sum of power x window");
    case EnergyMethod::Trapezoid:
        return QStringLiteral("point samples: trapezoid between timestamps, gaps not bridged");
    case EnergyMethod::None:
        break;
    }
    return QStringLiteral("no timing: sample means only, duration unknown");
}

} // namespace nightwatt
