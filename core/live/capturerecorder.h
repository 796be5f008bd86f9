#pragma once

#include "live/livestatus.h"

#include <QByteArrayView>
#include <QString>

namespace nightwatt {

class LiveSource;

// Keeps what a live source captured. The file writer is the first kind; the run library will be
// another (it can read the parsed samples from source.trace() as they arrive). A source calls its
// recorders on its own thread, in this order: begin, write/formatRecognised..., end.
class CaptureRecorder
{
public:
    virtual ~CaptureRecorder() = default;

    // The capture is starting. Return false with *error set when recording is impossible: the
    // source then fails instead of capturing what nobody keeps.
    virtual bool begin(const LiveSource &source, QString *error) = 0;
    // The input's raw bytes in the source's own format, in order, as they arrive.
    virtual void write(QByteArrayView bytes) = 0;
    virtual void formatRecognised(const QString &formatId) { Q_UNUSED(formatId); }
    // The capture ended; everything written must be safe when this returns.
    virtual void end(const LiveStatus &status) = 0;
};

} // namespace nightwatt
