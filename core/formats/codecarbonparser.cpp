#include "formats/codecarbonparser.h"

#include "formats/powervalue.h"
#include "formats/rfc4180.h"
#include "io/messagetext.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

constexpr double kJoulesPerKWh = 3.6e6;

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size()).trimmed();
}

bool isHeader(QByteArrayView line)
{
    return line.startsWith("timestamp,") && line.contains(",duration,") && line.contains("energy");
}

// "2024-05-31T10:39:13": local time of the tracking machine, no zone.
QDateTime parseTimestamp(QByteArrayView value)
{
    const QString stamp = text(value);
    if (stamp.isEmpty())
        return {};
    QDateTime clock = QDateTime::fromString(stamp, Qt::ISODateWithMs);
    if (!clock.isValid())
        clock = QDateTime::fromString(stamp, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return clock;
}

} // namespace

int CodeCarbonParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    const qsizetype newline = head.indexOf('\n');
    if (!isHeader(newline < 0 ? head : head.first(newline)))
        return 0;
    return head.contains("energy_consumed") && head.contains("emissions") ? 90 : 70;
}

void CodeCarbonParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (line.trimmed().isEmpty())
        return;
    if (isHeader(line)) {
        readHeader(line, lineNumber);
        return;
    }
    if (m_columns.isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("row before the CodeCarbon header line; left out"));
        return;
    }
    const rfc4180::Record record = rfc4180::splitRecord(line);
    if (record.unbalancedQuote || record.fields.size() != m_columnCount) {
        reportIssue(lineNumber, QStringLiteral("row has %1 fields where the header has %2; left out")
                                    .arg(record.fields.size())
                                    .arg(m_columnCount));
        return;
    }
    parseRow(record.fields, lineNumber);
}

void CodeCarbonParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // CodeCarbon ends each row with a newline; without one the row may be cut part-way through
    // a number. A complete field count is the best evidence it was not.
    if (!m_columns.isEmpty() && !isHeader(line)) {
        const rfc4180::Record record = rfc4180::splitRecord(line);
        if (record.unbalancedQuote || record.fields.size() != m_columnCount) {
            reportIssue(lineNumber, QStringLiteral("last row is cut off (no newline at end of file); left out"));
            return;
        }
    }
    parseLine(line, lineNumber);
}

bool CodeCarbonParser::readHeader(QByteArrayView line, qint64 lineNumber)
{
    const rfc4180::Record header = rfc4180::splitRecord(line);
    m_columns = rfc4180::columnIndex(header.fields);
    m_columnCount = header.fields.size();
    if (!m_columns.contains(QStringLiteral("duration"))) {
        reportIssue(lineNumber, QStringLiteral("CodeCarbon header without a duration column"));
        return false;
    }
    sink()->setTiming(TimingKind::Windowed);
    for (auto &component : m_components) {
        const QString name = QString::fromLatin1(component.name);
        if (component.channel < 0
            && (m_columns.contains(name + QStringLiteral("_energy")) || m_columns.contains(name + QStringLiteral("_power")))) {
            component.channel = sink()->channel({name, name == u"ram" ? QStringLiteral("RAM") : name.toUpper(),
                                                 ChannelRole::Component});
        }
    }
    if (m_totalChannel < 0 && m_columns.contains(QStringLiteral("energy_consumed")))
        m_totalChannel = sink()->channel({QStringLiteral("codecarbon_total"), QStringLiteral("Total (CodeCarbon)"),
                                          ChannelRole::ReportedTotal});
    return true;
}

QByteArrayView CodeCarbonParser::field(const QList<QByteArray> &fields, const QString &column) const
{
    const int index = m_columns.value(column, -1);
    if (index < 0 || index >= fields.size())
        return {};
    return QByteArrayView(fields[index]).trimmed();
}

