#pragma once

#include "trace/trace.h"

#include <QObject>

namespace nightwatt {

class LiveTrace;

// The GUI thread's copy of a LiveTrace that a source fills on its own thread, so the chart draws
// without taking the source's lock. Each update copies only what is new: the rows since the last
// one, and the markers (a shared list, not a copy) when they changed, both throttled by the live
// trace's own signals. Nothing that grows with the run's length happens on the GUI thread.
class LiveTraceMirror final : public QObject
{
    Q_OBJECT
public:
    explicit LiveTraceMirror(QObject *parent = nullptr);

    // Starts copying what `live` reports; it must outlive this mirror or the next follow().
    void follow(const LiveTrace *live);
    const Trace &trace() const { return m_trace; }
    // Copies the rows up to `end` and the markers now (the last of a capture that ended).
    void copyRows(qsizetype end);
    void copyMarkers();

Q_SIGNALS:
    // trace() has new rows or markers.
    void grew();

private:
    const LiveTrace *m_live = nullptr;
    Trace m_trace;
};

} // namespace nightwatt
