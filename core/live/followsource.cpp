#include "live/followsource.h"

#include "io/fileidentity.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

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

FollowSource::FollowSource(const QString &path, StartAt startAt, QObject *parent)
    : LiveSource(parent)
    , m_path(path)
    , m_startAt(startAt)
{
}

FollowSource::~FollowSource()
{
    halt();
}

QString FollowSource::description() const
{
    return QStringLiteral("following %1").arg(m_path);
}

void FollowSource::open()
{
    m_skipExisting = m_startAt == StartAt::End && QFileInfo::exists(m_path);
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &FollowSource::check);
    m_pollTimer = new QTimer(this);
    connect(m_pollTimer, &QTimer::timeout, this, &FollowSource::check);
    m_pollTimer->start(m_pollMs);
    if (!QFileInfo(m_path).isFile() && QFileInfo::exists(m_path)) {
        fail(QStringLiteral("%1 is not a regular file").arg(m_path));
        return;
    }
    check();
}

void FollowSource::halt()
{
    closeFile();
    delete m_watcher;
    m_watcher = nullptr;
    delete m_pollTimer;
    m_pollTimer = nullptr;
}

void FollowSource::requestStop()
{
    // Whatever reached the file before the stop still counts.
    if (m_file.isOpen())
        readAvailable();
    LiveSource::requestStop();
}

void FollowSource::check()
{
    if (!status().isRunning())
        return;
    if (!m_file.isOpen()) {
        if (!QFileInfo::exists(m_path))
            return; // not there yet: the poll timer comes back
        if (!openFile(std::exchange(m_skipExisting, false)))
            return;
    }

    const quint64 id = fileIdentity(m_path);
    if (id != 0 && m_fileId != 0 && id != m_fileId) {
        // Rotated: finish the old file (its writer may have added a last line), then read the new.
        readAvailable();
        closeFile();
        restartInput(QStringLiteral("%1 was replaced by a new file (log rotation); reading the new file from its start").arg(m_path));
        if (!openFile(false))
            return;
    } else if (id == 0 && !QFileInfo::exists(m_path)) {
        // Deleted, and nothing new yet: keep what is read, wait for a new file to appear.
        readAvailable();
        closeFile();
        restartInput(QStringLiteral("%1 was deleted; waiting for it to appear again").arg(m_path));
        return;
    }

    if (m_file.size() < m_position) {
        restartInput(QStringLiteral("%1 was truncated (it shrank from %2 to %3 bytes); reading it again from the start")
                         .arg(m_path)
                         .arg(m_position)
                         .arg(m_file.size()));
        m_position = 0;
    }
    readAvailable();
}

bool FollowSource::openFile(bool skipExisting)
{
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        fail(QStringLiteral("cannot read %1: %2").arg(m_path, m_file.errorString()));
        return false;
    }
    m_fileId = fileIdentity(m_path);
    m_position = 0;
    if (m_watcher && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    if (skipExisting) {
        // The parser learns the header and time axis from what is there; the chart, the run and
        // the recorders start with what comes next.
        beginSkipping();
        readAvailable();
        endSkipping();
    }
    return true;
}

void FollowSource::readAvailable()
{
    while (status().isRunning() || stopRequested()) {
        const qint64 size = m_file.size();
        if (size <= m_position)
            return;
        if (!m_file.seek(m_position))
            return;
        const QByteArray bytes = m_file.read(std::min(kReadChunk, size - m_position));
        if (bytes.isEmpty())
            return;
        m_position += bytes.size();
        deliver(bytes);
    }
}

void FollowSource::closeFile()
{
    if (m_watcher && m_watcher->files().contains(m_path))
        m_watcher->removePath(m_path);
    m_file.close();
    m_fileId = 0;
    m_position = 0;
}

} // namespace nightwatt
