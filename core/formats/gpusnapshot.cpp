#include "formats/gpusnapshot.h"
#include "io/messagetext.h"

#include "formats/powervalue.h"

#include <QJsonObject>
#include <QTimeZone>

namespace nightwatt {

std::optional<int> cardIndex(QStringView key)
{
    if (!key.startsWith(u"card") || key.size() < 5 || key.size() > 9)
        return std::nullopt;
    bool ok = false;
    const int index = key.sliced(4).toInt(&ok);
    return ok && index >= 0 ? std::optional<int>(index) : std::nullopt;
}

std::optional<double> powerUnitScale(QStringView unit)
{
    unit = unit.trimmed();
    if (unit == u"W")
        return 1.0;
    if (unit == u"mW")
        return 1e-3;
    if (unit == u"uW" || unit == u"\u00B5W")
        return 1e-6;
    if (unit == u"kW")
        return 1e3;
    return std::nullopt;
}

GpuFigure readGpuFigure(QByteArrayView text, double unitScale)
{
    GpuFigure figure;
    text = text.trimmed();
    if (text.startsWith("N/A") || text.isEmpty()) {
        figure.secondaryDie = text.contains("Secondary die");
        return figure;
    }
    const std::optional<double> number = parseNumber(text);
    if (!number) {
        figure.problem = QStringLiteral("%1 is not a number").arg(quoteInput(text));
        return figure;
    }
    const double watts = *number * unitScale;
    if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
        figure.problem = problem;
        return figure;
    }
    figure.watts = watts;
    return figure;
}

GpuFigure readGpuFigure(const QJsonValue &value, double unitScale)
{
    if (value.isObject()) {
        // amd-smi: {"value": 142, "unit": "W"}; the unit, when given, overrides the key's.
        const QJsonObject object = value.toObject();
        double scale = unitScale;
        if (const QJsonValue unit = object.value(QStringLiteral("unit")); unit.isString()) {
            const std::optional<double> known = powerUnitScale(unit.toString());
            if (!known) {
                GpuFigure figure;
                figure.problem = QStringLiteral("unit \"%1\" is not a power unit").arg(unit.toString());
                return figure;
            }
            scale = *known;
        }
        return readGpuFigure(object.value(QStringLiteral("value")), scale);
    }
    if (value.isDouble()) {
        const double watts = value.toDouble() * unitScale;
        GpuFigure figure;
        figure.problem = implausiblePowerReason(watts);
        if (figure.problem.isEmpty())
            figure.watts = watts;
        return figure;
    }
    if (value.isString())
        return readGpuFigure(QByteArrayView(value.toString().toUtf8()), unitScale);
    return {}; // null or absent: missing
}

void setSnapshotTiming(ParseSink &sink, int intervalMs, const QString &tool)
{
    if (intervalMs > 0) {
        sink.setTiming(TimingKind::Points);
        sink.metadata(QStringLiteral("timing"),
                      QStringLiteral("%1 prints no time: its snapshots are taken %2 ms apart (--interval-ms)").arg(tool).arg(intervalMs));
        return;
    }
    sink.setTiming(TimingKind::None);
    sink.metadata(QStringLiteral("timing"),
                  QStringLiteral("%1 prints no time and the polling interval is not in the log: duration unknown (give "
                                 "--interval-ms to read the snapshots that far apart)")
                      .arg(tool));
}

bool startPollTiming(ParseSink &sink, double clockS, int intervalMs, const QString &tool)
{
    if (std::isnan(clockS)) {
        setSnapshotTiming(sink, intervalMs, tool);
        return false;
    }
    sink.setTiming(TimingKind::Points);
    sink.setClockAtZero(QDateTime::fromMSecsSinceEpoch(qint64(clockS * 1000.0), QTimeZone::utc()));
    return true;
}

void GpuPollGatherer::add(ParseSink &sink, int gpu, double watts, double clockS, qint64 line)
{
    if (gpu < 0 || gpu > 4095)
        return;
    if (m_open && size_t(gpu) < m_seen.size() && m_seen[size_t(gpu)])
        flush(sink);
    if (!m_open) {
        m_open = true;
        m_clockS = clockS;
        m_line = line;
    }
    if (m_watts.size() <= size_t(gpu)) {
        m_watts.resize(size_t(gpu) + 1, kMissing);
        m_seen.resize(size_t(gpu) + 1, false);
    }
    m_watts[size_t(gpu)] = float(watts);
    m_seen[size_t(gpu)] = true;
}

void GpuPollGatherer::flush(ParseSink &sink)
{
    if (!m_open)
        return;
    const double clockS = std::isnan(m_clockS) ? snapshotClockS(m_intervalMs, m_polls) : m_clockS;
    m_writer.write(sink, m_watts, clockS, m_line);
    ++m_polls;
    std::fill(m_watts.begin(), m_watts.end(), kMissing);
    std::fill(m_seen.begin(), m_seen.end(), false);
    m_open = false;
}

} // namespace nightwatt
