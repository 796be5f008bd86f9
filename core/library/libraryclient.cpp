#include "library/libraryclient.h"

#include "library/libraryworker.h"

#include <QThread>

namespace nightwatt {

LibraryClient::LibraryClient(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new LibraryWorker)
{
    qRegisterMetaType<QList<RunInfo>>();
    qRegisterMetaType<ScenarioInputs>();
    qRegisterMetaType<std::shared_ptr<const LoadedLog>>();
    m_thread->setObjectName(QStringLiteral("run library"));
    m_worker->moveToThread(m_thread);
    // Signal to signal across threads: the client's signals are emitted on its own thread, so
    // receivers (and QSignalSpy) never run on the worker.
    connect(m_worker, &LibraryWorker::opened, this, &LibraryClient::opened);
    connect(m_worker, &LibraryWorker::unavailable, this, &LibraryClient::unavailable);
    connect(m_worker, &LibraryWorker::runsListed, this, &LibraryClient::runsListed);
    connect(m_worker, &LibraryWorker::runRenamed, this, &LibraryClient::runRenamed);
    connect(m_worker, &LibraryWorker::runDeleted, this, &LibraryClient::runDeleted);
    connect(m_worker, &LibraryWorker::imported, this, &LibraryClient::imported);
    connect(m_worker, &LibraryWorker::importFailed, this, &LibraryClient::importFailed);
    connect(m_worker, &LibraryWorker::runLoaded, this, &LibraryClient::runLoaded);
    connect(m_worker, &LibraryWorker::scenarioLoaded, this, &LibraryClient::scenarioLoaded);
    connect(m_worker, &LibraryWorker::scenarioSaved, this, &LibraryClient::scenarioSaved);
    connect(m_worker, &LibraryWorker::failed, this, &LibraryClient::failed);
    m_thread->start();
}

LibraryClient::~LibraryClient()
{
    // quit() queued behind the requests, not called directly: a direct quit would drop them.
    QThread *thread = m_thread;
    QMetaObject::invokeMethod(m_worker, [thread] { thread->quit(); }, Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker; // its thread has ended: deleting it here closes its connection
}

template<typename Request>
void LibraryClient::post(Request &&request)
{
    QMetaObject::invokeMethod(m_worker, std::forward<Request>(request), Qt::QueuedConnection);
}

void LibraryClient::open(const QString &path, const LibraryOptions &options)
{
    m_path = path;
    post([w = m_worker, path, options] { w->open(path, options); });
}

void LibraryClient::listRuns()
{
    post([w = m_worker] { w->listRuns(); });
}

void LibraryClient::renameRun(qint64 id, const QString &name)
{
    post([w = m_worker, id, name] { w->renameRun(id, name); });
}

void LibraryClient::deleteRun(qint64 id)
{
    post([w = m_worker, id] { w->deleteRun(id); });
}

void LibraryClient::importFile(const QString &path)
{
    post([w = m_worker, path] { w->importFile(path); });
}

void LibraryClient::importLog(std::shared_ptr<const LoadedLog> log, const QString &name)
{
    post([w = m_worker, log = std::move(log), name] { w->importLog(log, name); });
}

void LibraryClient::loadRun(qint64 id)
{
    post([w = m_worker, id] { w->loadRun(id); });
}

void LibraryClient::loadScenario(qint64 runId)
{
    post([w = m_worker, runId] { w->loadScenario(runId); });
}

void LibraryClient::saveScenario(qint64 runId, const ScenarioInputs &inputs)
{
    post([w = m_worker, runId, inputs] { w->saveScenario(runId, inputs); });
}

} // namespace nightwatt
