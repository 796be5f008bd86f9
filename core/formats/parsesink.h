#pragma once

#include "trace/channel.h"
#include "trace/marker.h"
#include "trace/trace.h"

#include <QDateTime>
#include <QString>

#include <span>

namespace nightwatt {

struct ParseIssue
{
    qint64 line = 0; // 1-based; 0 when the issue concerns the whole input
    QString message;
};

// Where a parser puts what it reads. The file importer and every live source give the parser a
// sink, so a format behaves the same whether its bytes come from a file or a running sampler.
class ParseSink
{
public:
    virtual ~ParseSink() = default;

    virtual void setTiming(TimingKind timing) = 0;
    virtual void setClockAtZero(const QDateTime &clock) = 0;
    // Returns the index to use in sample(); asking again for the same id returns the same index.
    virtual int channel(const ChannelInfo &info) = 0;
    // values[i] belongs to channel index i; NaN (kMissing) or a short span means missing.
    // `line` is where the sample starts in the input, for issues found downstream.
    virtual void sample(double timeS, float windowS, std::span<const float> values, qint64 line) = 0;
    virtual void issue(const ParseIssue &issue) = 0;
    // The parser cannot read this input at all (e.g. a log without any power column) and stops:
    // `reason` becomes the load error when nothing was read before it. Counts as an issue too.
    virtual void fail(const ParseIssue &reason) { issue(reason); }
    virtual void metadata(const QString &key, const QString &value) = 0;
    // A phase or event of the run, on the same time axis as sample(). Formats that know the
    // run's phases (MLPerf logs, marker files) report them; most formats never call it, and a
    // sink that keeps no phases (one that only counts samples) may leave them.
    virtual void marker(const Marker &) {}
};

} // namespace nightwatt
