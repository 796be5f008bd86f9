#pragma once

#include "formats/jsonstream.h"
#include "formats/gpusamplewriter.h"
#include "formats/logparser.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace nightwatt {

// `rocm-smi --showpower --json` (AMD GPUs): {"card0": {"Average Graphics Package Power (W)":
// "39.0", ...}, ..., "system": {...}}. Every value is a string; the unit is in the key. Newer ROCm
// names the figure "Current Socket Graphics Package Power (W)". The second die of a two-die
// package (MI200) says "N/A (Secondary die)": the first die's figure is the whole package's.
//
// A log is one snapshot or several appended by a polling loop. Snapshots carry no time: with
// ParserOptions::intervalMs they are that far apart, without it the log has no timing (sample
// means only), as the polling interval is nowhere in the output.
class RocmSmiJsonParser final : public LogParser
{
public:
    RocmSmiJsonParser();

    static int sniff(QByteArrayView head);

    void feed(QByteArrayView bytes) override;
    void finish() override;

private:
    void readSnapshot(QByteArrayView document, qint64 line);

    JsonStream m_stream;
    GpuSampleWriter m_writer;
    std::vector<float> m_watts; // by GPU index
    qint64 m_snapshots = 0;
    bool m_failed = false;
    bool m_sawPower = false;
    bool m_notedSecondaryDie = false;
};

} // namespace nightwatt
