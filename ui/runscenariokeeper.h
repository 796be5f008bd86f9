#pragma once

#include "scenario/scenario.h"

#include <QObject>

#include <optional>

class QTimer;

namespace nightwatt {

class LibraryClient;
class ScenarioModel;

// Keeps the assumptions of the run on the dashboard in the run library: edits are saved as that
// run's scenario (debounced, on the library's thread), and showing a run again restores them.
// A run with nothing saved keeps the assumptions in use.
class RunScenarioKeeper : public QObject
{
    Q_OBJECT
public:
    RunScenarioKeeper(ScenarioModel *model, LibraryClient *library, QObject *parent = nullptr);

    // Before another run is measured: saves what is pending for the run shown until now, and
    // ignores the model's changes until runIdentified().
    void leaveRun();
    // The run on the dashboard is run `id` of the library: restore its scenario, save its edits.
    void runIdentified(qint64 id);
    qint64 currentRun() const { return m_runId; }
    // Writes a pending edit now (closing the window).
    void flush();

    static constexpr int kSaveDelayMs = 400;

Q_SIGNALS:
    void restored(qint64 runId);

private:
    void modelChanged();
    void scenarioLoaded(qint64 runId, bool found, const ScenarioInputs &inputs);

    ScenarioModel *m_model;
    LibraryClient *m_library;
    QTimer *m_saveTimer;
    qint64 m_runId = 0;
    bool m_awaitingScenario = false;
    bool m_restoring = false;
    std::optional<std::pair<qint64, ScenarioInputs>> m_pending;
};

} // namespace nightwatt
