#pragma once

#include "formats/logparser.h"
#include "formats/runtimeline.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace nightwatt {

// carbontracker output, printed (stdout) or logged (`…_carbontracker_output.log`,
// `…_carbontracker.log`). Two kinds of figures are read:
//  - "Actual consumption for N epoch(s)" blocks: Time and Energy (kWh) of the monitored epochs,
//    one windowed sample each (power = energy / time). carbontracker multiplies this energy by
//    its PUE; when the log states the PUE the figure is divided by it, otherwise an issue says so.
//  - the log file's per-epoch "Duration" and "Average power usage (W) for gpu/cpu" lines, one
//    windowed sample per epoch with CPU and GPU as components.
// "Predicted consumption" blocks are forecasts, not measurements, and are skipped. A log whose
// power values are all "[None]" and that has no Actual block is refused with that reason.
class CarbonTrackerParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

    // "8:00:33", "0:00:53.25", "111:11:54", "1 day, 2:03:04" -> seconds
    static std::optional<double> parseDuration(QStringView text);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    enum class Block { None, Actual, Predicted };
    enum class Kind { Unknown, ActualBlocks, Epochs }; // which figures the samples come from

    void handleMessage(const QString &message, qint64 lineNumber);
    void handlePower(const QString &component, const QString &value, qint64 lineNumber);
    void flushActual();
    void flushEpoch();
    bool claim(Kind kind);

    QDateTime m_lineClock; // clock of the latest timestamped log line
    std::optional<double> m_pue;
    bool m_pueIssueReported = false;
    Kind m_kind = Kind::Unknown;
    RunTimeline m_timeline;

    Block m_block = Block::None;
    qint64 m_blockLine = 0;
    QDateTime m_blockClock;
    std::optional<double> m_blockTimeS;
    std::optional<double> m_blockEnergyKWh;
    int m_actualChannel = -1;

    bool m_epochOpen = false;
    qint64 m_epochLine = 0;
    QDateTime m_epochClock;
    std::optional<double> m_epochDurationS;
    std::vector<float> m_epochValues;
    bool m_epochAnyValue = false;

    QStringList m_noneLines; // "Average power usage (W) for gpu: [None]" as logged
    qint64 m_samples = 0;
    qint64 m_predictions = 0;
    qint64 m_ignored = 0; // figures of the kind not used
};

} // namespace nightwatt
