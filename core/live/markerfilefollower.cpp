#include "live/markerfilefollower.h"

#include "formats/markerfileparser.h"
#include "live/livetrace.h"

#include <QTimer>

namespace nightwatt {

// Markers go straight onto the live trace (they are placed on its axis already); issues are kept
// for the window, which says them under the marker file's name.
class MarkerFileFollower::Sink final : public ParseSink
{
public:
    explicit Sink(LiveTrace *trace) : m_trace(trace) {}

    void setTiming(TimingKind) override {}
    void setClockAtZero(const QDateTime &) override {}
    int channel(const ChannelInfo &) override { return 0; }
    void sample(double, float, std::span<const float>, qint64) override {}
    void metadata(const QString &, const QString &) override {}
    void issue(const ParseIssue &issue) override { issues.append(issue); }
    void marker(const Marker &marker) override { m_trace->addMarker(marker); }

    QList<ParseIssue> issues;

private:
    LiveTrace *m_trace;
};

MarkerFileFollower::MarkerFileFollower(const QString &path, LiveTrace *trace, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_trace(trace)
    , m_file(path)
    , m_sink(std::make_unique<Sink>(trace))
    , m_parser(std::make_unique<MarkerFileParser>(MarkerAxis{}))
    , m_timer(new QTimer(this))
{
    m_parser->setSink(m_sink.get());
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &MarkerFileFollower::check);
}

MarkerFileFollower::~MarkerFileFollower() = default;

void MarkerFileFollower::start()
{
    m_timer->start();
    check();
}

void MarkerFileFollower::updateAxis()
{
    MarkerAxis axis;
    m_trace->read([&](const Trace &trace) { axis = MarkerAxis::of(trace); });
    m_parser->setAxis(axis);
}

void MarkerFileFollower::check()
{
    if (m_finished)
        return;
    // Clock times are placed by the capture's clock: wait for its first sample.
    if (m_trace->size() == 0)
        return;
    if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly))
        return; // not written yet
    const QByteArray bytes = m_file.readAll();
    if (bytes.isEmpty())
        return;
    updateAxis();
    m_parser->feed(bytes);
    emitIssues();
}

void MarkerFileFollower::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer->stop();
    if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly)) {
        m_sink->issues.append({0, QStringLiteral("cannot read the marker file: %1").arg(m_file.errorString())});
    } else {
        updateAxis();
        m_parser->feed(m_file.readAll());
        m_parser->finish();
    }
    emitIssues();
}

void MarkerFileFollower::emitIssues()
{
    if (!m_sink->issues.isEmpty())
        Q_EMIT issuesFound(m_path, std::exchange(m_sink->issues, {}));
}

} // namespace nightwatt
