#include "runloader.h"

#include "io/backgroundpriority.h"
#include "io/inputresolver.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace nightwatt {

namespace {
const QString kSamplePath = QStringLiteral(":/sample/sample-run.txt");
} // namespace

RunLoader::RunLoader(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<OpenRun>(this))
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    connect(m_watcher, &QFutureWatcher<OpenRun>::progressValueChanged, this, &RunLoader::progress);
    connect(m_watcher, &QFutureWatcher<OpenRun>::finished, this, [this] {
        if (m_watcher->future().resultCount() > 0) {
            const OpenRun run = m_watcher->result();
            if (run.log->ok())
                Q_EMIT loaded(run);
            else
                Q_EMIT failed(run);
        }
        startNext();
    });
}

RunLoader::~RunLoader()
{
    cancel();
    m_watcher->waitForFinished();
}

QString RunLoader::titleFor(const QString &path)
{
    if (path == kSamplePath)
        return tr("Example run (generated: ResNet50 on an M4 MacBook Pro)");
    return QFileInfo(path).fileName();
}

OpenRun RunLoader::loadRun(const QString &path, const LoadOptions &options, const QString &libraryPath)
{
    // A path or "run:ID" from the run library, like every command that takes a FILE.
    InputOptions input;
    input.load = options;
    input.libraryPath = libraryPath;
    return loadRun(path, input);
}

OpenRun RunLoader::loadRun(const QString &path, const InputOptions &input)
{
    auto log = std::make_shared<LoadedLog>(InputResolver::load(path, input));
    OpenRun run;
    if (log->ok()) {
        run.stats = analyzeTrace(log->trace);
        run.phases = analyzePhases(log->trace, run.stats);
    }
    run.title = titleFor(path);
    run.example = path == kSamplePath;
    run.log = std::move(log);
    return run;
}

void RunLoader::load(const QStringList &paths)
{
    m_queue.append(paths);
    if (!isBusy())
        startNext();
}

void RunLoader::cancel()
{
    m_queue.clear();
    if (m_cancel)
        m_cancel->store(true);
}

bool RunLoader::isBusy() const
{
    return m_watcher->isRunning();
}

void RunLoader::startNext()
{
    if (m_queue.isEmpty()) {
        m_cancel.reset();
        Q_EMIT finished();
        return;
    }
    const QString path = m_queue.takeFirst();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    Q_EMIT started(path, int(m_queue.size()));
    m_watcher->setFuture(QtConcurrent::run(m_pool, [path, cancel = m_cancel, library = m_libraryPath](QPromise<OpenRun> &promise) {
        // The window stays responsive while both cores read a big log.
        makeCurrentThreadBackground();
        promise.setProgressRange(0, 1000);
        LoadOptions options;
        options.cancel = cancel.get();
        options.progress = [&promise](qint64 done, qint64 total) {
            if (total > 0)
                promise.setProgressValue(int(done * 1000 / total));
        };
        promise.addResult(loadRun(path, options, library));
    }));
}

} // namespace nightwatt
