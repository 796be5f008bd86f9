#pragma once

#include "formats/parsesink.h"
#include "formats/tracebuilder.h"
#include "trace/trace.h"

#include <QElapsedTimer>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace nightwatt {

// The trace a live source fills while someone else reads it.
//
// Threading: the parser writes through sink() on the source's thread; each call takes a mutex for
// the few microseconds of one append, so a reader on the GUI thread (read(), snapshot(), size())
// never sees a half-written sample and never waits on a whole chunk of input. Readers are told
// about new samples by samplesAppended(), coalesced to at most one signal every
// kNotifyIntervalMs; the signal is emitted from the thread this object lives in (move it, or
// connect with a queued connection, to receive it elsewhere).
class LiveTrace final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kNotifyIntervalMs = 40;

    explicit LiveTrace(QObject *parent = nullptr);
    ~LiveTrace() override;

    // --- writer side (the source's thread)
    ParseSink *sink();
    // The next parser starts its own time axis at 0 again (a followed log was truncated or
    // rotated): shift its samples so they continue after what is already there.
    void beginSegment();
    // The parser has read all it will: a sample still waiting for the one after it is kept.
    void finishInput();
    // While muted, samples and issues are dropped but channels, timing and clock are kept: used
    // to prime a parser on the part of a followed log that existed before capture started.
    void setMuted(bool muted);
    // The input line of the first sample dropped since muting began (-1: none; 0: its line is unknown).
    qint64 firstMutedSampleLine() const;
    // Issues about the input as a whole (truncation, rotation); line 0.
    void reportIssue(const QString &message);
    // A marker already on the trace's axis (read from a marker file beside the capture), unlike
    // one from sink(), which a parser places on its own segment's axis.
    void addMarker(const Marker &marker);
    // Empties the trace for a new capture.
    void clear();

    // --- reader side (any thread)
    qsizetype size() const;
    // Calls `reader` with the trace while holding the lock: keep it short.
    void read(const std::function<void(const Trace &)> &reader) const;
    Trace snapshot() const;
    QList<ParseIssue> issues() const;
    qint64 issueCount() const;
    QMap<QString, QString> metadata() const;
    QList<Marker> markers() const;

Q_SIGNALS:
    // Samples [first, end) are new since the last signal.
    void samplesAppended(qsizetype first, qsizetype end);
    // Markers were added, or an open phase closed, since the last signal (at most as often as
    // samplesAppended).
    void markersChanged();
    // New issues were reported; `count` is the total so far.
    void issuesChanged(qint64 count);

private:
    class Sink;
    friend class Sink;

    void changed();
    void scheduleNotify();
    void notify();

    mutable QMutex m_mutex;
    TraceBuilder m_builder;
    std::unique_ptr<Sink> m_sink;
    bool m_muted = false;
    qint64 m_firstMutedSampleLine = -1;
    bool m_segmentPending = false;
    double m_offsetS = 0;
    QDateTime m_segmentClock;

    std::atomic_bool m_notifyQueued = false;
    QTimer *m_notifyTimer; // a child, so moveToThread() takes it along
    QElapsedTimer m_sinceNotify;
    qsizetype m_notifiedSize = 0;
    qint64 m_notifiedIssues = 0;
    qint64 m_markerRevision = 0; // under m_mutex
    qint64 m_notifiedMarkerRevision = 0;
};

} // namespace nightwatt
