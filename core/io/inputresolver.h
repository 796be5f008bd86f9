#pragma once

#include "io/loadedlog.h"
#include "io/logloader.h"
#include "prometheus/prometheusinput.h"

#include <QString>

#include <optional>

namespace nightwatt {

struct InputOptions
{
    LoadOptions load;     // for files; runs are stored already parsed
    QString libraryPath;  // for run:ID; empty = LibraryConnection::defaultPath()
    // For a prom+http(s):// input: query, range, auth (its url is the input itself).
    PrometheusInputSpec prometheus;
};

// Everywhere a command takes a FILE it also takes "run:ID", a run in the library, and
// prom+http(s)://HOST:PORT, a range read from Prometheus with InputOptions::prometheus.
class InputResolver
{
public:
    // The ID of "run:ID" (positive integer), or nullopt when `input` names a file.
    static std::optional<qint64> runReference(const QString &input);
    // Loads a file through LogLoader, a run from the library, or a Prometheus range (blocking,
    // in a local event loop); the result's path is `input` as given ("run:3" for a run; the
    // address without credentials for Prometheus). Errors read like LogLoader's.
    static LoadedLog load(const QString &input, const InputOptions &options = {});
};

} // namespace nightwatt
