#include "formats/csvpowerparser.h"

#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <QTimeZone>

#include <cmath>

namespace nightwatt {

namespace {

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

bool isMissingText(QByteArrayView value)
{
    return value.isEmpty() || value == "-" || value.front() == '[' || value.compare("nan", Qt::CaseInsensitive) == 0
           || value.compare("n/a", Qt::CaseInsensitive) == 0 || value.compare("na", Qt::CaseInsensitive) == 0
           || value.compare("null", Qt::CaseInsensitive) == 0 || value.compare("none", Qt::CaseInsensitive) == 0;
}

struct HeaderScan
{
    int timeField = -1;
    CsvTimeColumn time;
    std::vector<std::pair<int, CsvPowerColumn>> power;
};

HeaderScan scanHeader(const std::vector<QByteArrayView> &fields)
{
    HeaderScan scan;
    for (int i = 0; i < int(fields.size()); ++i) {
        if (const std::optional<CsvTimeColumn> time = csvTimeColumn(fields[size_t(i)])) {
            if (scan.timeField < 0 || time->rank < scan.time.rank) {
                scan.timeField = i;
                scan.time = *time;
            }
        }
    }
    for (int i = 0; i < int(fields.size()); ++i) {
        if (i == scan.timeField)
            continue;
        if (std::optional<CsvPowerColumn> power = csvPowerColumn(fields[size_t(i)]))
            scan.power.emplace_back(i, *power);
    }
    return scan;
}

} // namespace

int CsvPowerParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    const qsizetype end = head.indexOf('\n');
    QByteArrayView line = (end < 0 ? head : head.first(end)).trimmed();
    // JSON lines, XML and commented logs have commas and power words too, but no header row.
    if (line.isEmpty() || line.front() == '{' || line.front() == '[' || line.front() == '<' || line.front() == '#')
        return 0;
    const char separator = csvSeparator(line);
    if (separator == 0)
        return 0;
    std::vector<QByteArrayView> fields;
    splitCsvLine(line, separator, fields);
    const HeaderScan scan = scanHeader(fields);
    if (scan.timeField < 0 || scan.power.empty())
        return 0;
    // The first row, when there is one, must have as many fields as the header.
    if (end >= 0) {
        QByteArrayView rest = head.sliced(end + 1);
        const qsizetype rowEnd = rest.indexOf('\n');
        const QByteArrayView row = (rowEnd < 0 ? rest : rest.first(rowEnd)).trimmed();
        std::vector<QByteArrayView> rowFields;
        if (rowEnd >= 0 && !row.isEmpty()) {
            splitCsvLine(row, separator, rowFields);
            if (rowFields.size() != fields.size())
                return 0;
        }
    }
    return kSniffScore;
}

void CsvPowerParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    line = line.trimmed();
    if (line.isEmpty())
        return;
    if (!m_haveHeader) {
        readHeader(line, lineNumber);
        return;
    }
    splitCsvLine(line, m_separator, m_fields);
    if (int(m_fields.size()) != m_fieldCount) {
        reportIssue(lineNumber, QStringLiteral("row has %1 fields where the header has %2; left out").arg(m_fields.size()).arg(m_fieldCount));
        return;
    }
    parseRow(lineNumber);
}

void CsvPowerParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // Hand-made CSVs often lack the last newline: keep such a row when it is whole.
    if (m_haveHeader && !m_failed) {
        splitCsvLine(line.trimmed(), m_separator, m_fields);
        if (int(m_fields.size()) != m_fieldCount || m_fields.back().isEmpty()) {
            reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); left out"));
            return;
        }
    }
    parseLine(line, lineNumber);
}

void CsvPowerParser::readHeader(QByteArrayView line, qint64 lineNumber)
{
    m_separator = csvSeparator(line);
    if (m_separator == 0) {
        m_failed = true;
        reportFailure(lineNumber, QStringLiteral("the first line is not a CSV header (no comma, semicolon or tab)"));
        return;
    }
    splitCsvLine(line, m_separator, m_fields);
    HeaderScan scan = scanHeader(m_fields);
    if (const QString wanted = options().powerColumn; !wanted.isEmpty()) {
        // Named by the person: that column alone, whatever its name looks like.
        scan.power.clear();
        QStringList names;
        for (int i = 0; i < int(m_fields.size()); ++i) {
            const QString name = text(m_fields[size_t(i)]);
            names.append(name);
            if (name.compare(wanted, Qt::CaseInsensitive) != 0 || i == scan.timeField)
                continue;
            CsvPowerColumn column;
            column.channel = {QStringLiteral("power"), name, ChannelRole::Component};
            if (std::optional<CsvPowerColumn> recognised = csvPowerColumn(m_fields[size_t(i)]))
                column = *recognised;
            scan.power.emplace_back(i, column);
        }
        if (scan.power.empty()) {
            m_failed = true;
            reportFailure(lineNumber, QStringLiteral("no power column named %1 (the header has: %2)").arg(quoteInput(wanted), inputExcerpt(names.join(QStringLiteral(", ")))));
            return;
        }
    }
    if (scan.power.empty()) {
        m_failed = true;
        reportFailure(lineNumber, QStringLiteral("no power column: no header names a power (\"power\", \"watts\", or a "
                                                 "unit W, mW or kW)"));
        return;
    }
    if (scan.timeField < 0) {
        m_failed = true;
        reportFailure(lineNumber, QStringLiteral("no time column: no header names a timestamp, time or elapsed seconds"));
        return;
    }
    m_haveHeader = true;
    m_fieldCount = int(m_fields.size());
    m_timeField = scan.timeField;
    m_timeElapsedByName = scan.time.elapsed;
    m_timeHeader = m_fields[size_t(scan.timeField)].toByteArray();
    QStringList assumedWatts;
    for (const auto &[field, column] : scan.power) {
        PowerColumn power;
        power.field = field;
        power.scale = column.scale;
        power.label = column.channel.label;
        power.channel = sink()->channel(column.channel);
        m_power.push_back(power);
        if (!column.unitNamed)
            assumedWatts.append(column.channel.label);
    }
    sink()->setTiming(TimingKind::Points);
    sink()->metadata(QStringLiteral("time_column"), text(m_timeHeader));
    if (!assumedWatts.isEmpty())
        sink()->metadata(QStringLiteral("units"), QStringLiteral("%1: no unit in the name, read as W").arg(assumedWatts.join(QStringLiteral(", "))));
}

