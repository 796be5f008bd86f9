#pragma once

#include "formats/logparser.h"
#include "formats/runtimeline.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <array>
#include <vector>

namespace nightwatt {

// CodeCarbon `emissions.csv`: one row per finished run (tracker.stop() or flush), 29 to 38
// columns depending on the version, appended across runs. Each row becomes one windowed sample
// spanning the run (window = duration, power = energy / duration), so the energy of every run is
// exact; rows are placed on the axis by their end timestamp, so pauses between runs are gaps.
// tracker.flush() appends running totals of one run: such a row adds only its increase.
// CPU, GPU and RAM are components, as in CodeCarbon's own energy_consumed.
class CodeCarbonParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    struct Component
    {
        const char *name; // column prefix: "cpu" for cpu_energy / cpu_power
        int channel = -1;
        std::vector<double> reportedPowers; // the *_power column of every row, to spot constants
    };

    bool readHeader(QByteArrayView line, qint64 lineNumber);
    void parseRow(const QList<QByteArray> &fields, qint64 lineNumber);
    QByteArrayView field(const QList<QByteArray> &fields, const QString &column) const;
    QString channelName(int channel) const;
    void keepMetadata(const QList<QByteArray> &fields, qint64 lineNumber);

    QHash<QString, int> m_columns;
    qsizetype m_columnCount = 0;
    std::array<Component, 3> m_components{{{"cpu", -1, {}}, {"gpu", -1, {}}, {"ram", -1, {}}}};
    int m_totalChannel = -1;
    struct PreviousRow
    {
        bool valid = false;
        QString runId;
        double durationS = 0;
        QDateTime end;
        std::vector<double> joules; // per channel over the whole duration, NaN when missing
    };

    RunTimeline m_timeline;
    PreviousRow m_previous;
    qint64 m_runs = 0;    // distinct runs
    qint64 m_rows = 0;    // rows read
    qint64 m_flushes = 0; // rows that continue the run above them
};

} // namespace nightwatt
