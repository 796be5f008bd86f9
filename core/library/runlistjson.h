#pragma once

#include "library/runlibrary.h"

#include <QJsonArray>
#include <QJsonObject>

namespace nightwatt {

// The stable `runs --json` contract (snake_case, units in the key; later versions add keys only):
// id, name, kind, status, format, created (ISO 8601 UTC), source_path, content_sha256, samples,
// duration_s, energy_wh, issue_count. Unknown figures are null.
QJsonObject runToJson(const RunInfo &run);
QJsonArray runsToJson(const QList<RunInfo> &runs);

} // namespace nightwatt
