#pragma once

#include "io/loadedlog.h"
#include "library/runlibrary.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace nightwatt {

// The database side of LibraryClient: lives in the client's worker thread and owns that thread's
// RunLibrary. Each method is one request, run in the order queued; answers leave as signals.
class LibraryWorker final : public QObject
{
    Q_OBJECT
public:
    // The name of the scenario the dashboard keeps for a run (the command line may add others).
    static QString dashboardScenarioName();

    void open(const QString &path, const LibraryOptions &options);
    void listRuns();
    void renameRun(qint64 id, const QString &name);
    void deleteRun(qint64 id);
    void importFile(const QString &path);
    void importLog(const std::shared_ptr<const LoadedLog> &log, const QString &name);
    void loadRun(qint64 id);
    void loadScenario(qint64 runId);
    void saveScenario(qint64 runId, const ScenarioInputs &inputs);

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
    bool ready(const QString &what);

    RunLibrary m_library;
    QString m_unavailable; // why the library is not open, said once per request that needs it
};

} // namespace nightwatt
