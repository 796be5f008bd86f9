#include "formats/amdsmijsonparser.h"

#include "formats/wallclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace nightwatt {

namespace {

// amd-smi's power keys, preferred in this order (the same figure under the names it has had).
constexpr const char *kPowerKeys[] = {"socket_power", "current_socket_power", "average_socket_power"};

// "timestamp": epoch seconds (a number or its text) or a date; NaN when absent or unreadable.
double entryClockS(const QJsonValue &stamp)
{
    if (stamp.isDouble())
        return stamp.toDouble();
    if (stamp.isString()) {
        bool ok = false;
        const double seconds = stamp.toString().toDouble(&ok);
        if (ok)
            return seconds;
        if (const std::optional<WallTime> time = parseDateTime(stamp.toString().toUtf8()))
            return time->axisS();
    }
    return std::nan("");
}

} // namespace

AmdSmiJsonParser::AmdSmiJsonParser()
    : m_stream([this](QByteArrayView document, qint64 line) { readDocument(document, line); })
{
}

int AmdSmiJsonParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    const qsizetype start = head.indexOf('[') >= 0 && (head.indexOf('{') < 0 || head.indexOf('[') < head.indexOf('{'))
                                ? head.indexOf('[')
                                : head.indexOf('{');
    if (start < 0)
        return 0;
    // Only amd-smi's own warnings may come first ("WARNING: User is missing ... groups").
    const QByteArrayView before = head.first(start).trimmed();
    if (!before.isEmpty() && !before.startsWith("WARNING"))
        return 0;
    const QByteArrayView json = head.sliced(start);
    const bool gpuEntries = json.contains("\"gpu\"") || json.contains("\"gpu_data\"");
    const bool power = json.contains("\"socket_power\"") || json.contains("\"power\"");
    return gpuEntries && power ? 85 : 0;
}

void AmdSmiJsonParser::feed(QByteArrayView bytes)
{
    if (!m_failed)
        m_stream.feed(bytes);
}

void AmdSmiJsonParser::finish()
{
    if (m_failed)
        return;
    m_polls.flush(*sink());
    if (const qint64 line = m_stream.unfinishedLine())
        reportIssue(line, QStringLiteral("the last document is cut off (the log ends inside it); left out"));
}

void AmdSmiJsonParser::readDocument(QByteArrayView document, qint64 line)
{
    if (m_failed)
        return;
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(document.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        reportIssue(line, QStringLiteral("not JSON (%1 at byte %2 of the document); left out").arg(error.errorString()).arg(error.offset + 1));
        return;
    }
    const QJsonArray entries = parsed.isArray() ? parsed.array() : parsed.object().value(QStringLiteral("gpu_data")).toArray();
    if (entries.isEmpty()) {
        reportIssue(line, QStringLiteral("document has no GPU entries (a list, or \"gpu_data\"); left out"));
        return;
    }
    for (const QJsonValue &entry : entries) {
        if (entry.isObject())
            readEntry(entry.toObject(), line);
        if (m_failed)
            return;
    }
    // Each document is one poll of every GPU.
    m_polls.flush(*sink());
}

void AmdSmiJsonParser::readEntry(const QJsonObject &entry, qint64 line)
{
    const QJsonValue gpu = entry.value(QStringLiteral("gpu"));
    const QJsonObject power = entry.value(QStringLiteral("power")).toObject();
    if (!gpu.isDouble())
        return;
    QJsonValue value;
    const char *key = nullptr;
    for (const char *candidate : kPowerKeys) {
        value = power.value(QLatin1StringView(candidate));
        if (!value.isUndefined()) {
            key = candidate;
            break;
        }
    }
    if (!key) {
        if (!m_sawPower) {
            m_failed = true;
            reportFailure(line, QStringLiteral("amd-smi printed no power figure for GPU %1 (no \"power\": {\"socket_power\": …}): "
                                               "run amd-smi metric with --power (-p)")
                                    .arg(gpu.toInt()));
        }
        return;
    }
    const double clockS = entryClockS(entry.value(QStringLiteral("timestamp")));
    if (!m_started) {
        m_started = true;
        m_polls.setIntervalMs(options().intervalMs);
        m_stamped = startPollTiming(*sink(), clockS, options().intervalMs, QStringLiteral("amd-smi"));
    }
    m_sawPower = true;
    const GpuFigure figure = readGpuFigure(value, 1.0);
    if (!figure.problem.isEmpty())
        reportIssue(line, QStringLiteral("GPU %1 %2: %3; left out").arg(gpu.toInt()).arg(QLatin1StringView(key), figure.problem));
    m_polls.add(*sink(), gpu.toInt(), figure.watts, m_stamped ? clockS : std::nan(""), line);
}

} // namespace nightwatt
