#pragma once

#include "io/markerfile.h"
#include "openrun.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

template<typename T>
class QFutureWatcher;

class QThreadPool;

namespace nightwatt {

// What one marker file gave when read onto a run.
struct MarkerFileLoad
{
    QString path;
    MarkerFileRead read;
};

// A run with the markers of some files added: a new log (the shown one is shared, never changed)
// with the figures of its phases, and what each file gave.
struct MarkersLoaded
{
    std::shared_ptr<const LoadedLog> base; // the log they were read onto
    OpenRun run;
    QList<MarkerFileLoad> files;

    qsizetype markersAdded() const;
};

// Reads marker files onto an open run on a worker thread (QtConcurrent, as RunLoader reads
// logs). Files asked for while others are read onto the same run are read next, onto the run
// those give; files for another run replace the waiting ones.
class MarkerLoader : public QObject
{
    Q_OBJECT
public:
    explicit MarkerLoader(QObject *parent = nullptr);
    ~MarkerLoader() override;

    void load(const OpenRun &run, const QStringList &paths);
    bool isBusy() const;

    // Reads the files onto a copy of `run`'s log on the calling thread: the worker and tests.
    static MarkersLoaded loadMarkers(const OpenRun &run, const QStringList &paths);

Q_SIGNALS:
    void loaded(const nightwatt::MarkersLoaded &result);

private:
    struct Request
    {
        OpenRun run;
        QStringList paths;
    };
    void startQueued();

    std::optional<Request> m_queued;
    QFutureWatcher<MarkersLoaded> *m_watcher;
    QThreadPool *m_pool;
};

} // namespace nightwatt

Q_DECLARE_METATYPE(nightwatt::MarkersLoaded)
