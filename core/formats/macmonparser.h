#pragma once

#include "formats/logparser.h"

#include <QDateTime>

#include <vector>

namespace nightwatt {

// `macmon pipe` JSON lines (Apple silicon). Powers are in watts. Newer versions stamp each line
// ("timestamp", ISO 8601 with zone): those are point samples. Older versions write no time at
// all and the sampling interval (-i) is not in the output, so such a log has no timing: sample
// means only, the runtime comes from the scenario. Nightwatt does not guess the interval.
class MacmonParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;

private:
    enum class Mode { Unknown, Timestamped, Untimed };

    void registerChannels();

    Mode m_mode = Mode::Unknown;
    std::vector<int> m_channels; // index into kKeys -> sink channel
    QDateTime m_zero;
    qint64 m_untimedIndex = 0;
    bool m_reportedIgnoredTimestamp = false;
};

} // namespace nightwatt
