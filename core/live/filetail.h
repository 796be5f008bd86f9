#pragma once

#include <QByteArrayView>
#include <QFile>
#include <QObject>
#include <QString>

class QFileSystemWatcher;
class QTimer;

namespace nightwatt {

// Reads a file as it grows, like `tail -f`: what is there, then what is appended. When the file
// shrinks (truncated and rewritten) or another file takes its path (log rotation), reading starts
// over at the start of the new content; when it is deleted, the next file at the path is waited
// for. A file that does not exist yet is waited for, then read from its start. Change
// notifications come from QFileSystemWatcher, backed by polling because watchers miss events on
// some file systems and lose the file when it is replaced. Lives on one thread, driven by its
// event loop; a Reader gets everything in order on that thread.
class FileTail final : public QObject
{
    Q_OBJECT
public:
    class Reader
    {
    public:
        virtual ~Reader() = default;
        // The file was opened, at its start. `wasThereAtStart`: this is the file that existed when
        // start() was called (only the first open can be).
        virtual void tailOpened(bool wasThereAtStart) { Q_UNUSED(wasThereAtStart); }
        // The next bytes of the file, in order; a last line may still be incomplete.
        virtual void tailBytes(QByteArrayView bytes) = 0;
        // The file starts over (`why` says how): the next bytes are new content from its start.
        virtual void tailRestarted(const QString &why) = 0;
        // The path cannot be read; following has stopped.
        virtual void tailFailed(const QString &message) = 0;
    };

    static constexpr int kDefaultPollMs = 250;

    FileTail(const QString &path, Reader *reader, QObject *parent = nullptr);
    ~FileTail() override;

    QString path() const { return m_path; }
    void setPollInterval(int ms) { m_pollMs = ms; }
    // Is the file there and being read (false while waiting for it to appear)?
    bool isOpen() const { return m_file.isOpen(); }
    bool isRunning() const { return m_running; }

    // Begins following, and reads what is there now.
    void start();
    // Stops following and closes the file; nothing more reaches the reader.
    void stop();
    // Reads whatever is new now; called by the watcher and the poll timer.
    void check();
    // Reads what the open file has beyond what was read, without looking for a replacement.
    void readAvailable();

private:
    bool openFile();
    void closeFile();

    QString m_path;
    Reader *m_reader;
    int m_pollMs = kDefaultPollMs;
    QFile m_file;
    quint64 m_fileId = 0; // inode (device folded in) of the file being read; 0 = unknown
    qint64 m_position = 0;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_pollTimer = nullptr;
    bool m_running = false;
    bool m_wasThereAtStart = false; // until the first open
};

} // namespace nightwatt
