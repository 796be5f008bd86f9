#include "formats/tracebuilder.h"

#include "formats/timeoutlier.h"

#include <cmath>
#include <limits>

namespace nightwatt {

void TraceBuilder::setTiming(TimingKind timing)
{
    if (m_trace.isEmpty())
        m_trace.setTiming(timing);
}

void TraceBuilder::setClockAtZero(const QDateTime &clock)
{
    m_trace.setClockAtZero(clock);
}

int TraceBuilder::channel(const ChannelInfo &info)
{
    return m_trace.ensureChannel(info);
}

void TraceBuilder::sample(double timeS, float windowS, std::span<const float> values, qint64 line)
{
    if (m_held) {
        HeldSample held = std::move(*m_held);
        m_held.reset();
        const double lastS = m_trace.timeS(m_trace.size() - 1);
        if (isIsolatedTimeOutlier(lastS, held.timeS, timeS))
            issue({held.line, QStringLiteral("its time (%1 s) is far from the readings before and after it (%2 s apart); left out")
                                  .arg(held.timeS, 0, 'g', 6)
                                  .arg(timeS - lastS, 0, 'f', 3)});
        else
            keep(held.timeS, held.windowS, held.values, held.line);
    }
    // A sample far from the one before waits for the next: only that one can tell a pause or an
    // appended run from a garbled clock.
    if (!m_trace.isEmpty() && m_trace.timing() != TimingKind::None && isFarTimeJump(m_trace.timeS(m_trace.size() - 1), timeS)) {
        m_held = HeldSample{timeS, windowS, std::vector<float>(values.begin(), values.end()), line};
        return;
    }
    keep(timeS, windowS, values, line);
}

void TraceBuilder::finishInput()
{
    if (!m_held)
        return;
    const HeldSample held = std::move(*m_held);
    m_held.reset();
    keep(held.timeS, held.windowS, held.values, held.line);
}

void TraceBuilder::keep(double timeS, float windowS, std::span<const float> values, qint64 line)
{
    // Time must not run backwards: integration and the chart rely on a sorted axis. A sample
    // that goes back is reported and dropped rather than silently reordered.
    if (!m_trace.isEmpty() && m_trace.timing() != TimingKind::None && timeS < m_trace.timeS(m_trace.size() - 1)) {
        ++m_backwards;
        issue({line, QStringLiteral("a sample goes back in time (%1 s before the one before it); left out")
                      .arg(m_trace.timeS(m_trace.size() - 1) - timeS, 0, 'f', 3)});
        return;
    }
    if (repeatsLastSample(timeS, windowS, values)) {
        issue({line, QStringLiteral("repeats the sample before it (same time and figures); left out")});
        return;
    }
    m_trace.append(timeS, windowS, values);
}

// A log concatenated with a copy of itself, or a sampler that printed a line twice: counting the
// same window or reading twice would add its energy twice (windowed) or weigh it double (points).
bool TraceBuilder::repeatsLastSample(double timeS, float windowS, std::span<const float> values) const
{
    if (m_trace.isEmpty() || m_trace.timing() == TimingKind::None)
        return false;
    const qsizetype last = m_trace.size() - 1;
    if (timeS != m_trace.timeS(last) || windowS != m_trace.windowS(last))
        return false;
    for (int c = 0; c < m_trace.channelCount(); ++c) {
        const float before = m_trace.value(c, last);
        const float now = size_t(c) < values.size() ? values[size_t(c)] : std::numeric_limits<float>::quiet_NaN();
        if (!(before == now || (std::isnan(before) && std::isnan(now))))
            return false;
    }
    return true;
}

void TraceBuilder::issue(const ParseIssue &issue)
{
    ++m_issueCount;
    if (m_issues.size() < kMaxKeptIssues)
        m_issues.append(issue);
}

void TraceBuilder::fail(const ParseIssue &reason)
{
    if (!m_failure)
        m_failure = reason;
    issue(reason);
}

void TraceBuilder::metadata(const QString &key, const QString &value)
{
    m_metadata.insert(key, value);
}

void TraceBuilder::marker(const Marker &marker)
{
    m_trace.addMarker(marker);
}

} // namespace nightwatt
