#pragma once

#include "formats/logparser.h"
#include "trace/marker.h"

#include <QDateTime>
#include <QHash>

#include <optional>
#include <vector>

namespace nightwatt {

// Where a marker file's times go on the axis of the log they belong to: wall-clock times through
// the log's clock at t = 0, elapsed seconds from the log's first sample.
struct MarkerAxis
{
    QDateTime clockAtZero; // invalid when the log has no wall clock
    double firstSampleS = 0;
    double lastSampleS = 0;

    static MarkerAxis of(const Trace &trace);
};

// A marker file a training script appends to: a CSV `time,event,label`, `event` one of start,
// stop, mark; `time` as in a generic power CSV (date and time, epoch seconds or milliseconds, or
// elapsed seconds). It reports no samples, only markers on the log's axis: an interval when a
// `stop` closes the `start` of the same label, an instant for a `mark`. A `start` is reported at
// once as an open phase, which its `stop` (or the end of the input) closes.
class MarkerFileParser final : public LineLogParser
{
public:
    explicit MarkerFileParser(const MarkerAxis &axis) : m_axis(axis) {}
    // Whether `head`, the first bytes of a file, is a marker file: its first line is the header
    // time,event,label (in any order, with any other columns).
    static bool isMarkerFile(QByteArrayView head);
    // A live log grows while its markers are read: its last sample moves on.
    void setAxis(const MarkerAxis &axis) { m_axis = axis; }
    // While a run is captured a phase shows from its start: each start is then reported at once
    // as an open marker, which its stop replaces. A whole file read at once has no use for them.
    void setReportsOpenPhases(bool reports) { m_reportsOpenPhases = reports; }

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    struct OpenPhase
    {
        double startS = 0;
        qint64 line = 0;
    };

    bool readHeader(qint64 lineNumber);
    void parseRow(qint64 lineNumber);
    std::optional<double> placeTime(QByteArrayView text, qint64 lineNumber);
    void report(const Marker &marker);
    void checkClocks();

    MarkerAxis m_axis;
    bool m_haveHeader = false;
    bool m_failed = false;
    bool m_reportsOpenPhases = false;
    int m_timeField = -1;
    int m_eventField = -1;
    int m_labelField = -1;
    std::vector<QByteArrayView> m_fields;
    QHash<QString, OpenPhase> m_open;
    std::optional<double> m_earliestS;
    std::optional<double> m_latestS;
};

// The kind a label names by its first word: "epoch 3" an epoch, "eval" or "evaluation 2" an
// evaluation, "run" the scored run; anything else a plain marker.
MarkerKind markerKindOfLabel(const QString &label);

// "5 h 0 min", "3 d 2 h", "12 min 5 s", "40 s": a clock offset as people say it.
QString describeSpan(double seconds);

} // namespace nightwatt
