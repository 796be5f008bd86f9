#pragma once

#include "formats/logparser.h"
#include "formats/wallclock.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace nightwatt {

// NVIDIA Jetson `tegrastats`: one sample per line, "RAM …/…MB … CPU [...] … NAME cur/avg …" with
// the power rails last, in mW ("5542mW/5542mW"; JetPack 4 and older print bare integers). The
// `cur` figure is read; `avg` is tegrastats' own running mean since it started and says nothing
// about this sample. With --logfile (or a wrapper) each line starts "MM-DD-YYYY HH:MM:SS ": those
// are point samples; without it the samples are ParserOptions::intervalMs apart (tegrastats'
// --interval, 1000 ms by default).
//
// Rails differ by board. An input rail (VDD_IN, POM_5V_IN) measures the whole board, so it is
// the reported total and every other rail is a part of it, shown but never added. A board
// without one (AGX Orin, AGX Xavier) has module rails that do not overlap: their sum is the total.
// Lines that are not samples (a shell prompt, a `date` line, blank lines) are skipped.
class TegrastatsParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;

private:
    struct Rail
    {
        QByteArray name;
        double milliwatts = 0;
        bool complete = true; // cur and avg carry the same unit (a cut line loses the avg's)
    };
    struct KnownRail
    {
        QByteArray name;
        int channel = -1;
    };

    bool readRails(QByteArrayView text, std::vector<Rail> &rails) const;
    int channelFor(const QByteArray &rail);
    double placeSample(std::optional<double> stampS, qint64 lineNumber);
    void noteDateLine(QByteArrayView line);

    enum class Mode { Unknown, Stamped, Unstamped };
    Mode m_mode = Mode::Unknown;
    bool m_boardHasInputRail = false;
    bool m_failed = false;
    bool m_sawRails = false;
    bool m_reportedSameSecond = false;
    bool m_reportedIgnoredStamps = false;
    std::vector<KnownRail> m_rails;
    std::vector<float> m_values;
    std::vector<Rail> m_lineRails;
    size_t m_lastRailCount = 0;
    WallClockAxis m_axis;
    std::optional<double> m_lastStampS;
    double m_lastTimeS = 0;
    qint64 m_unstampedIndex = 0;
    QDateTime m_dateLine; // a `date` printed before an unstamped run: its clock at zero
};

} // namespace nightwatt
