#include "io/inputresolver.h"

#include "library/runlibrary.h"

namespace nightwatt {

std::optional<qint64> InputResolver::runReference(const QString &input)
{
    if (!input.startsWith(u"run:"))
        return std::nullopt;
    bool ok = false;
    const qint64 id = input.sliced(4).toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

LoadedLog InputResolver::load(const QString &input, const InputOptions &options)
{
    if (isPrometheusUrl(input)) {
        PrometheusInputSpec spec = options.prometheus;
        spec.url = input;
        QString error;
        const auto request = resolvePrometheusInput(spec, QDateTime::currentDateTimeUtc(), &error);
        if (!request) {
            LoadedLog log;
            log.path = input;
            log.error = error;
            return log;
        }
        return loadPrometheusRange(*request);
    }
    const auto runId = runReference(input);
    if (!runId) {
        if (input.startsWith(u"run:")) {
            LoadedLog log;
            log.path = input;
            log.error = QStringLiteral("a run is named run:ID with a positive number, as `nightwatt runs` lists them");
            return log;
        }
        return LogLoader::loadFile(input, options.load);
    }
    RunLibrary library;
    const QString libraryPath = options.libraryPath.isEmpty() ? LibraryConnection::defaultPath() : options.libraryPath;
    if (!library.open(libraryPath)) {
        LoadedLog log;
        log.path = input;
        log.error = libraryPath + QStringLiteral(": ") + library.errorString();
        return log;
    }
    LoadedLog log = library.loadRun(*runId);
    log.path = input;
    if (!log.error.isEmpty() && !library.run(*runId))
        log.error = QStringLiteral("there is no run %1 in the library %2").arg(*runId).arg(libraryPath);
    return log;
}

} // namespace nightwatt
