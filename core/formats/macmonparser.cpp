#include "formats/macmonparser.h"

#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace nightwatt {

namespace {

struct Key
{
    const char *key;
    const char *id;
    const char *label;
    ChannelRole role;
    bool zeroMeansUnsupported; // macmon writes 0.0 where the machine has no such sensor
};

// all_power is cpu + gpu + ane as macmon sums it; sys_power is the whole machine from the SMC.
// Both are shown beside the measured components, never added to them.
constexpr Key kKeys[] = {
    {"cpu_power", "cpu", "CPU", ChannelRole::Component, false},
    {"gpu_power", "gpu", "GPU", ChannelRole::Component, false},
    {"ane_power", "ane", "ANE", ChannelRole::Component, false},
    {"all_power", "combined", "CPU+GPU+ANE (reported)", ChannelRole::ReportedTotal, false},
    {"sys_power", "system", "System (reported)", ChannelRole::ReportedTotal, false},
    {"ram_power", "dram", "RAM", ChannelRole::Auxiliary, true},
    {"gpu_ram_power", "gpu_ram", "GPU RAM", ChannelRole::Auxiliary, true},
};

} // namespace

int MacmonParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    if (!head.trimmed().startsWith('{'))
        return 0;
    const bool powers = head.contains("\"cpu_power\"") && head.contains("\"gpu_power\"");
    const bool macmonShape = head.contains("\"all_power\"") || head.contains("\"sys_power\"") || head.contains("\"ecpu_usage\"");
    return powers && macmonShape ? 90 : 0;
}

void MacmonParser::registerChannels()
{
    for (const auto &key : kKeys)
        m_channels.push_back(sink()->channel({QString::fromLatin1(key.id), QString::fromLatin1(key.label), key.role}));
}

void MacmonParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        reportIssue(lineNumber, QStringLiteral("not a JSON object (%1 at column %2); line left out")
                                    .arg(error.errorString())
                                    .arg(error.offset + 1));
        return;
    }
    const QJsonObject object = document.object();

    const QJsonValue stamp = object.value(QStringLiteral("timestamp"));
    if (m_mode == Mode::Unknown) {
        m_mode = stamp.isString() ? Mode::Timestamped : Mode::Untimed;
        sink()->setTiming(m_mode == Mode::Timestamped ? TimingKind::Points : TimingKind::None);
        if (m_mode == Mode::Untimed)
            sink()->metadata(QStringLiteral("timing"),
                             QStringLiteral("this macmon version writes no timestamps and the sampling interval "
                                            "(macmon -i, 1000 ms by default) is not in the log: duration unknown"));
        registerChannels();
    }
    double timeS = 0;
    if (m_mode == Mode::Timestamped) {
        const QDateTime clock = QDateTime::fromString(stamp.toString(), Qt::ISODateWithMs);
        if (!clock.isValid()) {
            reportIssue(lineNumber, QStringLiteral("timestamp %1 is not a date; sample left out").arg(quoteInput(stamp.toString())));
            return;
        }
        if (!m_zero.isValid()) {
            m_zero = clock;
            sink()->setClockAtZero(clock);
        }
        timeS = double(m_zero.msecsTo(clock)) / 1000.0;
    } else {
        if (stamp.isString() && !m_reportedIgnoredTimestamp) {
            m_reportedIgnoredTimestamp = true;
            reportIssue(lineNumber, QStringLiteral("timestamps start part-way through the log; they are ignored"));
        }
        timeS = double(m_untimedIndex);
    }

    std::vector<float> values(m_channels.size() + 8, kMissing);
    bool any = false;
    for (size_t k = 0; k < std::size(kKeys); ++k) {
        const QJsonValue value = object.value(QLatin1StringView(kKeys[k].key));
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isDouble()) {
            reportIssue(lineNumber, QStringLiteral("%1 is not a number; left out").arg(QLatin1StringView(kKeys[k].key)));
            continue;
        }
        const double watts = value.toDouble();
        if (watts == 0 && kKeys[k].zeroMeansUnsupported)
            continue;
        if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
            reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(QLatin1StringView(kKeys[k].key), problem));
            continue;
        }
        const int channel = m_channels[k];
        if (size_t(channel) >= values.size())
            values.resize(size_t(channel) + 1, kMissing);
        values[size_t(channel)] = float(watts);
        any = true;
    }
    if (!any) {
        reportIssue(lineNumber, QStringLiteral("line has no power figure; left out"));
        return;
    }
    if (m_mode == Mode::Untimed)
        ++m_untimedIndex;
    sink()->sample(timeS, 0.0f, values, lineNumber);
}

void MacmonParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // macmon ends every object with a newline; one without may be cut part-way.
    QJsonParseError error;
    QJsonDocument::fromJson(QByteArray(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError) {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    parseLine(line, lineNumber);
}

} // namespace nightwatt
