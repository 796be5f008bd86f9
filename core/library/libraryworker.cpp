#include "library/libraryworker.h"

#include <QFileInfo>

namespace nightwatt {

QString LibraryWorker::dashboardScenarioName()
{
    return QStringLiteral("dashboard");
}

void LibraryWorker::open(const QString &path, const LibraryOptions &options)
{
    if (m_library.open(path, options)) {
        m_unavailable.clear();
        Q_EMIT opened(path);
        return;
    }
    m_unavailable = m_library.errorString();
    Q_EMIT unavailable(path, m_unavailable);
}

bool LibraryWorker::ready(const QString &what)
{
    if (m_library.isOpen())
        return true;
    Q_EMIT failed(QStringLiteral("%1: %2").arg(what, m_unavailable.isEmpty() ? QStringLiteral("the run library is not open") : m_unavailable));
    return false;
}

void LibraryWorker::listRuns()
{
    if (!ready(QStringLiteral("listing the runs")))
        return;
    const QList<RunInfo> runs = m_library.runs();
    if (!m_library.errorString().isEmpty()) {
        Q_EMIT failed(QStringLiteral("listing the runs: %1").arg(m_library.errorString()));
        return;
    }
    Q_EMIT runsListed(runs);
}

void LibraryWorker::renameRun(qint64 id, const QString &name)
{
    if (!ready(QStringLiteral("renaming run %1").arg(id)))
        return;
    if (!m_library.renameRun(id, name)) {
        Q_EMIT failed(QStringLiteral("renaming run %1: %2").arg(id).arg(m_library.errorString()));
        return;
    }
    Q_EMIT runRenamed(id, name);
}

void LibraryWorker::deleteRun(qint64 id)
{
    if (!ready(QStringLiteral("deleting run %1").arg(id)))
        return;
    if (!m_library.deleteRun(id)) {
        Q_EMIT failed(QStringLiteral("deleting run %1: %2").arg(id).arg(m_library.errorString()));
        return;
    }
    Q_EMIT runDeleted(id);
}

void LibraryWorker::importFile(const QString &path)
{
    if (!ready(QStringLiteral("keeping %1 in the run library").arg(QFileInfo(path).fileName())))
        return;
    const ImportResult result = m_library.importFile(path);
    if (result.ok())
        Q_EMIT imported(path, result.runId, result.alreadyPresent);
    else
        Q_EMIT importFailed(path, result.error);
}

void LibraryWorker::importLog(const std::shared_ptr<const LoadedLog> &log, const QString &name)
{
    if (!log || !ready(QStringLiteral("keeping %1 in the run library").arg(name)))
        return;
    // The bytes decide whether the run is already kept, as for `nightwatt import`; the log was
    // parsed already, so only hashing reads the file again.
    QString hashError;
    const QString sha256 = RunLibrary::hashFile(log->path, &hashError);
    if (!sha256.isEmpty()) {
        if (const auto existing = m_library.findByContent(sha256)) {
            Q_EMIT imported(log->path, *existing, true);
            return;
        }
    }
    bool alreadyPresent = false;
    if (const auto id = m_library.importLog(*log, sha256, name, &alreadyPresent))
        Q_EMIT imported(log->path, *id, alreadyPresent);
    else
        Q_EMIT importFailed(log->path, m_library.errorString());
}

void LibraryWorker::loadRun(qint64 id)
{
    if (!ready(QStringLiteral("reading run %1").arg(id)))
        return;
    Q_EMIT runLoaded(id, std::make_shared<const LoadedLog>(m_library.loadRun(id)));
}

void LibraryWorker::loadScenario(qint64 runId)
{
    if (!ready(QStringLiteral("reading the assumptions of run %1").arg(runId)))
        return;
    const QList<SavedScenario> saved = m_library.scenarios(runId);
    if (saved.isEmpty()) {
        Q_EMIT scenarioLoaded(runId, false, ScenarioInputs{});
        return;
    }
    // The dashboard's own scenario when there is one, else the one saved last.
    const SavedScenario *chosen = &saved.last();
    for (const SavedScenario &s : saved) {
        if (s.name == dashboardScenarioName())
            chosen = &s;
    }
    Q_EMIT scenarioLoaded(runId, true, chosen->inputs);
}

void LibraryWorker::saveScenario(qint64 runId, const ScenarioInputs &inputs)
{
    if (!ready(QStringLiteral("saving the assumptions of run %1").arg(runId)))
        return;
    const QString name = dashboardScenarioName();
    std::optional<qint64> id;
    for (const SavedScenario &s : m_library.scenarios(runId)) {
        if (s.name == name)
            id = s.id;
    }
    const bool ok = id ? m_library.updateScenario(*id, name, inputs) : (id = m_library.saveScenario(name, runId, inputs)).has_value();
    if (ok) {
        Q_EMIT scenarioSaved(runId, *id);
        return;
    }
    Q_EMIT failed(QStringLiteral("saving the assumptions of run %1: %2").arg(runId).arg(m_library.errorString()));
}

} // namespace nightwatt