void CodeCarbonParser::parseRow(const QList<QByteArray> &fields, qint64 lineNumber)
{
    const QByteArrayView durationText = field(fields, QStringLiteral("duration"));
    const std::optional<double> duration = parseNumber(durationText);
    if (!duration || !(*duration > 0) || !std::isfinite(*duration)) {
        reportIssue(lineNumber, QStringLiteral("duration %1 is not a positive number of seconds; row left out")
                                    .arg(quoteInput(durationText)));
        return;
    }

    // Energy per channel over the row's whole duration, NaN when missing. Energy over duration
    // gives the exact mean; the *_power column is CodeCarbon's last reading (or its constant
    // fallback), so it is only used when the energy is missing.
    std::vector<double> joules;
    auto set = [&joules](int channel, double value) {
        if (size_t(channel) >= joules.size())
            joules.resize(size_t(channel) + 1, std::nan(""));
        joules[size_t(channel)] = value;
    };
    auto energyFrom = [&](const QString &energyColumn, const QString &powerColumn) -> std::optional<double> {
        const QByteArrayView energyText = field(fields, energyColumn);
        if (!energyText.isEmpty()) {
            if (const auto kwh = parseNumber(energyText))
                return *kwh * kJoulesPerKWh;
            reportIssue(lineNumber, QStringLiteral("%1 %2 is not a number").arg(energyColumn, quoteInput(energyText)));
        }
        const QByteArrayView powerText = powerColumn.isEmpty() ? QByteArrayView() : field(fields, powerColumn);
        if (!powerText.isEmpty()) {
            if (const auto watts = parseNumber(powerText))
                return *watts * *duration;
            reportIssue(lineNumber, QStringLiteral("%1 %2 is not a number").arg(powerColumn, quoteInput(powerText)));
        }
        return std::nullopt;
    };

    bool any = false;
    for (auto &component : m_components) {
        if (component.channel < 0)
            continue;
        const QString name = QString::fromLatin1(component.name);
        if (const auto reported = parseNumber(field(fields, name + QStringLiteral("_power"))))
            component.reportedPowers.push_back(*reported);
        std::optional<double> energy = energyFrom(name + QStringLiteral("_energy"), name + QStringLiteral("_power"));
        if (energy && *energy == 0 && name == u"gpu") {
            // No GPU found: CodeCarbon writes 0 energy and leaves gpu_count empty. That is "not
            // measured", not a GPU drawing nothing.
            const QByteArrayView count = field(fields, QStringLiteral("gpu_count"));
            if (count.isEmpty() || parseNumber(count).value_or(0) == 0)
                energy.reset();
        }
        if (!energy)
            continue;
        set(component.channel, *energy);
        any = true;
    }
    if (m_totalChannel >= 0) {
        if (const auto energy = energyFrom(QStringLiteral("energy_consumed"), {})) {
            set(m_totalChannel, *energy);
            any = true;
        }
    }
    if (!any) {
        reportIssue(lineNumber, QStringLiteral("row has no energy or power figure; left out"));
        return;
    }

    const QDateTime end = parseTimestamp(field(fields, QStringLiteral("timestamp")));
    if (!end.isValid())
        reportIssue(lineNumber, QStringLiteral("timestamp %1 is not a date; run placed right after the one before")
                                    .arg(quoteInput(field(fields, QStringLiteral("timestamp")))));
    const QString runId = text(field(fields, QStringLiteral("run_id")));

    // tracker.flush() writes the run's totals so far: a later row of the same run that started
    // before the previous row ended repeats the earlier energy. Only the increase is new.
    double windowS = *duration;
    std::vector<double> newJoules = joules;
    RunTimeline::Placement placement;
    const bool continuation = m_previous.valid && end.isValid() && m_previous.end.isValid() && runId == m_previous.runId
        && *duration > m_previous.durationS
        && double(end.toMSecsSinceEpoch()) / 1000.0 - *duration < double(m_previous.end.toMSecsSinceEpoch()) / 1000.0 - 1.0;
    if (continuation) {
        windowS = *duration - m_previous.durationS;
        for (size_t c = 0; c < newJoules.size(); ++c) {
            const double before = c < m_previous.joules.size() ? m_previous.joules[c] : std::nan("");
            newJoules[c] = newJoules[c] - before; // NaN when either is missing
            if (newJoules[c] < 0) {
                reportIssue(lineNumber, QStringLiteral("energy went down within run %1; left out").arg(runId));
                newJoules[c] = std::nan("");
            }
        }
        placement = m_timeline.place(sink(), {}, windowS);
        ++m_flushes;
    } else {
        placement = m_timeline.place(sink(), end, *duration);
        if (placement.overlapS > 1.0)
            reportIssue(lineNumber, QStringLiteral("run overlaps the one before by %1 s (or is out of order); placed after it")
                                        .arg(placement.overlapS, 0, 'f', 0));
        ++m_runs;
    }
    m_previous = {true, runId, *duration, end, joules};

    std::vector<float> values(newJoules.size(), kMissing);
    for (size_t c = 0; c < newJoules.size(); ++c) {
        if (std::isnan(newJoules[c]))
            continue;
        const double watts = newJoules[c] / windowS;
        if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
            reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(channelName(int(c)), problem));
            continue;
        }
        values[c] = float(watts);
    }
    keepMetadata(fields, lineNumber);
    sink()->sample(placement.startS, float(windowS), values, lineNumber);
}

QString CodeCarbonParser::channelName(int channel) const
{
    for (const auto &component : m_components) {
        if (component.channel == channel)
            return QString::fromLatin1(component.name);
    }
    return QStringLiteral("energy_consumed");
}

void CodeCarbonParser::keepMetadata(const QList<QByteArray> &fields, qint64 lineNumber)
{
    const QString prefix = QStringLiteral("row%1.").arg(++m_rows);
    sink()->metadata(prefix + QStringLiteral("line"), QString::number(lineNumber));
    static const char *const kKept[] = {"timestamp", "project_name", "run_id", "experiment_id", "country_name",
                                        "region", "codecarbon_version", "tracking_mode", "cpu_model", "gpu_model",
                                        "emissions"};
    for (const char *column : kKept) {
        const QString name = QString::fromLatin1(column);
        const QString value = text(field(fields, name));
        if (!value.isEmpty())
            sink()->metadata(prefix + name, value);
    }
}

void CodeCarbonParser::endOfInput()
{
    sink()->metadata(QStringLiteral("runs"), QString::number(m_runs));
    sink()->metadata(QStringLiteral("rows"), QString::number(m_rows));
    sink()->metadata(QStringLiteral("note"),
                     QStringLiteral("each row is one run, or a flush of the run above it (then only the increase counts): "
                                    "power = energy / duration; "
                                    "RAM power is CodeCarbon's estimate from memory size"));
    for (const auto &component : m_components) {
        const auto &powers = component.reportedPowers;
        if (powers.size() < 2 || std::any_of(powers.begin(), powers.end(), [&](double p) { return p != powers.front(); }))
            continue;
        if (powers.front() == 0)
            continue;
        // A power identical to the last digit in every run is not a measurement: CodeCarbon falls
        // back to constants (a share of the CPU's TDP, a figure per GB of RAM) when it cannot measure.
        reportIssue(0, QStringLiteral("%1_power is %2 W in all %3 rows: CodeCarbon's constant fallback, so %1 energy is an estimate")
                           .arg(QString::fromLatin1(component.name))
                           .arg(powers.front())
                           .arg(powers.size()));
    }
}

} // namespace nightwatt
