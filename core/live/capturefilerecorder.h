#pragma once

#include "live/capturerecorder.h"

#include <QElapsedTimer>
#include <QFile>

#include <atomic>

namespace nightwatt {

// Writes the captured bytes to a file that Nightwatt reads back like any log. Writes go straight
// to the kernel (no user-space buffer), so if Nightwatt is killed the file holds every byte it had
// received; the file is also synced to disk at most a second apart while bytes arrive, so a power
// cut loses at most about a second. The file is created (or emptied) by the first bytes, not
// before: a capture that never started leaves whatever was at the path as it was.
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
    // True once a write failed (disk full, file too large, I/O error). Safe to ask from any thread
    // while the source writes; after that, error() says what happened and stays as it is.
    bool failed() const { return m_failed.load(std::memory_order_acquire); }
    // Set when a write failed; the capture goes on in memory, the file keeps the bytes that were
    // written before (bytesWritten() of them), and nothing more is appended so it never has a hole.
    QString error() const { return m_error; }

private:
    bool openOnFirstWrite();
    void sync();
    void setFailed(const QString &reason);

    QFile m_file;
    QElapsedTimer m_sinceSync;
    qint64 m_written = 0;
    QString m_error;
    std::atomic_bool m_failed = false;
};

} // namespace nightwatt
