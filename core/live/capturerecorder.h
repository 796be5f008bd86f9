#pragma once

#include "live/livestatus.h"

#include <QByteArrayView>
#include <QString>

namespace nightwatt {

class LiveSource;

// Keeps what a live source captured: CaptureFileRecorder keeps the bytes, LibraryRecorder the
// parsed samples (read from source.trace() as they arrive). A source calls its recorders on its
// own thread, in this order: begin, write/parsed/formatRecognised..., end.
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
    // The bytes of the last write() went through the parser: source.trace() holds their samples.
    virtual void parsed(const LiveSource &source) { Q_UNUSED(source); }
    // The capture ended; everything written must be safe when this returns.
    virtual void end(const LiveStatus &status) = 0;
};

} // namespace nightwatt
