#include "compare/scenariolibrary.h"

#include <QtConcurrent/QtConcurrentRun>

namespace nightwatt::scenariolibrary {

QFuture<SaveResult> save(const QString &libraryPath, const QList<ScenarioToSave> &scenarios)
{
    return QtConcurrent::run([libraryPath, scenarios] {
        SaveResult result;
        RunLibrary library;
        if (!library.open(libraryPath)) {
            result.error = library.errorString();
            return result;
        }
        for (const auto &s : scenarios) {
            std::optional<qint64> runId = s.runId;
            if (runId && !library.run(*runId))
                runId.reset(); // deleted meanwhile: keep the assumptions, as a typed power
            const auto id = library.saveScenario(s.name, runId, s.inputs);
            if (!id) {
                result.error = library.errorString();
                return result;
            }
            result.ids.append(*id);
        }
        return result;
    });
}

QFuture<ListResult> list(const QString &libraryPath)
{
    return QtConcurrent::run([libraryPath] {
        ListResult result;
        RunLibrary library;
        if (!library.open(libraryPath)) {
            result.error = library.errorString();
            return result;
        }
        for (const auto &scenario : library.scenarios(std::nullopt))
            result.scenarios.append({scenario, QString()});
        for (const auto &run : library.runs()) {
            for (const auto &scenario : library.scenarios(run.id))
                result.scenarios.append({scenario, run.name});
        }
        return result;
    });
}

} // namespace nightwatt::scenariolibrary
