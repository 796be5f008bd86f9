#pragma once

#include "io/loadedlog.h"
#include "io/logloader.h"

#include <QString>

#include <optional>

namespace nightwatt {

struct InputOptions
{
    LoadOptions load;     // for files; runs are stored already parsed
    QString libraryPath;  // for run:ID; empty = LibraryConnection::defaultPath()
};

// Everywhere a command takes a FILE it also takes "run:ID", a run in the library.
class InputResolver
{
public:
    // The ID of "run:ID" (positive integer), or nullopt when `input` names a file.
    static std::optional<qint64> runReference(const QString &input);
    // Loads a file through LogLoader, or a run from the library; the result's path is `input`
    // as given ("run:3" for a run). Errors read like LogLoader's.
    static LoadedLog load(const QString &input, const InputOptions &options = {});
};

} // namespace nightwatt
