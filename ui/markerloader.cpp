#include "markerloader.h"

#include "io/backgroundpriority.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace nightwatt {

qsizetype MarkersLoaded::markersAdded() const
{
    qsizetype added = 0;
    for (const MarkerFileLoad &file : files)
        added += file.read.markersAdded;
    return added;
}

MarkerLoader::MarkerLoader(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<MarkersLoaded>(this))
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    connect(m_watcher, &QFutureWatcher<MarkersLoaded>::finished, this, [this] {
        if (m_watcher->future().resultCount() == 0)
            return;
        const MarkersLoaded result = m_watcher->result();
        Q_EMIT loaded(result);
        if (!m_queued)
            return;
        if (m_queued->run.log == result.base)
            m_queued->run = result.run;
        startQueued();
    });
}

MarkerLoader::~MarkerLoader()
{
    m_queued.reset();
    m_watcher->waitForFinished();
}

MarkersLoaded MarkerLoader::loadMarkers(const OpenRun &run, const QStringList &paths)
{
    MarkersLoaded result;
    result.base = run.log;
    // A copy: the log on screen is shared with the chart and the library while this runs.
    auto log = std::make_shared<LoadedLog>(*run.log);
    for (const QString &path : paths)
        result.files.append({path, readMarkerFile(path, log->trace)});
    result.run = run;
    result.run.phases = analyzePhases(log->trace, run.stats);
    result.run.log = std::move(log);
    return result;
}

void MarkerLoader::load(const OpenRun &run, const QStringList &paths)
{
    if (!m_queued || m_queued->run.log != run.log)
        m_queued = Request{run, {}};
    m_queued->paths.append(paths);
    if (!isBusy())
        startQueued();
}

bool MarkerLoader::isBusy() const
{
    return m_watcher->isRunning();
}

void MarkerLoader::startQueued()
{
    const Request request = *std::exchange(m_queued, std::nullopt);
    m_watcher->setFuture(QtConcurrent::run(m_pool, [run = request.run, paths = request.paths] {
        makeCurrentThreadBackground();
        return loadMarkers(run, paths);
    }));
}

} // namespace nightwatt
