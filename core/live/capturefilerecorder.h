#pragma once

#include "live/capturerecorder.h"

#include <QElapsedTimer>
#include <QFile>

namespace nightwatt {

// Writes the captured bytes to a file that Nightwatt reads back like any log. Writes go straight
// to the kernel (no user-space buffer), so if Nightwatt is killed the file holds every byte it had
// received; the file is also synced to disk at most a second apart while bytes arrive, so a power
// cut loses at most about a second.
class CaptureFileRecorder final : public CaptureRecorder
{
public:
    explicit CaptureFileRecorder(const QString &path);
    ~CaptureFileRecorder() override;

    bool begin(const LiveSource &source, QString *error) override;
    void write(QByteArrayView bytes) override;
    void end(const LiveStatus &status) override;

    QString path() const { return m_file.fileName(); }
    qint64 bytesWritten() const { return m_written; }
    // Set when a write failed (disk full...); the capture goes on, the file is short.
    QString error() const { return m_error; }

private:
    void sync();

    QFile m_file;
    QElapsedTimer m_sinceSync;
    qint64 m_written = 0;
    QString m_error;
};

} // namespace nightwatt
