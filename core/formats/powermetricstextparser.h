#pragma once

#include "formats/logparser.h"

#include <QDateTime>
#include <QList>

#include <utility>
#include <vector>

namespace nightwatt {

// macOS `powermetrics` text output: Apple silicon (macOS 12 cluster/DRAM/Package lines, macOS 13+
// Combined line, GPU Power printed twice), Intel Macs (package power in W), logs appended by
// several runs, and grep'ed logs that hold only "CPU Power"/"GPU Power" lines without timing.
class PowermetricsTextParser final : public LineLogParser
{
public:
    PowermetricsTextParser();
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    enum class Mode { Unknown, Sampled, HeaderlessLines };

    void startSample(QByteArrayView header, qint64 lineNumber);
    void handlePowerLine(QByteArrayView line, qint64 lineNumber);
    void flushSample();
    void setValue(int channel, double watts);
    int channelFor(QByteArrayView name); // -1 for lines that are not power figures

    Mode m_mode = Mode::Unknown;
    bool m_newInvocation = true;    // a preamble was seen since the last sample header
    bool m_sampleOpen = false;
    qint64 m_sampleLine = 0;
    double m_sampleStartS = 0;      // window start on the trace axis
    double m_sampleWindowS = 0;
    double m_axisEndS = 0;          // end of the last window
    qint64 m_headerlessIndex = 0;
    QDateTime m_clockAtZero;        // wall clock at t = 0, from the first sample header
    std::vector<std::pair<QByteArray, int>> m_channelByName;
    std::vector<QString> m_labels;
    std::vector<float> m_values;
    std::vector<bool> m_seenInSample;
    std::vector<int> m_linesInLastSample; // channels whose lines the last sample had
    qint64 m_samplesEmitted = 0;
};

} // namespace nightwatt
