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
    // A phase whose stop has not come yet (a run being captured): it lasts until the newest
    // sample, and the closed phase of the same label and start takes its place when it comes.
    bool open = false;

    bool isInterval() const { return endS.has_value(); }
    // The closed phase that takes the place of this open one.
    bool closes(const Marker &openPhase) const
    {
        return openPhase.open && !open && kind == openPhase.kind && label == openPhase.label && startS == openPhase.startS;
    }
    bool operator==(const Marker &other) const = default;
};

// "run", "init", "epoch", "block", "eval", "marker": the names used in JSON and in the library.
QString markerKindId(MarkerKind kind);
std::optional<MarkerKind> markerKindFromId(QStringView id);

} // namespace nightwatt
