#include "runscenariokeeper.h"

#include "library/libraryclient.h"
#include "scenariomodel.h"

#include <QTimer>

namespace nightwatt {

RunScenarioKeeper::RunScenarioKeeper(ScenarioModel *model, LibraryClient *library, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_library(library)
    , m_saveTimer(new QTimer(this))
{
    // Dragging a spin box changes the model many times a second; one write when it settles.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &RunScenarioKeeper::flush);
    connect(m_model, &ScenarioModel::changed, this, &RunScenarioKeeper::modelChanged);
    connect(m_library, &LibraryClient::scenarioLoaded, this, &RunScenarioKeeper::scenarioLoaded);
    connect(m_library, &LibraryClient::runDeleted, this, [this](qint64 id) {
        if (id != m_runId)
            return;
        m_runId = 0;
        if (m_pending && m_pending->first == id)
            m_pending.reset();
    });
}

void RunScenarioKeeper::leaveRun()
{
    flush();
    m_runId = 0;
    m_awaitingScenario = false;
}

void RunScenarioKeeper::runIdentified(qint64 id)
{
    if (id == m_runId)
        return;
    flush();
    m_runId = id;
    m_awaitingScenario = true;
    m_library->loadScenario(id);
}

void RunScenarioKeeper::flush()
{
    m_saveTimer->stop();
    if (!m_pending)
        return;
    m_library->saveScenario(m_pending->first, m_pending->second);
    m_pending.reset();
}

void RunScenarioKeeper::modelChanged()
{
    if (m_restoring || m_runId == 0)
        return;
    // The inputs of this moment, for this run: showing another run before the timer fires must
    // not save them under the other run.
    m_pending.emplace(m_runId, m_model->inputs());
    m_saveTimer->start();
}

void RunScenarioKeeper::scenarioLoaded(qint64 runId, bool found, const ScenarioInputs &inputs)
{
    if (runId != m_runId || !m_awaitingScenario)
        return;
    m_awaitingScenario = false;
    // An edit made while the scenario was on its way is newer than it: keep the edit.
    if (!found || m_pending)
        return;
    m_restoring = true;
    m_model->restoreInputs(inputs);
    m_restoring = false;
    Q_EMIT restored(runId);
}

} // namespace nightwatt
