#include "formats/sensorsparser.h"
#include "io/messagetext.h"

#include "formats/gpusnapshot.h"
#include "formats/hwmonpower.h"
#include "formats/powervalue.h"

#include <QRegularExpression>

#include <cmath>

namespace nightwatt {

namespace {

bool isIndented(QByteArrayView line)
{
    return !line.isEmpty() && (line.front() == ' ' || line.front() == '\t');
}

// "power1_average" -> stem "power1", kind "average".
bool splitPowerSubfeature(QByteArrayView name, QByteArrayView &stem, QByteArrayView &kind)
{
    if (!name.startsWith("power"))
        return false;
    const qsizetype underscore = name.indexOf('_');
    if (underscore <= 5)
        return false;
    for (const char c : name.sliced(5, underscore - 5)) {
        if (c < '0' || c > '9')
            return false;
    }
    stem = name.first(underscore);
    kind = name.sliced(underscore + 1);
    return kind == "average" || kind == "input";
}

} // namespace

int SensorsParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    static const QRegularExpression raw(
        QStringLiteral("^[^\\s:][^\\n]*\\n(?:[^\\n]*:\\n)?[ \\t]+(?:temp|in|fan|power|curr|energy|humidity|intrusion)\\d+_[a-z_]+: "
                       "-?\\d"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression plain(QStringLiteral("^[^\\s:][^\\n:]*\\nAdapter: [^\\n]+\\n"), QRegularExpression::MultilineOption);
    const QString text = QString::fromUtf8(head.first(std::min<qsizetype>(head.size(), 16 * 1024)));
    if (raw.match(text).hasMatch())
        return 85;
    return plain.match(text).hasMatch() ? 80 : 0;
}

void SensorsParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    if (isIndented(line)) {
        // "  power1_average: 29.000"
        const qsizetype colon = trimmed.indexOf(':');
        QByteArrayView stem;
        QByteArrayView kind;
        if (colon < 0 || !splitPowerSubfeature(trimmed.first(colon), stem, kind) || m_chip.isEmpty())
            return;
        const QByteArrayView value = trimmed.sliced(colon + 1).trimmed();
        const std::optional<double> watts = parseNumber(value);
        if (!watts) {
            reportIssue(lineNumber, QStringLiteral("%1 %2 %3 is not a number; left out")
                                        .arg(inputExcerpt(m_chip), quoteInput(trimmed.first(colon)), quoteInput(value)));
            return;
        }
        addReading({m_chip + QLatin1Char('/') + QString::fromLatin1(stem), m_chip, m_label.isEmpty() ? QString::fromLatin1(stem) : m_label,
                    *watts, kind == "average"},
                   lineNumber);
        return;
    }
    const qsizetype colon = trimmed.indexOf(':');
    if (trimmed.endsWith(':')) {
        m_label = QString::fromUtf8(trimmed.chopped(1));
        return;
    }
    if (colon > 0 && colon + 1 < trimmed.size() && (trimmed[colon + 1] == ' ' || trimmed[colon + 1] == '\t')) {
        // Plain `sensors`: "PPT:          29.00 W  (cap = 120.00 W)"; "Adapter: PCI adapter" and
        // other figures are not power.
        const QList<QByteArray> words = trimmed.sliced(colon + 1).toByteArray().simplified().split(' ');
        if (m_chip.isEmpty() || words.size() < 2)
            return;
        const std::optional<double> scale = powerUnitScale(QString::fromLatin1(words[1]));
        const std::optional<double> number = scale ? parseNumber(words[0]) : std::nullopt;
        if (!number)
            return;
        const QString label = QString::fromUtf8(trimmed.first(colon));
        addReading({m_chip + QLatin1Char('/') + label, m_chip, label, *number * *scale, true}, lineNumber);
        return;
    }
    // A chip name ("amdgpu-pci-0300", "ucsi_source_psy_USBC000:001-isa-0000").
    m_chip = QString::fromUtf8(trimmed);
    m_label.clear();
    if (m_firstChipLine == 0)
        m_firstChipLine = lineNumber;
}

void SensorsParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // sensors -u prints three decimals: a last figure with fewer was cut while being written.
    const QByteArrayView trimmed = line.trimmed();
    const qsizetype dot = trimmed.lastIndexOf('.');
    if (isIndented(line) && trimmed.startsWith("power") && (dot < 0 || trimmed.size() - dot - 1 != 3)) {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    parseLine(line, lineNumber);
}

void SensorsParser::addReading(Reading reading, qint64 lineNumber)
{
    if (const QString problem = implausiblePowerReason(reading.watts); !problem.isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("%1 %2: %3; left out").arg(reading.chip, reading.label, problem));
        return;
    }
    for (Reading &seen : m_dump) {
        if (seen.key != reading.key)
            continue;
        if (seen.average != reading.average) {
            // The same sensor's other figure: the average wins.
            if (reading.average)
                seen = reading;
            return;
        }
        // The sensor comes round again: the dump before has ended.
        flushDump();
        break;
    }
    if (m_dump.empty())
        m_dumpLine = lineNumber;
    m_dump.push_back(std::move(reading));
}

int SensorsParser::channelFor(const Reading &reading)
{
    for (const auto &[key, channel] : m_channels) {
        if (key == reading.key)
            return channel;
    }
    const int channel = sink()->channel(hwmonPowerChannel(reading.chip, reading.label));
    m_channels.emplace_back(reading.key, channel);
    return channel;
}

void SensorsParser::flushDump()
{
    if (m_dump.empty())
        return;
    if (!m_sawPower) {
        m_sawPower = true;
        setSnapshotTiming(*sink(), options().intervalMs, QStringLiteral("sensors"));
        sink()->metadata(QStringLiteral("total"), hwmonPowerPolicy());
    }
    std::fill(m_values.begin(), m_values.end(), kMissing);
    for (const Reading &reading : m_dump) {
        const int channel = channelFor(reading);
        if (size_t(channel) >= m_values.size())
            m_values.resize(size_t(channel) + 1, kMissing);
        m_values[size_t(channel)] = float(reading.watts);
    }
    const double clockS = snapshotClockS(options().intervalMs, m_dumps);
    sink()->sample(std::isnan(clockS) ? double(m_dumps) : clockS, 0.0f, m_values, m_dumpLine);
    ++m_dumps;
    m_dump.clear();
}

void SensorsParser::endOfInput()
{
    flushDump();
    if (!m_sawPower && m_firstChipLine > 0)
        reportFailure(m_firstChipLine, QStringLiteral("sensors shows no power figure on this machine (no powerN_average or "
                                                      "powerN_input, as amdgpu's PPT gives): there is no power to read"));
}

} // namespace nightwatt
