#pragma once

#include "openrun.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

template<typename T>
class QFutureWatcher;

class QThreadPool;

namespace nightwatt {

struct InputOptions;
struct LoadOptions;

// Loads logs one after another on a worker thread (QtConcurrent), reports progress, and can be
// cancelled. Results arrive on the GUI thread as signals; the GUI thread never parses.
class RunLoader : public QObject
{
    Q_OBJECT
public:
    explicit RunLoader(QObject *parent = nullptr);
    ~RunLoader() override;

    // Queues the files; the first starts at once when nothing is loading.
    void load(const QStringList &paths);
    // Stops the file being read and forgets the queue.
    void cancel();
    bool isBusy() const;
    // The library "run:ID" is read from; empty = LibraryConnection::defaultPath().
    void setLibraryPath(const QString &path) { m_libraryPath = path; }

    // Reads one file on the calling thread: the log plus its whole-run figures. The command line
    // and the worker share this.
    static OpenRun loadRun(const QString &path, const LoadOptions &options, const QString &libraryPath = {});
    // The same with every input option (a prom+http:// range's query, range and auth).
    static OpenRun loadRun(const QString &path, const InputOptions &input);
    static QString titleFor(const QString &path);

Q_SIGNALS:
    void started(const QString &path, int queued);
    void progress(int permille);
    void loaded(const nightwatt::OpenRun &run);
    // Nothing usable in the file (or cancelled); `log` still carries the issues found.
    void failed(const nightwatt::OpenRun &run);
    void finished(); // the queue is empty

private:
    void startNext();

    QStringList m_queue;
    QString m_libraryPath;
    QFutureWatcher<OpenRun> *m_watcher = nullptr;
    QThreadPool *m_pool; // its own: its thread is marked as background work for good
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace nightwatt
