#pragma once

#include "io/loadedlog.h"
#include "io/numberrange.h"
#include "prometheus/prometheusrangeimport.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace nightwatt {

// Secrets may come from these variables instead of files (never from the command line itself).
inline constexpr char kPrometheusTokenEnv[] = "NIGHTWATT_PROMETHEUS_TOKEN";
inline constexpr char kPrometheusPasswordEnv[] = "NIGHTWATT_PROMETHEUS_PASSWORD";

// "prom+http://host:9090/prefix" or "prom+https://...": an input that is a Prometheus range.
bool isPrometheusUrl(const QString &input);

// RFC 3339 ("2023-11-14T20:00:00Z"), unix seconds ("1700000000.5"), "now", or relative to now
// ("-1h", "now-90m", "-2d"). Returns nullopt for anything else.
std::optional<QDateTime> parsePrometheusTime(const QString &text, const QDateTime &now);
// "15s", "1m30s", "2h", "500ms" or plain seconds ("15", "0.5"). Returns nullopt for anything else.
std::optional<qint64> parsePrometheusDurationMs(const QString &text);
// The same as the value of --`option`, checked against `rangeS` (seconds) by checkOptionRange().
std::optional<qint64> parseDurationOptionMs(const QString &option, const QString &text, NumberRange rangeS, QString *error);

// What --timeout and --step accept: a request may wait up to a day; a step is 1 ms to a week.
inline constexpr NumberRange kPrometheusTimeoutRangeS{0.001, 86400};
inline constexpr NumberRange kPrometheusStepRangeS{0.001, 604800};

// The textual options of a Prometheus input, as a command line or a dialog gives them.
struct PrometheusInputSpec
{
    QString url;               // prom+http(s)://...
    QString query;             // preset id or PromQL
    QString unit;              // W, mW, uW, J, mJ, uJ
    QStringList metrics;       // replaces a preset's metric names
    QString groupLabel;        // replaces a preset's host label
    QString from = QStringLiteral("-1h");
    QString to = QStringLiteral("now");
    QString step;              // empty = automatic
    QString bearerTokenFile;   // else $NIGHTWATT_PROMETHEUS_TOKEN
    QString basicUser;
    QString basicPasswordFile; // else $NIGHTWATT_PROMETHEUS_PASSWORD
    QStringList headers;       // "Name=Value" or "Name: Value"
    QString caFile;
    QString timeout;           // per request; empty = 30 s
};

// Turns the spec into a request (reading secret files and variables). Returns nullopt and sets
// `error` for a bad URL, time, unit, query, header or unreadable secret.
std::optional<PrometheusRangeRequest> resolvePrometheusInput(const PrometheusInputSpec &spec, const QDateTime &now,
                                                             QString *error);

// Runs the import to completion in a local event loop: for command-line tools and worker threads.
LoadedLog loadPrometheusRange(const PrometheusRangeRequest &request);

} // namespace nightwatt
