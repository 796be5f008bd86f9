#include "live/livetrace.h"

#include <QMutexLocker>

#include <algorithm>

namespace nightwatt {

class LiveTrace::Sink final : public ParseSink
{
public:
    explicit Sink(LiveTrace *owner) : m_owner(owner) {}

    void setTiming(TimingKind timing) override
    {
        const QMutexLocker lock(&m_owner->m_mutex);
        m_owner->m_builder.setTiming(timing);
    }

    void setClockAtZero(const QDateTime &clock) override
    {
        const QMutexLocker lock(&m_owner->m_mutex);
        Trace &trace = m_owner->m_builder.trace();
        // The first clock anchors the axis; a later segment's clock only places that segment.
        if (!trace.clockAtZero().isValid() && trace.isEmpty())
            m_owner->m_builder.setClockAtZero(clock);
        else
            m_owner->m_segmentClock = clock;
    }

    int channel(const ChannelInfo &info) override
    {
        const QMutexLocker lock(&m_owner->m_mutex);
        return m_owner->m_builder.channel(info);
    }

    void sample(double timeS, float windowS, std::span<const float> values, qint64 line) override
    {
        {
            const QMutexLocker lock(&m_owner->m_mutex);
            if (m_owner->m_muted) {
                if (m_owner->m_firstMutedSampleLine < 0)
                    m_owner->m_firstMutedSampleLine = std::max<qint64>(0, line);
                return;
            }
            if (m_owner->m_segmentPending)
                m_owner->m_offsetS = segmentOffset(timeS);
            m_owner->m_segmentPending = false;
            m_owner->m_builder.sample(timeS + m_owner->m_offsetS, windowS, values, line);
        }
        m_owner->changed();
    }

    void issue(const ParseIssue &issue) override
    {
        {
            const QMutexLocker lock(&m_owner->m_mutex);
            if (m_owner->m_muted)
                return;
            m_owner->m_builder.issue(issue);
        }
        m_owner->changed();
    }

    void metadata(const QString &key, const QString &value) override
    {
        const QMutexLocker lock(&m_owner->m_mutex);
        m_owner->m_builder.metadata(key, value);
    }

    void marker(const Marker &marker) override
    {
        Marker placed = marker;
        {
            const QMutexLocker lock(&m_owner->m_mutex);
            if (m_owner->m_muted)
                return;
            placed.startS += m_owner->m_offsetS;
            if (placed.endS)
                *placed.endS += m_owner->m_offsetS;
        }
        m_owner->addMarker(placed);
    }

private:
    // Where a restarted parser's axis goes on the trace's axis: after the last sample, and later
    // still when both clocks are known and the new segment started after a pause.
    double segmentOffset(double firstTimeS) const
    {
        const Trace &trace = m_owner->m_builder.trace();
        if (trace.isEmpty())
            return 0;
        double offset = trace.endS() - firstTimeS;
        if (m_owner->m_segmentClock.isValid() && trace.clockAtZero().isValid()) {
            const double byClock = double(trace.clockAtZero().msecsTo(m_owner->m_segmentClock)) / 1000.0;
            offset = std::max(offset, byClock);
        }
        return offset;
    }

    LiveTrace *m_owner;
};

LiveTrace::LiveTrace(QObject *parent)
    : QObject(parent)
    , m_sink(std::make_unique<Sink>(this))
    , m_notifyTimer(new QTimer(this))
{
    m_notifyTimer->setSingleShot(true);
    connect(m_notifyTimer, &QTimer::timeout, this, &LiveTrace::notify);
    m_sinceNotify.start();
}

LiveTrace::~LiveTrace() = default;

ParseSink *LiveTrace::sink()
{
    return m_sink.get();
}

void LiveTrace::beginSegment()
{
    const QMutexLocker lock(&m_mutex);
    m_segmentPending = true;
    m_segmentClock = {};
}

void LiveTrace::finishInput()
{
    {
        const QMutexLocker lock(&m_mutex);
        m_builder.finishInput();
    }
    changed();
}

void LiveTrace::setMuted(bool muted)
{
    const QMutexLocker lock(&m_mutex);
    if (muted && !m_muted)
        m_firstMutedSampleLine = -1;
    m_muted = muted;
}

qint64 LiveTrace::firstMutedSampleLine() const
{
    const QMutexLocker lock(&m_mutex);
    return m_firstMutedSampleLine;
}

void LiveTrace::addMarker(const Marker &marker)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_builder.marker(marker);
        ++m_markerRevision;
    }
    changed();
}

void LiveTrace::reportIssue(const QString &message)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_builder.issue({0, message});
    }
    changed();
}

void LiveTrace::clear()
{
    {
        const QMutexLocker lock(&m_mutex);
        m_builder = TraceBuilder();
        ++m_markerRevision;
        m_muted = false;
        m_segmentPending = false;
        m_offsetS = 0;
        m_segmentClock = {};
    }
    QMetaObject::invokeMethod(this, [this] {
        m_notifiedSize = 0;
        m_notifiedIssues = 0;
    });
}

qsizetype LiveTrace::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_builder.trace().size();
}

void LiveTrace::read(const std::function<void(const Trace &)> &reader) const
{
    const QMutexLocker lock(&m_mutex);
    reader(m_builder.trace());
}

Trace LiveTrace::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    return m_builder.trace();
}

QList<ParseIssue> LiveTrace::issues() const
{
    const QMutexLocker lock(&m_mutex);
    return m_builder.issues();
}

qint64 LiveTrace::issueCount() const
{
    const QMutexLocker lock(&m_mutex);
    return m_builder.issueCount();
}

QList<Marker> LiveTrace::markers() const
{
    const QMutexLocker lock(&m_mutex);
    return m_builder.trace().markers();
}

QMap<QString, QString> LiveTrace::metadata() const
{
    const QMutexLocker lock(&m_mutex);
    return m_builder.metadata();
}

void LiveTrace::changed()
{
    // One queued call per burst, whatever thread the parser runs on.
    if (!m_notifyQueued.exchange(true))
        QMetaObject::invokeMethod(this, &LiveTrace::scheduleNotify, Qt::QueuedConnection);
}

void LiveTrace::scheduleNotify()
{
    if (m_notifyTimer->isActive())
        return;
    const qint64 since = m_sinceNotify.elapsed();
    m_notifyTimer->start(int(std::max<qint64>(0, kNotifyIntervalMs - since)));
}

void LiveTrace::notify()
{
    m_notifyQueued = false;
    qsizetype size = 0;
    qint64 issues = 0;
    qint64 markerRevision = 0;
    {
        const QMutexLocker lock(&m_mutex);
        size = m_builder.trace().size();
        issues = m_builder.issueCount();
        markerRevision = m_markerRevision;
    }
    m_sinceNotify.restart();
    if (size > m_notifiedSize) {
        const qsizetype first = m_notifiedSize;
        m_notifiedSize = size;
        Q_EMIT samplesAppended(first, size);
    }
    if (markerRevision != m_notifiedMarkerRevision) {
        m_notifiedMarkerRevision = markerRevision;
        Q_EMIT markersChanged();
    }
    if (issues != m_notifiedIssues) {
        m_notifiedIssues = issues;
        Q_EMIT issuesChanged(issues);
    }
}

} // namespace nightwatt
