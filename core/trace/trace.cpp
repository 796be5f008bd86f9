#include "trace/trace.h"

#include <algorithm>

namespace nightwatt {

int Trace::indexOf(const QString &channelId) const
{
    return m_indexById.value(channelId, -1);
}

int Trace::ensureChannel(const ChannelInfo &info)
{
    const int existing = indexOf(info.id);
    if (existing >= 0)
        return existing;
    m_indexById.insert(info.id, int(m_channels.size()));
    m_channels.push_back(info);
    m_values.emplace_back(m_timeS.size(), kMissing);
    m_values.back().reserve(m_timeS.capacity());
    m_levelOfDetail.emplace_back().extend(m_values.back());
    return int(m_channels.size() - 1);
}

void Trace::reserve(qsizetype samples)
{
    m_timeS.reserve(size_t(samples));
    if (m_timing == TimingKind::Windowed)
        m_windows.reserve(samples);
    for (auto &column : m_values)
        column.reserve(size_t(samples));
}

void Trace::append(double timeS, float windowS, std::span<const float> values)
{
    m_timeS.push_back(timeS);
    if (m_timing == TimingKind::Windowed) {
        catchUpWindows(1);
        m_windows.append(m_timeS, windowS);
    }
    for (size_t c = 0; c < m_values.size(); ++c)
        m_values[c].push_back(c < values.size() ? values[c] : kMissing);
    // One block at a time: catching up costs the same per sample and far less per call.
    if (m_timeS.size() % size_t(MinMaxPyramid::kBaseBlock) == 0) {
        for (size_t c = 0; c < m_values.size(); ++c)
            m_levelOfDetail[c].extend(m_values[c]);
    }
}

void Trace::appendColumns(std::span<const double> timesS, std::span<const float> windowsS,
                          std::span<const std::span<const float>> values)
{
    const size_t n = timesS.size();
    m_timeS.insert(m_timeS.end(), timesS.begin(), timesS.end());
    if (m_timing == TimingKind::Windowed) {
        catchUpWindows(qsizetype(n));
        if (windowsS.size() == n)
            m_windows.append(m_timeS, windowsS);
        else
            m_windows.appendZeros(m_timeS, qsizetype(n));
    }
    for (size_t c = 0; c < m_values.size(); ++c) {
        auto &column = m_values[c];
        if (c < values.size() && values[c].size() == n)
            column.insert(column.end(), values[c].begin(), values[c].end());
        else
            column.resize(column.size() + n, kMissing);
        m_levelOfDetail[c].extend(column);
    }
}

void Trace::catchUpWindows(qsizetype appended)
{
    // Samples appended before the trace became windowed had no window: 0 s, so indices stay aligned.
    const qsizetype before = size() - appended;
    if (m_windows.size() < before)
        m_windows.appendZeros(std::span<const double>(m_timeS).first(size_t(before)), before - m_windows.size());
}

void Trace::copyWindows(qsizetype begin, std::span<float> out) const
{
    Q_ASSERT(begin >= 0 && begin + qsizetype(out.size()) <= size());
    const qsizetype stored = std::clamp<qsizetype>(m_windows.size() - begin, 0, qsizetype(out.size()));
    m_windows.copy(m_timeS, begin, out.first(size_t(stored)));
    std::fill(out.begin() + stored, out.end(), 0.0f);
}

size_t Trace::memoryBytes() const
{
    size_t total = m_timeS.capacity() * sizeof(double) + m_windows.bytes();
    for (const auto &column : m_values)
        total += column.capacity() * sizeof(float);
    for (const auto &pyramid : m_levelOfDetail)
        total += pyramid.bytes();
    return total;
}

double Trace::startS() const
{
    return m_timeS.empty() ? 0.0 : m_timeS.front();
}

double Trace::endS() const
{
    if (m_timeS.empty())
        return 0.0;
    return m_timeS.back() + double(windowS(size() - 1));
}

void Trace::addMarker(const Marker &marker)
{
    // Open phases are few and recent: look for the one this closes from the end, and not at all
    // while none is open (most formats never report one).
    if (!marker.open && m_openMarkers > 0) {
        for (qsizetype i = m_markers.size() - 1; i >= 0; --i) {
            if (marker.closes(m_markers.at(i))) {
                m_markers[i] = marker;
                --m_openMarkers;
                return;
            }
        }
    }
    m_markers.append(marker);
    if (marker.open)
        ++m_openMarkers;
}

void Trace::setMarkers(const QList<Marker> &markers)
{
    m_markers = markers;
    m_openMarkers = std::count_if(markers.begin(), markers.end(), [](const Marker &marker) { return marker.open; });
}

} // namespace nightwatt
