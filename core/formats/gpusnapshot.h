#pragma once

#include "formats/gpusamplewriter.h"
#include "formats/parsesink.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <cmath>
#include <optional>
#include <vector>

namespace nightwatt {

// Pieces shared by the AMD GPU readers (rocm-smi and amd-smi, JSON and CSV): their figures are
// text or {"value", "unit"} objects, "N/A" where a GPU has none, and their snapshots carry no time.

// "card3" -> 3; rocm-smi names each GPU so.
std::optional<int> cardIndex(QStringView key);

struct GpuFigure
{
    double watts = std::nan("");
    bool secondaryDie = false; // "N/A (Secondary die)": the package's other die reports for both
    QString problem;           // why a figure that is there cannot be read; empty when fine
};

// A power figure in `unitScale` watts per unit: "39.0", 39.0, "N/A", {"value": 39, "unit": "W"}.
GpuFigure readGpuFigure(const QJsonValue &value, double unitScale);
GpuFigure readGpuFigure(QByteArrayView text, double unitScale);

// Watts per unit of "W", "mW", "uW"/"µW", "kW"; nullopt for anything else.
std::optional<double> powerUnitScale(QStringView unit);

// Snapshots without time: ParserOptions::intervalMs apart when given, else no timing at all.
// Sets the timing and says so in the metadata; `tool` names the program for the message.
void setSnapshotTiming(ParseSink &sink, int intervalMs, const QString &tool);
// Starts the timing of a poll log at its first figure: with the clock the tool printed (epoch
// seconds; NaN when it printed none) the polls are points on it, else setSnapshotTiming().
// Returns whether the log is stamped.
bool startPollTiming(ParseSink &sink, double clockS, int intervalMs, const QString &tool);
// The clock (seconds) to give GpuSampleWriter for snapshot `index`: NaN without an interval.
inline double snapshotClockS(int intervalMs, qint64 index)
{
    return intervalMs > 0 ? double(index) * intervalMs / 1000.0 : std::nan("");
}

// Gathers per-GPU figures that arrive one GPU at a time (a CSV row or JSON entry per GPU) into
// one sample per poll: a poll ends where a GPU comes round again, or at flush().
class GpuPollGatherer
{
public:
    // `clockS`: the poll's time when the tool printed one, else NaN.
    void add(ParseSink &sink, int gpu, double watts, double clockS, qint64 line);
    void flush(ParseSink &sink);
    qint64 polls() const { return m_polls; }
    // Polls without time are this far apart (ParserOptions::intervalMs; 0: no timing).
    void setIntervalMs(int intervalMs) { m_intervalMs = intervalMs; }

private:
    GpuSampleWriter m_writer;
    std::vector<float> m_watts;
    std::vector<bool> m_seen;
    double m_clockS = std::nan("");
    qint64 m_line = 0;
    qint64 m_polls = 0;
    bool m_open = false;
    int m_intervalMs = 0;
};

} // namespace nightwatt
