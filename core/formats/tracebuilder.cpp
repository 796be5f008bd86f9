#include "formats/tracebuilder.h"

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
    // Time must not run backwards: integration and the chart rely on a sorted axis. A sample
    // that goes back is reported and dropped rather than silently reordered.
    if (!m_trace.isEmpty() && m_trace.timing() != TimingKind::None && timeS < m_trace.timeS(m_trace.size() - 1)) {
        ++m_backwards;
        issue({line, QStringLiteral("a sample goes back in time (%1 s before the one before it); left out")
                      .arg(m_trace.timeS(m_trace.size() - 1) - timeS, 0, 'f', 3)});
        return;
    }
    m_trace.append(timeS, windowS, values);
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

} // namespace nightwatt
