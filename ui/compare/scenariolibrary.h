#pragma once

#include "library/runlibrary.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <optional>

namespace nightwatt::scenariolibrary {

// What is saved of one compare column: its name, the run it was measured on, its assumptions.
struct ScenarioToSave
{
    QString name;
    std::optional<qint64> runId;
    ScenarioInputs inputs;
};

struct SaveResult
{
    QList<qint64> ids; // one per scenario saved, in order
    QString error;     // empty when every scenario was saved
};

// A saved scenario and the name of its run ("" for a typed power).
struct Listed
{
    SavedScenario scenario;
    QString runName;
};

struct ListResult
{
    QList<Listed> scenarios; // typed-power scenarios first, then per run; oldest first in each
    QString error;
};

// Both run on a worker thread with their own connection to the library at `libraryPath`: the GUI
// thread never waits on SQLite. A scenario whose run is not in the library is saved without one.
QFuture<SaveResult> save(const QString &libraryPath, const QList<ScenarioToSave> &scenarios);
QFuture<ListResult> list(const QString &libraryPath);

} // namespace nightwatt::scenariolibrary
