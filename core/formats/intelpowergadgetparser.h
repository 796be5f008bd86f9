#pragma once

#include "formats/logparser.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace nightwatt {

// Intel Power Gadget CSV (PowerLog): quoted, space-padded fields, an `Elapsed Time (sec)` axis,
// per-package power and cumulative energy columns, and a footer of totals after a blank line.
// Also reads the pandas re-export (leading index column, no quotes, no footer). Where a
// cumulative energy column exists, each interval's power is its energy delta over its length, so
// the energy Nightwatt integrates equals the counter's; otherwise the power column is used.
class IntelPowerGadgetParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    // One power figure summed over packages: Processor (package), IA (cores), DRAM, GT.
    struct Kind
    {
        QString name; // as in the header: "Processor", "IA", "DRAM", "GT"
        int channel = -1;
        QList<int> powerColumns;   // "<name> Power_<n>(Watt)"
        QList<int> counterColumns; // "Cumulative <name> Energy_<n>(Joules)", one per package or none
        double lastCounterJ = 0;   // sum over packages at the previous row
        bool counterKnown = true;  // false after a row whose counter was unreadable
    };

    void readHeader(const QList<QByteArray> &fields, qint64 lineNumber);
    void parseRow(const QList<QByteArray> &fields, qint64 lineNumber);
    void readRow(const QList<QByteArray> &fields, double elapsedS, qint64 lineNumber);
    void releaseHeldRow();
    void parseFooter(QByteArrayView line);

    enum class State { Header, Rows, Footer };
    State m_state = State::Header;
    qsizetype m_columnCount = 0;
    int m_elapsedColumn = -1;
    std::vector<Kind> m_kinds;
    double m_lastElapsedS = 0;
    struct HeldRow
    {
        QList<QByteArray> fields;
        double elapsedS = 0;
        qint64 line = 0;
    };
    std::optional<HeldRow> m_heldRow; // elapsed time far from the row before; the next row decides
    std::vector<float> m_values;
};

} // namespace nightwatt
