#pragma once

#include "formats/logparser.h"
#include "formats/parsesink.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace nightwatt {

// What one file of an MLPerf Training run holds (formats.md, MLPerf): the training log
// (result_N.txt), a node's power (node_K.txt) or a network switch's (sw_K.txt). A file read on its
// own is a node file when it holds power readings, else a training log.
enum class MlperfFileRole { Unknown, TrainingLog, Node, Switch };

// MLCommons' score of one run, by their rule (mlcommons/logging, result_summarizer, Sept 2024 on).
struct MlperfRunScore
{
    double timeToTrainS = 0;
    int nodes = 0;
    int switches = 0;
    std::optional<double> conversionEff; // the nodes' factor; unset when they differ
    double energyJ = 0;
};

// Reads the files of one MLPerf run, line by line, and reports them as one trace: a channel per
// node and per switch on the nodes' clock (node power is wall power; nodes and switches are the
// components of the run's total), and the training log's phases as markers.
class MlperfRunReader
{
public:
    MlperfRunReader();
    ~MlperfRunReader();

    // `name` prefixes the file's issues when the run has more than one file.
    int addFile(const QString &name, MlperfFileRole role, int index);
    void addLine(int file, QByteArrayView line, qint64 lineNumber);

    void report(ParseSink &sink) const;
    // Unset without a training log with run_start and run_stop, or without a node file.
    std::optional<MlperfRunScore> score(QString *why = nullptr) const;

private:
    struct File;
    struct Series;
    std::vector<Series> series(ParseSink &sink, double &originMs) const;
    void reportMarkers(ParseSink &sink, double originMs) const;
    const File *trainingLog() const;
    QString where(const File &file) const;

    std::vector<std::unique_ptr<File>> m_files;
};

// The single-file format "mlperf": one MLLOG file, or (fed by the loader) one file of a run whose
// reader is shared by all of them.
class MlperfParser final : public LineLogParser
{
public:
    MlperfParser();
    // Reads into `run` as its file `file` instead of a run of its own; `run` reports.
    MlperfParser(MlperfRunReader *run, int file);

    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    std::unique_ptr<MlperfRunReader> m_ownRun;
    MlperfRunReader *m_run = nullptr;
    int m_file = 0;
};

} // namespace nightwatt

namespace nightwatt {

// MLCommons' energy of a benchmark from its runs' (time to train, energy): ordered by time to
// train, the fastest and the slowest dropped, the rest averaged, times the scaling factor.
// Nullopt with fewer than three runs.
std::optional<double> mlperfBenchmarkEnergyJ(QList<std::pair<double, double>> timeAndEnergy, double scalingFactor);

} // namespace nightwatt
