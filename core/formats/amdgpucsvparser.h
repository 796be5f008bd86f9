#pragma once

#include "formats/gpusnapshot.h"
#include "formats/logparser.h"

#include <QStringList>

namespace nightwatt {

// The CSV forms of AMD's GPU tools, one row per GPU under a header that each poll repeats when
// polls are appended to one file:
//   rocm-smi --showpower --csv:   device,Average Graphics Package Power (W)   /  card0,39.0
//   amd-smi metric --power --csv: gpu,socket_power,gfx_voltage,...            /  0,142,...
// (amd-smi --watch puts a timestamp column first). The power column is found by name; its unit
// is in rocm-smi's header and is W in amd-smi's. "N/A" is a missing figure.
class AmdGpuCsvParser : public LineLogParser
{
public:
    struct Dialect
    {
        const char *tool;
        const char *gpuColumn;      // "device" (cardN) or "gpu" (N)
        QStringList powerColumns;   // by preference; matched whole, ignoring case
    };

protected:
    explicit AmdGpuCsvParser(const Dialect &dialect);
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

    // Whether `head` starts (after blank lines) with this dialect's header.
    static bool startsWithHeader(QByteArrayView head, const Dialect &dialect);

private:
    bool readHeader(const QList<QByteArray> &fields);

    const Dialect &m_dialect;
    GpuPollGatherer m_polls;
    int m_gpuColumn = -1;
    int m_powerColumn = -1;
    int m_timeColumn = -1;
    QString m_powerName;
    bool m_started = false;
    bool m_stamped = false;
    bool m_failed = false;
    qint64 m_headerLine = 0;
};

class RocmSmiCsvParser final : public AmdGpuCsvParser
{
public:
    RocmSmiCsvParser();
    static int sniff(QByteArrayView head);
};

class AmdSmiCsvParser final : public AmdGpuCsvParser
{
public:
    AmdSmiCsvParser();
    static int sniff(QByteArrayView head);
};

} // namespace nightwatt
