#include "livetracemirror.h"

#include "live/livetrace.h"

#include <algorithm>
#include <vector>

namespace nightwatt {

LiveTraceMirror::LiveTraceMirror(QObject *parent)
    : QObject(parent)
{
}

void LiveTraceMirror::follow(const LiveTrace *live)
{
    if (m_live)
        disconnect(m_live, nullptr, this, nullptr);
    m_live = live;
    m_trace = Trace();
    // Queued: the live trace signals from the source's thread.
    connect(live, &LiveTrace::samplesAppended, this, [this](qsizetype, qsizetype end) { copyRows(end); }, Qt::QueuedConnection);
    connect(live, &LiveTrace::markersChanged, this, &LiveTraceMirror::copyMarkers, Qt::QueuedConnection);
}

void LiveTraceMirror::copyRows(qsizetype end)
{
    if (!m_live || end <= m_trace.size())
        return;
    // Only the new rows are copied, under the live trace's lock: a few per batch.
    m_live->read([&](const Trace &live) {
        m_trace.setTiming(live.timing());
        if (live.clockAtZero().isValid())
            m_trace.setClockAtZero(live.clockAtZero());
        for (int c = m_trace.channelCount(); c < live.channelCount(); ++c)
            m_trace.ensureChannel(live.channel(c));
        std::vector<float> values(size_t(live.channelCount()));
        const qsizetype last = std::min(end, live.size());
        for (qsizetype i = m_trace.size(); i < last; ++i) {
            for (int c = 0; c < live.channelCount(); ++c)
                values[size_t(c)] = live.value(c, i);
            m_trace.append(live.timeS(i), live.windowS(i), values);
        }
    });
    Q_EMIT grew();
}

void LiveTraceMirror::copyMarkers()
{
    if (!m_live)
        return;
    m_trace.setMarkers(m_live->markers());
    Q_EMIT grew();
}

} // namespace nightwatt
