#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace nightwatt {

// The files of one MLPerf Training run in a submission's layout:
// <benchmark>/result_N.txt and <benchmark>/power/result_N/{node_K,sw_K}.txt.
struct MlperfRunFiles
{
    struct PowerFile
    {
        QString path;
        int index = 0;
    };
    QString trainingLog; // empty when the power folder has no result_N.txt beside it
    QList<PowerFile> nodes;
    QList<PowerFile> switches;

    // The run `path` belongs to: its result_N.txt (when power/result_N/ exists), that folder, or
    // a node or switch file in it. Nullopt for anything else.
    static std::optional<MlperfRunFiles> locate(const QString &path);
    // Every run of a benchmark folder, by N.
    static QList<MlperfRunFiles> inBenchmark(const QString &benchmarkDir);
};

} // namespace nightwatt
