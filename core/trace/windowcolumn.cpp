#include "trace/windowcolumn.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>

namespace nightwatt {

namespace {

// The window the time axis tells for sample i (it has a successor).
float implied(std::span<const double> times, qsizetype i)
{
    return float(times[size_t(i) + 1] - times[size_t(i)]);
}

// Bit for bit: -0 is not 0, and a NaN window stays the NaN it was.
bool sameBits(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

} // namespace

void WindowColumn::append(std::span<const double> times, float windowS)
{
    Q_ASSERT(qsizetype(times.size()) == m_size + 1);
    appendOne(times, windowS);
}

void WindowColumn::append(std::span<const double> times, std::span<const float> windowsS)
{
    Q_ASSERT(qsizetype(times.size()) == m_size + qsizetype(windowsS.size()));
    size_t k = 0;
    for (; k < windowsS.size() && !m_dense; ++k)
        appendOne(times, windowsS[k]);
    // Dense from here on: one insert, grown the way a plain column always was.
    if (k < windowsS.size()) {
        m_denseValues.insert(m_denseValues.end(), windowsS.begin() + qsizetype(k), windowsS.end());
        m_last = windowsS.back();
        m_size += qsizetype(windowsS.size() - k);
    }
}

void WindowColumn::appendZeros(std::span<const double> times, qsizetype count)
{
    Q_ASSERT(qsizetype(times.size()) == m_size + count);
    for (qsizetype k = 0; k < count; ++k)
        appendOne(times, 0.0f);
}

void WindowColumn::reserve(qsizetype samples)
{
    m_reserved = std::max(m_reserved, samples);
    if (m_dense)
        m_denseValues.reserve(size_t(samples));
}

void WindowColumn::appendOne(std::span<const double> times, float windowS)
{
    // The previous last sample now has a successor: its window is either told by the axis or
    // becomes an exception.
    if (!m_dense && m_size > 0)
        settle(times, m_size - 1, m_last);
    if (m_dense)
        m_denseValues.push_back(windowS);
    m_last = windowS;
    ++m_size;
}

void WindowColumn::settle(std::span<const double> times, qsizetype i, float windowS)
{
    if (sameBits(implied(times, i), windowS))
        return;
    if (quint64(i) > std::numeric_limits<quint32>::max()) {
        becomeDense(times);
        return;
    }
    m_exceptionIndex.push_back(quint32(i));
    m_exceptionValue.push_back(windowS);
    const size_t pairBytes = m_exceptionIndex.capacity() * sizeof(quint32) + m_exceptionValue.capacity() * sizeof(float);
    if (pairBytes > size_t(m_size) * sizeof(float) + kSlackBytes)
        becomeDense(times);
}

void WindowColumn::becomeDense(std::span<const double> times)
{
    // Called while sample m_size - 1 is the last one (its window is m_last).
    std::vector<float> dense;
    dense.reserve(std::max({times.size(), size_t(m_size), size_t(m_reserved)}));
    dense.resize(size_t(m_size));
    copy(times, 0, dense);
    m_denseValues = std::move(dense);
    m_exceptionIndex = {};
    m_exceptionValue = {};
    m_dense = true;
}

float WindowColumn::at(std::span<const double> times, qsizetype i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    if (m_dense)
        return m_denseValues[size_t(i)];
    if (i == m_size - 1)
        return m_last;
    const auto it = std::lower_bound(m_exceptionIndex.begin(), m_exceptionIndex.end(), quint64(i),
                                     [](quint32 index, quint64 wanted) { return index < wanted; });
    if (it != m_exceptionIndex.end() && *it == quint64(i))
        return m_exceptionValue[size_t(it - m_exceptionIndex.begin())];
    return implied(times, i);
}

void WindowColumn::copy(std::span<const double> times, qsizetype begin, std::span<float> out) const
{
    const qsizetype n = qsizetype(out.size());
    if (n == 0)
        return;
    const qsizetype end = begin + n;
    Q_ASSERT(begin >= 0 && end <= m_size);
    if (m_dense) {
        std::copy_n(m_denseValues.begin() + begin, n, out.begin());
        return;
    }
    // Everything the axis tells first (a tight loop), then the exceptions in range on top.
    const qsizetype toldEnd = std::min(end, m_size - 1);
    for (qsizetype i = begin; i < toldEnd; ++i)
        out[size_t(i - begin)] = implied(times, i);
    auto it = std::lower_bound(m_exceptionIndex.begin(), m_exceptionIndex.end(), quint64(begin),
                               [](quint32 index, quint64 wanted) { return index < wanted; });
    for (; it != m_exceptionIndex.end() && qsizetype(*it) < end; ++it)
        out[size_t(qsizetype(*it) - begin)] = m_exceptionValue[size_t(it - m_exceptionIndex.begin())];
    if (end == m_size)
        out[size_t(n - 1)] = m_last;
}

size_t WindowColumn::bytes() const
{
    return m_denseValues.capacity() * sizeof(float) + m_exceptionIndex.capacity() * sizeof(quint32)
        + m_exceptionValue.capacity() * sizeof(float);
}

} // namespace nightwatt
