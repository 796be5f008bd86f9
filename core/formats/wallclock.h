#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <optional>

namespace nightwatt {

// Seconds since 1970-01-01 00:00:00 of a calendar date and time read as if it were UTC. Logs that
// print local time without a zone are put on this naive axis: differences are right except across
// a daylight-saving change, which WallClockAxis turns into an issue instead of a failure.
double civilSeconds(int year, int month, int day, int hour, int minute, double second);

// The parts of a date and time read from a log; `offsetS` is set when the text carried a zone.
struct WallTime
{
    double naiveS = 0;           // civilSeconds() of the printed digits
    std::optional<int> offsetS;  // seconds ahead of UTC, when printed ("Z", "+01:00", "-0500")

    // Seconds on a single axis: UTC when the zone is known, the naive wall clock otherwise.
    double axisS() const { return offsetS ? naiveS - *offsetS : naiveS; }
    // The clock at this instant: in its own offset when known, else as local wall-clock time.
    QDateTime toDateTime() const;
};

// "YYYY/MM/DD HH:MM:SS[.fff]" (nvidia-smi) and ISO 8601 "YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH[:]MM]".
std::optional<WallTime> parseDateTime(QByteArrayView text);
// "HH:MM:SS" as seconds after midnight.
std::optional<int> parseTimeOfDay(QByteArrayView text);
// "YYYYMMDD" (nvidia-smi dmon -o D) as civilSeconds() of its midnight.
std::optional<double> parseCompactDate(QByteArrayView text);
// "Mon May  4 15:18:49 2026" (C's ctime(), as nvidia-smi prints it: local time, the day padded
// with a space) as civilSeconds(); nullopt for anything else.
std::optional<double> parseCtime(QByteArrayView text);

// What a bare number in a time column counts. Epoch seconds pass 1e9 in 2001 and epoch
// milliseconds 1e12; elapsed seconds stay far below.
enum class NumericClock { Elapsed, EpochSeconds, EpochMilliseconds };
NumericClock numericClockOf(double number);

// Turns wall-clock readings into a time axis that starts at 0 and never runs backwards. A reading
// earlier than the one before (a daylight-saving change, a clock set back) does not fail the
// load: the axis continues one usual interval after the previous reading and the step is
// reported, so the caller can say so with a line number.
class WallClockAxis
{
public:
    struct Placed
    {
        double axisS = 0;
        double wentBackS = 0; // > 0 when the clock went back by this much
    };

    // A reading far from the one before is returned where its clock says but moves nothing
    // until the next reading agrees with it.
    Placed place(double clockS);
    bool started() const { return m_started; }

private:
    Placed commit(double clockS);

    std::optional<double> m_candidateClockS;
    bool m_started = false;
    double m_offsetS = 0;
    double m_lastAxisS = 0;
    double m_lastStepS = 0;
};

} // namespace nightwatt
