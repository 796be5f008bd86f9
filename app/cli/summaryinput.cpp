#include "summaryinput.h"

#include "libraryoption.h"
#include "prometheusoptions.h"

#include "io/inputresolver.h"
#include "prometheus/prometheusinput.h"

namespace nightwatt::cli {

LoadedLog loadAnySummaryInput(const QString &input, const QCommandLineParser &parser, QString &shownAs, bool &usageError)
{
    shownAs = input;
    if (isPrometheusUrl(input)) {
        QString error;
        const auto request = resolvePrometheusInput(prometheusSpecFrom(parser, input), QDateTime::currentDateTimeUtc(), &error);
        if (!request) {
            usageError = true;
            LoadedLog log;
            log.error = error;
            return log;
        }
        shownAs = request->connection.displayUrl();
        return loadPrometheusRange(*request);
    }
    if (!input.startsWith(u"run:"))
        return loadSummaryFile(input, parser, shownAs, usageError);
    if (hasPrometheusOptions(parser)) {
        usageError = true;
        LoadedLog log;
        log.error = prometheusOptionsWithoutUrlError();
        return log;
    }
    InputOptions options;
    options.libraryPath = libraryPath(parser);
    return InputResolver::load(input, options);
}

} // namespace nightwatt::cli
