#pragma once

#include "io/loadedlog.h"
#include "library/libraryconnection.h"
#include "library/runlibrary.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace nightwatt {

class LibraryWorker;

// The run library for a thread that must never wait on it (the dashboard's GUI thread). One
// worker thread owns its own RunLibrary; every call queues a request and returns at once, and the
// answer arrives later as a signal on the caller's thread. Requests run in the order queued, so a
// save followed by a load sees the save. Failures come back as sentences on failed().
class LibraryClient : public QObject
{
    Q_OBJECT
public:
    explicit LibraryClient(QObject *parent = nullptr);
    // Lets the requests already queued finish (a pending save is not lost), then stops the thread.
    ~LibraryClient() override;

    // Opens (or reopens) the library: opened() or unavailable() answers.
    void open(const QString &path = LibraryConnection::defaultPath(), const LibraryOptions &options = {});
    void listRuns();
    void renameRun(qint64 id, const QString &name);
    void deleteRun(qint64 id);
    // Reads, hashes and stores a file (RunLibrary::importFile): imported() or importFailed().
    void importFile(const QString &path);
    // Stores a log that is already loaded, under `name`; the same bytes (hash of log->path) are
    // kept once, so reopening a file answers with its existing run.
    void importLog(std::shared_ptr<const LoadedLog> log, const QString &name);
    void loadRun(qint64 id);
    // The assumptions saved for a run (the dashboard's own when several are saved).
    void loadScenario(qint64 runId);
    // Saves the run's dashboard scenario, replacing the one saved before.
    void saveScenario(qint64 runId, const ScenarioInputs &inputs);

    // The path last given to open(); whether it opened is said by the signals.
    QString path() const { return m_path; }

Q_SIGNALS:
    void opened(const QString &path);
    void unavailable(const QString &path, const QString &reason);
    void runsListed(const QList<nightwatt::RunInfo> &runs);
    void runRenamed(qint64 id, const QString &name);
    void runDeleted(qint64 id);
    void imported(const QString &sourcePath, qint64 runId, bool alreadyPresent);
    void importFailed(const QString &sourcePath, const QString &error);
    void runLoaded(qint64 id, const std::shared_ptr<const nightwatt::LoadedLog> &log);
    void scenarioLoaded(qint64 runId, bool found, const nightwatt::ScenarioInputs &inputs);
    void scenarioSaved(qint64 runId, qint64 scenarioId);
    void failed(const QString &message);

private:
    template<typename Request>
    void post(Request &&request);

    QThread *m_thread;
    LibraryWorker *m_worker;
    QString m_path;
};

} // namespace nightwatt

Q_DECLARE_METATYPE(nightwatt::RunInfo)
Q_DECLARE_METATYPE(nightwatt::ScenarioInputs)
Q_DECLARE_METATYPE(std::shared_ptr<const nightwatt::LoadedLog>)
