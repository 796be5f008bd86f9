#pragma once

#include "formats/csvcolumns.h"
#include "formats/logparser.h"
#include "formats/wallclock.h"

#include <QByteArray>

#include <vector>

namespace nightwatt {

// Any CSV with a time column (epoch seconds, ISO 8601 with or without a zone, or elapsed seconds)
// and power columns named as such ("power_w", "gpu power (mW)", "rapl_power"). Rows are point
// readings. It is the fallback for CSVs no specific format claims, so its sniff score stays low.
class CsvPowerParser final : public LineLogParser
{
public:
    static constexpr int kSniffScore = 25;
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    enum class Clock { Unknown, DateTime, EpochSeconds, EpochMilliseconds, Elapsed };

    struct PowerColumn
    {
        int field = -1;
        int channel = -1;
        double scale = 1.0;
        QString label;
        qint64 missing = 0;
        qint64 firstMissingLine = 0;
    };

    void readHeader(QByteArrayView line, qint64 lineNumber);
    void parseRow(qint64 lineNumber);
    std::optional<double> readClock(QByteArrayView value, qint64 lineNumber);

    char m_separator = 0;
    bool m_haveHeader = false;
    bool m_failed = false;
    bool m_sawData = false;
    int m_fieldCount = 0;
    int m_timeField = -1;
    bool m_timeElapsedByName = false;
    QByteArray m_timeHeader;
    Clock m_clock = Clock::Unknown;
    std::vector<PowerColumn> m_power;
    std::vector<QByteArrayView> m_fields;
    std::vector<float> m_values;
    WallClockAxis m_axis;
};

} // namespace nightwatt
