#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace nightwatt {

// What a marker stands for in a training run. MLPerf logs and marker files name these; anything
// else a training script writes is a plain Marker.
enum class MarkerKind {
    Run,   // the scored run, start to stop (MLPerf: time to train)
    Init,
    Epoch,
    Block, // MLPerf: a block of epochs between evaluations
    Eval,
    Marker,
};

// An event of the run on the trace's own time axis: an interval (a phase) or an instant.
struct Marker
{
    MarkerKind kind = MarkerKind::Marker;
    QString label;              // "epoch 3", "eval 5", "warm-up"
    double startS = 0;          // same axis as Trace::timeS()
    std::optional<double> endS; // unset for an instant

    bool isInterval() const { return endS.has_value(); }
    bool operator==(const Marker &other) const = default;
};

// "run", "init", "epoch", "block", "eval", "marker": the names used in JSON and in the library.
QString markerKindId(MarkerKind kind);
std::optional<MarkerKind> markerKindFromId(QStringView id);

} // namespace nightwatt
