#pragma once

#include "io/loadedlog.h"

#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <functional>

namespace nightwatt {

struct LoadOptions
{
    QString formatId; // force a format instead of sniffing; empty = sniff
    QString powerColumn; // CSV formats: read only this column (by header name) as the power
    int intervalMs = 0;  // logs without timestamps (tegrastats): the sampling interval; 0 = the tool's default
    // Called now and then with bytes done and bytes in all; may be called from a worker thread.
    std::function<void(qint64 done, qint64 total)> progress;
    const std::atomic_bool *cancel = nullptr; // set it to stop early: the result says cancelled
};

// Reads a whole log: sniffs its format, feeds the bytes through the format's parser, and says
// clearly when nothing usable came out. Files are memory-mapped and opened read-only.
class LogLoader
{
public:
    static LoadedLog loadFile(const QString &path, const LoadOptions &options = {});
    static LoadedLog loadBytes(QByteArrayView bytes, const QString &name, const LoadOptions &options = {});
};

} // namespace nightwatt
