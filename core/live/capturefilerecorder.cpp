#include "live/capturefilerecorder.h"

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
    if (m_file.isOpen())
        m_file.close();
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_sinceSync.start();
    return true;
}

void CaptureFileRecorder::write(QByteArrayView bytes)
{
    if (!m_file.isOpen() || bytes.isEmpty())
        return;
    const qint64 done = m_file.write(bytes.data(), bytes.size());
    if (done != bytes.size() && m_error.isEmpty())
        m_error = QStringLiteral("writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString());
    m_written += std::max<qint64>(0, done);
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
}

void CaptureFileRecorder::sync()
{
    m_file.flush();
#ifdef Q_OS_UNIX
    ::fsync(m_file.handle());
#endif
    m_sinceSync.restart();
}

} // namespace nightwatt
