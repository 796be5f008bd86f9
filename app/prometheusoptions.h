#pragma once

#include "prometheus/prometheusinput.h"

#include <QCommandLineParser>
#include <QString>

namespace nightwatt::cli {

// The options that describe a prom+http(s):// input (design: one set, shared by every command
// that takes inputs). Secrets are only ever read from files or environment variables.
void addPrometheusOptions(QCommandLineParser &parser, bool withRange = true);
bool hasPrometheusOptions(const QCommandLineParser &parser);
// The usage error for Prometheus options given without a prom+http(s):// input.
QString prometheusOptionsWithoutUrlError();
PrometheusInputSpec prometheusSpecFrom(const QCommandLineParser &parser, const QString &url);

// For --help: how presets, units and secrets work.
QString prometheusHelp();
// How live polling treats a poll interval and the server's scrape interval.
QString prometheusPollingHelp();

} // namespace nightwatt::cli
