#pragma once

// Small helpers shared by the format tests: load a fixture or inline bytes through the real
// loader, and look for issues by their wording.

#include "analysis/tracestats.h"
#include "io/logloader.h"

#include <QFile>
#include <QString>

#include <algorithm>
#include <vector>

namespace nightwatt::test {

inline QString dataPath(const QString &name)
{
    return QStringLiteral(NIGHTWATT_TEST_DATA "/") + name;
}

inline QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline LoadedLog loadText(const QByteArray &bytes, const QString &formatId = {})
{
    LoadOptions options;
    options.formatId = formatId;
    return LogLoader::loadBytes(bytes, QStringLiteral("inline"), options);
}

inline bool hasIssue(const LoadedLog &log, const QString &words)
{
    for (const auto &issue : log.issues) {
        if (issue.message.contains(words))
            return true;
    }
    return false;
}

inline QString issuesText(const LoadedLog &log)
{
    QString out;
    for (const auto &issue : log.issues)
        out += QStringLiteral("%1: %2\n").arg(issue.line).arg(issue.message);
    return out;
}

// Energy of one channel by the trapezoid rule over point samples, not bridging intervals longer
// than five times the median interval (design.md): written out here independently of analysis/.
struct PointSeries
{
    std::vector<double> timeS;
    std::vector<std::vector<double>> watts; // [channel][sample]
};

inline double trapezoidWh(const PointSeries &series, size_t channel)
{
    std::vector<double> steps;
    for (size_t i = 1; i < series.timeS.size(); ++i)
        steps.push_back(series.timeS[i] - series.timeS[i - 1]);
    if (steps.empty())
        return 0;
    std::vector<double> sorted = steps;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    double joules = 0;
    for (size_t i = 1; i < series.timeS.size(); ++i) {
        if (steps[i - 1] > 5 * median)
            continue;
        joules += 0.5 * (series.watts[channel][i] + series.watts[channel][i - 1]) * steps[i - 1];
    }
    return joules / 3600.0;
}

} // namespace nightwatt::test
