#pragma once

#include "formats/logparser.h"

#include <QByteArray>
#include <QDateTime>

#include <vector>

namespace nightwatt {

// `powermetrics -f plist`: one XML property list per sample, NUL-separated. Intel Macs report
// `processor.package_watts` (or package_joules); Apple silicon reports cpu/gpu/ane power in mW
// or energy in mJ per interval, and the set of keys changes with the macOS release, so every key
// is optional. `elapsed_ns` is the sample's window; windows follow one another like in the text
// output, and a `timestamp` far past the end of the previous window starts after a gap.
class PowermetricsPlistParser final : public LogParser
{
public:
    static int sniff(QByteArrayView head);

    void feed(QByteArrayView bytes) override;
    void finish() override;

private:
    void parseDocument(QByteArrayView document, qint64 firstLine);
    void setValue(int channel, double watts, qint64 line, const QString &what);

    QByteArray m_pending;
    qint64 m_pendingFirstLine = 1; // line number of m_pending's first byte
    QDateTime m_zero;
    double m_axisEndS = 0;
    qint64 m_documents = 0;
    std::vector<float> m_values;
};

} // namespace nightwatt
