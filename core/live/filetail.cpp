#include "live/filetail.h"

#include "io/fileidentity.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace nightwatt {

namespace {

constexpr qint64 kReadChunk = 1024 * 1024;

// Identity of the file behind a path, to notice when a rotation put a new file there; 0 = none.
quint64 fileIdentity(const QString &path)
{
    const auto identity = FileIdentity::of(path);
    return identity ? identity->inode ^ (identity->device << 48) : 0;
}

} // namespace

FileTail::FileTail(const QString &path, Reader *reader, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_reader(reader)
{
}

FileTail::~FileTail() = default;

void FileTail::start()
{
    // Made here, on the thread that follows the file (the owner may have been moved to it).
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &FileTail::check);
        m_pollTimer = new QTimer(this);
        connect(m_pollTimer, &QTimer::timeout, this, &FileTail::check);
    }
    m_running = true;
    m_wasThereAtStart = QFileInfo::exists(m_path);
    m_pollTimer->start(m_pollMs);
    if (!QFileInfo(m_path).isFile() && QFileInfo::exists(m_path)) {
        stop();
        m_reader->tailFailed(QStringLiteral("%1 is not a regular file").arg(m_path));
        return;
    }
    check();
}

void FileTail::stop()
{
    m_running = false;
    if (m_pollTimer)
        m_pollTimer->stop();
    closeFile();
}

void FileTail::check()
{
    if (!m_running)
        return;
    if (!m_file.isOpen()) {
        if (!QFileInfo::exists(m_path))
            return; // not there yet: the poll timer comes back
        if (!openFile())
            return;
    }

    const quint64 id = fileIdentity(m_path);
    if (id != 0 && m_fileId != 0 && id != m_fileId) {
        // Rotated: finish the old file (its writer may have added a last line), then read the new.
        readAvailable();
        closeFile();
        if (!m_running)
            return;
        m_reader->tailRestarted(QStringLiteral("%1 was replaced by a new file (log rotation); reading the new file from its start").arg(m_path));
        if (!m_running || !openFile())
            return;
    } else if (id == 0 && !QFileInfo::exists(m_path)) {
        // Deleted, and nothing new yet: keep what is read, wait for a new file to appear.
        readAvailable();
        closeFile();
        if (m_running)
            m_reader->tailRestarted(QStringLiteral("%1 was deleted; waiting for it to appear again").arg(m_path));
        return;
    }

    if (m_file.size() < m_position) {
        const qint64 readBefore = std::exchange(m_position, 0);
        m_reader->tailRestarted(QStringLiteral("%1 was truncated (it shrank from %2 to %3 bytes); reading it again from the start")
                                    .arg(m_path)
                                    .arg(readBefore)
                                    .arg(m_file.size()));
    }
    readAvailable();
}

bool FileTail::openFile()
{
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        const QString message = QStringLiteral("cannot read %1: %2").arg(m_path, m_file.errorString());
        stop();
        m_reader->tailFailed(message);
        return false;
    }
    m_fileId = fileIdentity(m_path);
    m_position = 0;
    if (m_watcher && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    m_reader->tailOpened(std::exchange(m_wasThereAtStart, false));
    return m_running;
}

void FileTail::readAvailable()
{
    // The reader may stop us on any bytes (a source that failed on them).
    while (m_running && m_file.isOpen()) {
        const qint64 size = m_file.size();
        if (size <= m_position)
            return;
        if (!m_file.seek(m_position))
            return;
        const QByteArray bytes = m_file.read(std::min(kReadChunk, size - m_position));
        if (bytes.isEmpty())
            return;
        m_position += bytes.size();
        m_reader->tailBytes(bytes);
    }
}

void FileTail::closeFile()
{
    if (m_watcher && m_watcher->files().contains(m_path))
        m_watcher->removePath(m_path);
    m_file.close();
    m_fileId = 0;
    m_position = 0;
}

} // namespace nightwatt
