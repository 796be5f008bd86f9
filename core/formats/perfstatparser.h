#pragma once

#include "formats/logparser.h"
#include "formats/runtimeline.h"

#include <QString>

#include <optional>
#include <vector>

namespace nightwatt {

// `perf stat -e power/energy-pkg/,…` output (stderr): single runs and runs appended to one file
// (each run's Joules over its "seconds time elapsed" become one windowed sample, runs placed back
// to back since perf prints no clock), `-I` interval output (one windowed sample per interval),
// and `-x SEP` CSV. Numbers follow the writer's locale (decimal comma, U+202F thousands groups).
class PerfStatParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

    // "46,35", "1 234,56", "1,234.56", "120,002210990": every energy and time perf prints has a
    // fraction, so the last '.' or ',' is the decimal mark and any other is a thousands group.
    static std::optional<double> parseLocaleNumber(QByteArrayView text);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    enum class Mode { Unknown, Runs, Intervals };

    struct Reading
    {
        int channel = -1;
        std::optional<double> joules; // empty for <not counted> / <not supported>
    };

    bool parseEnergyText(QByteArrayView beforeUnit, QByteArrayView event, qint64 lineNumber);
    bool parseCsv(QByteArrayView line, qint64 lineNumber);
    // A last line without a newline that reached its end (trimmed).
    static bool endsWhole(QByteArrayView line);
    void addReading(std::optional<double> timeS, QByteArrayView valueText, QByteArrayView event,
                    std::optional<double> runTimeS, qint64 lineNumber);
    int channelFor(QByteArrayView event);
    void setMode(Mode mode);
    void startRun();
    void finishRun(double elapsedS, qint64 lineNumber);
    void flushInterval();
    void emitSample(double startS, double windowS, qint64 lineNumber);

    Mode m_mode = Mode::Unknown;
    std::vector<Reading> m_readings; // the current run's or interval's energies
    qint64 m_readingsLine = 0;
    std::optional<double> m_csvRunTimeS; // -x output has no elapsed line: the counters' run time
    std::optional<double> m_intervalTimeS;
    double m_lastIntervalEndS = 0;
    RunTimeline m_runs;
    qint64 m_runCount = 0;
    bool m_packageRegistered = false;
};

} // namespace nightwatt
