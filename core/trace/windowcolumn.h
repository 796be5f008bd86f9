#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace nightwatt {

// The window lengths of a windowed trace, kept only where the time axis does not already tell
// them. Within a run the parsers place each sample where the last one ended (t[i+1] = t[i] +
// w[i]), so float(t[i+1] - t[i]) is w[i] bit for bit for nearly every sample: those cost
// nothing. The others (pauses, restarts) are kept as sorted (index, window) pairs, and so is the
// last sample's window until a successor arrives. When the pairs would cost more than a plain
// float per sample (a format whose windows do not meet), the column turns into that plain column
// for good, so it never holds more than a dense column would (plus kSlackBytes).
//
// The column does not own the time axis: every call that needs it takes the trace's time axis,
// which must hold exactly the samples the column has (and, for append, the new ones after them).
class WindowColumn
{
public:
    // Bytes of exception pairs allowed beyond what a dense column of the same length would take,
    // so a few early pauses in a short trace do not switch it to the dense form.
    static constexpr size_t kSlackBytes = 256;

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool isDense() const { return m_dense; }
    // Windows that the time axis does not tell (the last sample's is not counted).
    qsizetype exceptionCount() const { return qsizetype(m_exceptionIndex.size()); }

    // `times` holds the samples so far and then the new ones (one per window).
    void append(std::span<const double> times, float windowS);
    void append(std::span<const double> times, std::span<const float> windowsS);
    // Appends `count` windows of 0 s (samples that had no window).
    void appendZeros(std::span<const double> times, qsizetype count);
    // Only the dense form has a column to reserve; the request is kept until then.
    void reserve(qsizetype samples);

    float at(std::span<const double> times, qsizetype i) const;
    float last() const { return m_last; }
    // Windows [begin, begin + out.size()) into `out`; the range must lie within size().
    void copy(std::span<const double> times, qsizetype begin, std::span<float> out) const;

    size_t bytes() const; // capacity, not size

private:
    void appendOne(std::span<const double> times, float windowS);
    void settle(std::span<const double> times, qsizetype i, float windowS);
    void becomeDense(std::span<const double> times);

    bool m_dense = false;
    qsizetype m_size = 0;
    qsizetype m_reserved = 0; // what the dense form reserves if it comes to that
    float m_last = 0.0f;
    std::vector<quint32> m_exceptionIndex; // ascending
    std::vector<float> m_exceptionValue;
    std::vector<float> m_denseValues; // only once dense
};

} // namespace nightwatt
