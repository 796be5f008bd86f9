#pragma once

#include "formats/logparser.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace nightwatt {

// lm-sensors `sensors -u` dumps: a chip name on a line of its own ("amdgpu-pci-0300"), feature
// labels ending in ':' ("PPT:"), and indented raw figures under them ("  power1_average: 29.000",
// in W: libsensors has scaled sysfs' µW already). The plain `sensors` form ("PPT:  29.00 W") is
// read too. powerN_average is preferred over powerN_input where a sensor has both.
//
// A log is one dump or several appended by a loop (`watch`, `while sleep 1`): a dump ends where
// a sensor comes round again. Dumps carry no time: with ParserOptions::intervalMs they are that
// far apart, without it the log has no timing. See hwmonPowerChannel() for what is added up.
class SensorsParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;
    void endOfInput() override;

private:
    struct Reading
    {
        QString key;   // chip + '/' + sysfs stem ("power1") or label
        QString chip;
        QString label;
        double watts = 0;
        bool average = false;
    };

    void addReading(Reading reading, qint64 lineNumber);
    void flushDump();
    int channelFor(const Reading &reading);

    QString m_chip;
    QString m_label;
    std::vector<Reading> m_dump;
    qint64 m_dumpLine = 0;
    std::vector<std::pair<QString, int>> m_channels; // key -> sink channel
    std::vector<float> m_values;
    qint64 m_dumps = 0;
    qint64 m_firstChipLine = 0;
    bool m_sawPower = false;
};

} // namespace nightwatt
