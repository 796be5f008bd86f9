#pragma once

#include "trace/channel.h"
#include "trace/marker.h"
#include "trace/minmaxpyramid.h"
#include "trace/windowcolumn.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace nightwatt {

// What the time axis of a trace means; it decides how energy is integrated.
enum class TimingKind {
    None,     // no timing at all (grep'ed lines): sample means only, duration unknown
    Windowed, // each sample is the mean power over its own window [t, t + window)
    Points,   // instantaneous readings at timestamps: trapezoid between neighbours
};

inline constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
inline bool isMissing(float value) { return std::isnan(value); }

// Columnar store of one run: one time axis shared by every channel, values in watts, missing
// values as NaN (never 0). 8 bytes of time + 4 per channel, and about 0.13 per channel for the
// level-of-detail pyramid that the chart draws from. Window lengths (windowed traces) cost nothing
// where a sample ends where the next begins, the usual case; see WindowColumn.
class Trace
{
public:
    TimingKind timing() const { return m_timing; }
    void setTiming(TimingKind timing) { m_timing = timing; }

    // Wall-clock time at t = 0 when the log tells it; invalid otherwise.
    QDateTime clockAtZero() const { return m_clockAtZero; }
    void setClockAtZero(const QDateTime &clock) { m_clockAtZero = clock; }

    int channelCount() const { return int(m_channels.size()); }
    const ChannelInfo &channel(int index) const { return m_channels[size_t(index)]; }
    int indexOf(const QString &channelId) const;
    // Adds the channel unless it exists; earlier samples read as missing for a new channel.
    int ensureChannel(const ChannelInfo &info);

    qsizetype size() const { return qsizetype(m_timeS.size()); }
    bool isEmpty() const { return m_timeS.empty(); }
    void reserve(qsizetype samples);

    // Appends one sample instant; values are indexed by channel, shorter spans mean missing.
    void append(double timeS, float windowS, std::span<const float> values);
    // Appends many instants at once, column by column: every span as long as `timesS` (windows
    // may be empty: 0 s), a channel beyond `values` reads as missing. For bulk loads.
    void appendColumns(std::span<const double> timesS, std::span<const float> windowsS,
                       std::span<const std::span<const float>> values);

    double timeS(qsizetype i) const { return m_timeS[size_t(i)]; }
    // Exactly the window appended with sample i; 0 s when the trace is not windowed.
    float windowS(qsizetype i) const { return i < m_windows.size() ? m_windows.at(m_timeS, i) : 0.0f; }
    float value(int channel, qsizetype i) const { return m_values[size_t(channel)][size_t(i)]; }

    std::span<const double> times() const { return m_timeS; }
    // True when samples carry windows (the trace was windowed when they were appended).
    bool hasWindows() const { return !m_windows.isEmpty(); }
    // Windows of samples [begin, begin + out.size()) into `out` (0 s where there is none): the
    // windows are not stored as a column, so readers copy a range at a time.
    void copyWindows(qsizetype begin, std::span<float> out) const;
    std::span<const float> values(int channel) const { return m_values[size_t(channel)]; }
    // The channel's min/max pyramid, kept up to date by every append (the last samples, fewer
    // than one block, are summarised at the next block and read one by one until then).
    const MinMaxPyramid &levelOfDetail(int channel) const { return m_levelOfDetail[size_t(channel)]; }
    // Heap bytes held by samples and pyramids (capacity, not size).
    size_t memoryBytes() const;

    // Start of the first sample to end of the last, on the trace's own axis.
    double startS() const;
    double endS() const;

    // The run's phases and events, in the order they were reported (an interval is reported
    // when it closes, so intervals need not be sorted by start).
    const QList<Marker> &markers() const { return m_markers; }
    void addMarker(const Marker &marker) { m_markers.append(marker); }
    void setMarkers(const QList<Marker> &markers) { m_markers = markers; }

private:
    void catchUpWindows(qsizetype appended);

    TimingKind m_timing = TimingKind::None;
    QDateTime m_clockAtZero;
    std::vector<ChannelInfo> m_channels;
    QHash<QString, int> m_indexById; // a log may have 100,000 channels: no linear search by id
    std::vector<double> m_timeS;
    WindowColumn m_windows; // empty unless windowed
    std::vector<std::vector<float>> m_values;
    std::vector<MinMaxPyramid> m_levelOfDetail;
    QList<Marker> m_markers;
};

} // namespace nightwatt
