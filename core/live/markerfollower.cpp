#include "live/markerfollower.h"

#include "live/livetrace.h"

#include <QFileInfo>

#include <cmath>

namespace nightwatt {

// Hands the parser's markers and issues to the follower's signals; a marker file has no samples.
class MarkerFollower::Sink final : public ParseSink
{
public:
    explicit Sink(MarkerFollower *owner) : m_owner(owner) {}

    void setTiming(TimingKind) override {}
    void setClockAtZero(const QDateTime &) override {}
    int channel(const ChannelInfo &) override { return 0; }
    void sample(double, float, std::span<const float>, qint64) override {}
    void metadata(const QString &, const QString &) override {}
    void marker(const Marker &marker) override { Q_EMIT m_owner->markerRead(marker); }
    void issue(const ParseIssue &issue) override
    {
        Q_EMIT m_owner->issueFound(m_owner->path(), issue);
        const QString file = QFileInfo(m_owner->path()).fileName();
        Q_EMIT m_owner->problem(issue.line > 0 ? QStringLiteral("marker file %1, line %2: %3").arg(file).arg(issue.line).arg(issue.message)
                                               : QStringLiteral("marker file %1: %2").arg(file, issue.message));
    }

private:
    MarkerFollower *m_owner;
};

MarkerFollower::MarkerFollower(const QString &path, const LiveTrace &capture, QObject *parent)
    : QObject(parent)
    , m_capture(capture)
    , m_tail(new FileTail(path, this, this))
    , m_sink(std::make_unique<Sink>(this))
{
}

MarkerFollower::~MarkerFollower()
{
    m_tail->stop();
}

void MarkerFollower::newParser()
{
    m_parser = std::make_unique<MarkerFileParser>(captureAxis());
    m_parser->setReportsOpenPhases(true);
    m_parser->setSink(m_sink.get());
}

void MarkerFollower::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Following;
    // Samples that carry no clock (tegrastats, a log of elapsed seconds) are placed by when the
    // latest of them arrived: that is about now.
    double lastSampleS = 0;
    m_capture.read([&](const Trace &trace) { lastSampleS = trace.isEmpty() ? 0.0 : trace.endS(); });
    m_clockWithoutOne = QDateTime::currentDateTimeUtc().addMSecs(-qint64(std::llround(lastSampleS * 1000.0)));
    newParser();
    m_tail->start();
}

void MarkerFollower::finish()
{
    if (m_state != State::Following)
        return;
    m_tail->check();
    m_tail->stop();
    m_parser->setAxis(captureAxis());
    m_parser->finish();
    m_state = State::Finished;
}

void MarkerFollower::reset()
{
    m_tail->stop();
    m_parser.reset();
    m_state = State::Idle;
}

MarkerAxis MarkerFollower::captureAxis() const
{
    MarkerAxis axis;
    m_capture.read([&](const Trace &trace) { axis = MarkerAxis::of(trace); });
    if (!axis.clockAtZero.isValid())
        axis.clockAtZero = m_clockWithoutOne;
    return axis;
}

void MarkerFollower::tailBytes(QByteArrayView bytes)
{
    m_parser->setAxis(captureAxis());
    m_parser->feed(bytes);
}

void MarkerFollower::tailRestarted(const QString &why)
{
    // New content from its start: a phase the old content left open never gets its stop.
    Q_EMIT problem(QStringLiteral("marker file: %1").arg(why));
    newParser();
}

void MarkerFollower::tailFailed(const QString &message)
{
    Q_EMIT problem(QStringLiteral("marker file: %1").arg(message));
}

} // namespace nightwatt
