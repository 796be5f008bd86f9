#pragma once

#include "formats/parsesink.h"
#include "trace/trace.h"

#include <QList>
#include <QMap>

#include <optional>
#include <vector>

namespace nightwatt {

// A sink that collects everything into a Trace. Issues are kept up to a limit so a file of
// garbage cannot exhaust memory with messages; the total count is always exact.
class TraceBuilder final : public ParseSink
{
public:
    static constexpr qsizetype kMaxKeptIssues = 1000;

    void setTiming(TimingKind timing) override;
    void setClockAtZero(const QDateTime &clock) override;
    int channel(const ChannelInfo &info) override;
    void sample(double timeS, float windowS, std::span<const float> values, qint64 line) override;
    void issue(const ParseIssue &issue) override;
    void fail(const ParseIssue &reason) override;
    void metadata(const QString &key, const QString &value) override;
    void marker(const Marker &marker) override;
    // The input has ended: a sample still waiting for the one after it is kept.
    void finishInput();

    Trace &trace() { return m_trace; }
    const Trace &trace() const { return m_trace; }
    const QList<ParseIssue> &issues() const { return m_issues; }
    qint64 issueCount() const { return m_issueCount; }
    const QMap<QString, QString> &metadata() const { return m_metadata; }
    qint64 backwardsTimeCount() const { return m_backwards; }
    // Why the parser gave up, when it did (the first reason it gave).
    const std::optional<ParseIssue> &failure() const { return m_failure; }

private:
    struct HeldSample
    {
        double timeS = 0;
        float windowS = 0;
        std::vector<float> values;
        qint64 line = 0;
    };

    void keep(double timeS, float windowS, std::span<const float> values, qint64 line);
    bool repeatsLastSample(double timeS, float windowS, std::span<const float> values) const;

    Trace m_trace;
    QList<ParseIssue> m_issues;
    qint64 m_issueCount = 0;
    qint64 m_backwards = 0;
    QMap<QString, QString> m_metadata;
    std::optional<ParseIssue> m_failure;
    std::optional<HeldSample> m_held; // far from the sample before it; the next one decides
};

} // namespace nightwatt
