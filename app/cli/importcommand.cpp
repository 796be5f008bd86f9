#include "importcommand.h"

#include "clierror.h"
#include "libraryoption.h"
#include "prometheusoptions.h"

#include "library/runlibrary.h"
#include "prometheus/prometheusinput.h"

#include <QCommandLineParser>
#include <QUrl>
#include <QTextStream>

#include <algorithm>

namespace nightwatt::cli {

namespace {

// "Prometheus dcgm 127.0.0.1:9090 2023-11-14T20:00:15Z to 2023-11-15T00:00:00Z"
QString prometheusRunName(const LoadedLog &log, const PrometheusRangeRequest &request)
{
    const QString what = request.query.presetId.isEmpty() ? QStringLiteral("query") : request.query.presetId;
    QString where = request.connection.baseUrl.host();
    if (request.connection.baseUrl.port() > 0)
        where += u':' + QString::number(request.connection.baseUrl.port());
    return QStringLiteral("Prometheus %1 %2 %3 to %4")
        .arg(what, where, log.metadata.value(QStringLiteral("from")), log.metadata.value(QStringLiteral("to")));
}

// Reads the range and stores it; nothing is stored when reading fails. Returns the run id or 0.
qint64 importPrometheus(RunLibrary &library, const QString &input, const QCommandLineParser &parser, bool &usageError)
{
    QString error;
    const auto request = resolvePrometheusInput(prometheusSpecFrom(parser, input), QDateTime::currentDateTimeUtc(), &error);
    if (!request) {
        usageError = true;
        printUsageError(error);
        return 0;
    }
    LoadedLog log = loadPrometheusRange(*request);
    // What the run keeps as its source: the address without user info; tokens, passwords and
    // header values never leave memory.
    const QString shownAs = QStringLiteral("prom+") + request->connection.displayUrl();
    if (!log.ok()) {
        printError(shownAs, 0, log.error);
        return 0;
    }
    log.path = shownAs;
    const auto id = library.importLog(log, {}, prometheusRunName(log, *request));
    if (!id) {
        printError(library.path(), 0, library.errorString());
        return 0;
    }
    return *id;
}

} // namespace

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stores power logs in the run library and prints their runs as run:ID, one "
                                                    "per line (run:ID works wherever a FILE is taken).\n"
                                                    "Every input that can be imported is; the exit status is 2 when any could not "
                                                    "be (each is named on stderr), 1 for a usage error.\n"
                                                    "A prom+http://HOST:PORT input stores the Prometheus range --from..--to of --query as a run."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Power logs to store, or prom+http://HOST:PORT[/prefix] with --query."), QStringLiteral("FILE..."));
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Read the files as this format instead of recognising it."), QStringLiteral("ID")));
    addLibraryOption(parser);
    addPrometheusOptions(parser);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, prometheusHelp()))
        return *done;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printUsageError(QStringLiteral("import needs at least one FILE"));
        return kExitUsage;
    }
    const bool anyPrometheus = std::any_of(files.cbegin(), files.cend(), [](const QString &f) { return isPrometheusUrl(f); });
    if (hasPrometheusOptions(parser) && !anyPrometheus) {
        printUsageError(prometheusOptionsWithoutUrlError());
        return kExitUsage;
    }
    RunLibrary library;
    const QString path = libraryPath(parser);
    if (!library.open(path) || !library.canWrite()) {
        printError(path, 0, library.errorString());
        return kExitNothingLoaded;
    }
    LoadOptions options;
    options.formatId = parser.value(QStringLiteral("format"));
    QTextStream out(stdout);
    const auto printRun = [&out](qint64 id) {
        out << "run:" << id << '\n';
        out.flush();
    };
    QStringList notImported;
    bool usageError = false;
    for (const auto &file : files) {
        if (isPrometheusUrl(file)) {
            if (const qint64 id = importPrometheus(library, file, parser, usageError))
                printRun(id);
            else
                notImported.append(file);
            continue;
        }
        const ImportResult result = library.importFile(file, options);
        if (!result.ok()) {
            printError(file, result.errorLine, result.error);
            notImported.append(file);
            continue;
        }
        if (result.alreadyPresent)
            printError(file, 0, QStringLiteral("already in the library as run:%1").arg(result.runId));
        printRun(result.runId);
    }
    if (notImported.isEmpty())
        return kExitOk;
    // Each was named as it failed; in a long list that scrolls away, so they are named again.
    if (notImported.size() < files.size())
        printError({}, 0, QStringLiteral("%1 of %2 not imported: %3").arg(notImported.size()).arg(files.size()).arg(notImported.join(QStringLiteral(", "))));
    if (usageError && notImported.size() == files.size())
        return kExitUsage;
    return kExitNothingLoaded;
}

} // namespace nightwatt::cli
