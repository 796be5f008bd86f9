#pragma once

#include "formats/logparser.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace nightwatt {

// Linux `turbostat` tables (tab- or space-separated): a header row, a summary row (topology
// columns "-") and one row per CPU, repeated every interval. Only the summary row is read: its
// PkgWatt/CorWatt/GFXWatt/RAMWatt are averages over the interval, summed over packages.
// With Time_Of_Day_Seconds each summary row closes a window that began at the previous one (the
// first window is taken to be as long as the second: turbostat's interval is fixed). Without it,
// or with a single interval, the interval length is unknown and the samples carry no timing.
class TurbostatParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    struct PowerColumn
    {
        int column = -1;
        int channel = -1;
    };
    struct Pending
    {
        double epochS = 0;
        std::vector<float> values;
        qint64 line = 0;
    };

    void readHeader(const std::vector<QByteArrayView> &fields, qint64 lineNumber);
    void parseRow(const std::vector<QByteArrayView> &fields, qint64 lineNumber);
    void emitTimed(const Pending &sample, double windowS);

    QHash<QString, int> m_columns;
    int m_summaryKeyColumn = -1; // "CPU" (or "Core"): "-" marks the summary row
    int m_timeColumn = -1;
    std::vector<PowerColumn> m_powers;
    bool m_timed = false; // fixed by the first header
    bool m_sawHeader = false;
    std::optional<Pending> m_first;  // held until the second interval tells the window length
    double m_lastEpochS = 0;
    double m_zeroEpochS = 0;
    qint64 m_untimedIndex = 0;
    qint64 m_timedSamples = 0;
};

} // namespace nightwatt
