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
    // A file, or Prometheus options without a prom+http:// input (a usage error it reports).
    if (!input.startsWith(u"run:") || hasPrometheusOptions(parser))
        return loadSummaryFile(input, parser, shownAs, usageError);
    InputOptions options;
    options.libraryPath = libraryPath(parser);
    return InputResolver::load(input, options);
}

} // namespace nightwatt::cli
