#include "live/capturefilerecorder.h"

#include <QFileInfo>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace nightwatt {

namespace {
constexpr qint64 kSyncIntervalMs = 1000;
}

CaptureFileRecorder::CaptureFileRecorder(const QString &path)
    : m_file(path)
{
}

CaptureFileRecorder::~CaptureFileRecorder()
{
    if (m_file.isOpen())
        sync();
}

bool CaptureFileRecorder::begin(const LiveSource &source, QString *error)
{
    Q_UNUSED(source);
    m_written = 0;
    m_error.clear();
    m_failed.store(false, std::memory_order_release);
    if (m_file.isOpen())
        m_file.close();
    // Nothing is created yet (a capture that fails to start must not leave an empty file, nor
    // empty one that was there): only what would stop the first write is checked now.
    const QFileInfo target(m_file.fileName());
    const QFileInfo folder(target.absolutePath());
    QString why;
    if (target.isDir())
        why = QStringLiteral("it is a folder");
    else if (target.exists() ? !target.isWritable() : !folder.isDir())
        why = target.exists() ? QStringLiteral("permission denied") : QStringLiteral("there is no folder %1").arg(folder.filePath());
    else if (!target.exists() && !folder.isWritable())
        why = QStringLiteral("permission denied in %1").arg(folder.filePath());
    if (!why.isEmpty()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), why);
        return false;
    }
    return true;
}

bool CaptureFileRecorder::openOnFirstWrite()
{
    if (m_file.isOpen())
        return true;
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        setFailed(m_file.errorString());
        return false;
    }
    m_sinceSync.start();
    return true;
}

void CaptureFileRecorder::write(QByteArrayView bytes)
{
    if (bytes.isEmpty() || failed() || !openOnFirstWrite())
        return;
    qint64 done = std::max<qint64>(0, m_file.write(bytes.data(), bytes.size()));
    // A write that stops part-way (the disk filled up during it) reports no error; the next one
    // does, with the reason the system gave.
    if (done > 0 && done < bytes.size())
        done += std::max<qint64>(0, m_file.write(bytes.data() + done, bytes.size() - done));
    m_written += done;
    if (done != bytes.size()) {
        setFailed(m_file.errorString());
        return;
    }
    if (m_sinceSync.elapsed() >= kSyncIntervalMs)
        sync();
}

void CaptureFileRecorder::end(const LiveStatus &status)
{
    Q_UNUSED(status);
    if (!m_file.isOpen())
        return;
    sync();
    m_file.close();
    if (m_file.error() != QFileDevice::NoError)
        setFailed(m_file.errorString());
}

void CaptureFileRecorder::sync()
{
    m_file.flush();
#ifdef Q_OS_UNIX
    // Some file systems (NFS, quotas) report a full disk only here.
    if (::fsync(m_file.handle()) != 0 && errno != EINVAL && errno != EROFS)
        setFailed(QString::fromLocal8Bit(std::strerror(errno)));
#endif
    m_sinceSync.restart();
}

void CaptureFileRecorder::setFailed(const QString &reason)
{
    if (failed())
        return;
    m_error = QStringLiteral("writing %1 failed after %2 bytes: %3; the file keeps those bytes, the rest of the capture is "
                             "only in memory")
                  .arg(m_file.fileName())
                  .arg(m_written)
                  .arg(reason);
    m_failed.store(true, std::memory_order_release);
}

} // namespace nightwatt