std::optional<double> CsvPowerParser::readClock(QByteArrayView value, qint64 lineNumber)
{
    if (m_clock == Clock::Unknown || m_clock == Clock::DateTime) {
        if (const std::optional<WallTime> wall = parseDateTime(value)) {
            if (m_clock == Clock::Unknown) {
                m_clock = Clock::DateTime;
                sink()->setClockAtZero(wall->toDateTime());
                sink()->metadata(QStringLiteral("clock"), wall->offsetS ? QStringLiteral("date and time with a UTC offset")
                                                                        : QStringLiteral("local time without a zone, as written"));
            }
            return wall->axisS();
        }
        if (m_clock == Clock::DateTime) {
            reportIssue(lineNumber, QStringLiteral("time %1 is not a date and time; row left out").arg(quoteInput(value)));
            return std::nullopt;
        }
    }
    const std::optional<double> number = parseNumber(value);
    if (!number || !std::isfinite(*number)) {
        reportIssue(lineNumber, QStringLiteral("time %1 is not a date, epoch seconds or elapsed seconds; row left out").arg(quoteInput(value)));
        return std::nullopt;
    }
    if (m_clock == Clock::Unknown) {
        const NumericClock numeric = numericClockOf(*number);
        if (m_timeElapsedByName || numeric == NumericClock::Elapsed) {
            m_clock = Clock::Elapsed;
            sink()->metadata(QStringLiteral("clock"), QStringLiteral("elapsed seconds; the wall-clock start is unknown"));
        } else {
            m_clock = numeric == NumericClock::EpochMilliseconds ? Clock::EpochMilliseconds : Clock::EpochSeconds;
            const double ms = m_clock == Clock::EpochMilliseconds ? *number : *number * 1000.0;
            sink()->setClockAtZero(QDateTime::fromMSecsSinceEpoch(qint64(std::llround(ms)), QTimeZone::utc()));
            sink()->metadata(QStringLiteral("clock"), m_clock == Clock::EpochMilliseconds ? QStringLiteral("Unix epoch milliseconds (UTC)")
                                                                                          : QStringLiteral("Unix epoch seconds (UTC)"));
        }
    }
    return m_clock == Clock::EpochMilliseconds ? *number / 1000.0 : *number;
}

void CsvPowerParser::parseRow(qint64 lineNumber)
{
    const QByteArrayView timeText = m_fields[size_t(m_timeField)];
    if (timeText == m_timeHeader)
        return; // the header again: files appended by several runs repeat it
    const std::optional<double> clockS = readClock(timeText, lineNumber);
    if (!clockS)
        return;
    m_sawData = true;
    m_values.assign(m_values.size(), kMissing);
    for (PowerColumn &power : m_power) {
        if (m_values.size() <= size_t(power.channel))
            m_values.resize(size_t(power.channel) + 1, kMissing);
        QByteArrayView value = m_fields[size_t(power.field)];
        if (isMissingText(value)) {
            if (power.missing++ == 0)
                power.firstMissingLine = lineNumber;
            continue;
        }
        if (value.endsWith(" W"))
            value.chop(2);
        const std::optional<double> number = parseNumber(value);
        if (!number) {
            reportIssue(lineNumber, QStringLiteral("%1 value %2 is not a number; left out").arg(inputExcerpt(power.label), quoteInput(value)));
            continue;
        }
        const double watts = *number * power.scale;
        if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
            reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(power.label, problem));
            continue;
        }
        m_values[size_t(power.channel)] = float(watts);
    }
    const WallClockAxis::Placed placed = m_axis.place(*clockS);
    if (placed.wentBackS > 0)
        reportIssue(lineNumber, QStringLiteral("the time goes back %1 s here (a daylight-saving change or a clock set "
                                               "back?); the time axis continues from the row before")
                                    .arg(placed.wentBackS, 0, 'f', 3));
    sink()->sample(placed.axisS, 0.0f, m_values, lineNumber);
}

void CsvPowerParser::endOfInput()
{
    if (m_failed || !m_haveHeader)
        return;
    for (const PowerColumn &power : m_power) {
        if (power.missing > 0)
            reportIssue(power.firstMissingLine, QStringLiteral("%1 is missing in %2 row(s), the first here; those readings are "
                                                               "left out, not counted as 0 W")
                                                    .arg(power.label)
                                                    .arg(power.missing));
    }
    if (!m_sawData)
        reportIssue(0, QStringLiteral("the CSV has a header but no data rows"));
}

} // namespace nightwatt
