#pragma once

#include "live/livesource.h"

#include <QFile>

class QFileSystemWatcher;
class QTimer;

namespace nightwatt {

// Follows a growing log like `tail -f`, in any format Nightwatt reads: a powermetrics, nvidia-smi
// or macmon process the user already runs writes the file, Nightwatt reads what is appended.
// A partial last line waits for its newline. When the file shrinks (truncated and rewritten) or
// is replaced by a new file at the same path (log rotation), reading restarts at the start of
// the new content with a new parser, and an issue says so. A file that does not exist yet is
// waited for (and then read from its start). With StartAt::End a recorder gets only the header
// of what was there (see LiveSource::beginSkipping), then what is appended. Change notifications come from QFileSystemWatcher, backed by polling because
// watchers miss events on some file systems and lose the file when it is replaced.
class FollowSource final : public LiveSource
{
    Q_OBJECT
public:
    enum class StartAt {
        Beginning, // the whole file so far, then what is appended
        End,       // only what is appended from now on (the parser still reads what is there first,
                   // silently, so it knows the file's header and time axis)
    };

    static constexpr int kDefaultPollMs = 250;

    explicit FollowSource(const QString &path, StartAt startAt = StartAt::Beginning, QObject *parent = nullptr);
    ~FollowSource() override;

    QString description() const override;
    QString path() const { return m_path; }
    void setPollInterval(int ms) { m_pollMs = ms; }
    // Is the file there and being read (false while waiting for it to appear)?
    bool isReading() const { return m_file.isOpen(); }

public Q_SLOTS:
    // Reads whatever is new now; called by the watcher and the poll timer.
    void check();

protected:
    void open() override;
    void halt() override;
    void requestStop() override;

private:
    bool openFile(bool skipExisting);
    void readAvailable();
    void closeFile();

    QString m_path;
    StartAt m_startAt;
    int m_pollMs = kDefaultPollMs;
    QFile m_file;
    quint64 m_fileId = 0; // inode (device folded in) of the file being read; 0 = unknown
    qint64 m_position = 0;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_pollTimer = nullptr;
    bool m_skipExisting = false; // StartAt::End and the file was there at start
};

} // namespace nightwatt
