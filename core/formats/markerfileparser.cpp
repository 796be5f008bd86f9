#include "formats/markerfileparser.h"

#include "formats/csvcolumns.h"
#include "formats/powervalue.h"
#include "formats/wallclock.h"

#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

enum class MarkerEvent { Start, Stop, Mark };

std::optional<MarkerEvent> markerEvent(QByteArrayView name)
{
    if (name.compare("start", Qt::CaseInsensitive) == 0)
        return MarkerEvent::Start;
    if (name.compare("stop", Qt::CaseInsensitive) == 0)
        return MarkerEvent::Stop;
    if (name.compare("mark", Qt::CaseInsensitive) == 0)
        return MarkerEvent::Mark;
    return std::nullopt;
}

struct MarkerColumns
{
    int time = -1, event = -1, label = -1;
    bool complete() const { return time >= 0 && event >= 0 && label >= 0; }
};

MarkerColumns markerColumns(const std::vector<QByteArrayView> &header)
{
    MarkerColumns columns;
    for (int i = 0; i < int(header.size()); ++i) {
        const QByteArrayView name = header[size_t(i)];
        if (name.compare("time", Qt::CaseInsensitive) == 0)
            columns.time = i;
        else if (name.compare("event", Qt::CaseInsensitive) == 0)
            columns.event = i;
        else if (name.compare("label", Qt::CaseInsensitive) == 0)
            columns.label = i;
    }
    return columns;
}

} // namespace

MarkerAxis MarkerAxis::of(const Trace &trace)
{
    MarkerAxis axis;
    axis.clockAtZero = trace.clockAtZero();
    if (!trace.isEmpty()) {
        axis.firstSampleS = trace.startS();
        axis.lastSampleS = trace.endS();
    }
    return axis;
}

MarkerKind markerKindOfLabel(const QString &label)
{
    const QString word = label.section(u' ', 0, 0, QString::SectionSkipEmpty).toLower();
    if (word.startsWith(QLatin1String("eval")))
        return MarkerKind::Eval;
    if (word.startsWith(QLatin1String("init")))
        return MarkerKind::Init;
    return markerKindFromId(word).value_or(MarkerKind::Marker);
}

QString describeSpan(double seconds)
{
    const qint64 whole = qint64(std::llround(std::abs(seconds)));
    const qint64 days = whole / 86400, hours = whole % 86400 / 3600, minutes = whole % 3600 / 60, rest = whole % 60;
    if (days > 0)
        return QStringLiteral("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        return QStringLiteral("%1 min %2 s").arg(minutes).arg(rest);
    return QStringLiteral("%1 s").arg(rest);
}

void MarkerFileParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    line = line.trimmed();
    if (line.isEmpty())
        return;
    splitCsvLine(line, ',', m_fields);
    if (!m_haveHeader) {
        m_haveHeader = readHeader(lineNumber);
        m_failed = !m_haveHeader;
        return;
    }
    parseRow(lineNumber);
}

void MarkerFileParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // A script writing its markers may be caught mid-line: keep the last line only when whole.
    if (m_haveHeader && !m_failed && !line.trimmed().isEmpty()) {
        splitCsvLine(line.trimmed(), ',', m_fields);
        const int needed = std::max({m_timeField, m_eventField, m_labelField}) + 1;
        if (int(m_fields.size()) < needed || !markerEvent(m_fields[size_t(m_eventField)])) {
            reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); left out"));
            return;
        }
    }
    parseLine(line, lineNumber);
}

bool MarkerFileParser::readHeader(qint64 lineNumber)
{
    const MarkerColumns columns = markerColumns(m_fields);
    if (!columns.complete()) {
        reportFailure(lineNumber, QStringLiteral("not a marker file: the first line must be the header time,event,label"));
        return false;
    }
    m_timeField = columns.time;
    m_eventField = columns.event;
    m_labelField = columns.label;
    return true;
}

bool MarkerFileParser::isMarkerFile(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    const qsizetype end = head.indexOf('\n');
    const QByteArrayView line = (end < 0 ? head : head.first(end)).trimmed();
    std::vector<QByteArrayView> fields;
    splitCsvLine(line, ',', fields);
    return markerColumns(fields).complete();
}

std::optional<double> MarkerFileParser::placeTime(QByteArrayView value, qint64 lineNumber)
{
    QDateTime clock;
    if (const std::optional<WallTime> wall = parseDateTime(value)) {
        clock = wall->toDateTime();
    } else if (const std::optional<double> number = parseNumber(value); number && std::isfinite(*number)) {
        switch (numericClockOf(*number)) {
        case NumericClock::Elapsed:
            return m_axis.firstSampleS + *number;
        case NumericClock::EpochSeconds:
            clock = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(*number * 1000.0)), QTimeZone::utc());
            break;
        case NumericClock::EpochMilliseconds:
            clock = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(*number)), QTimeZone::utc());
            break;
        }
    } else {
        reportIssue(lineNumber, QStringLiteral("time \"%1\" is not a date, epoch seconds or elapsed seconds; line left out").arg(text(value)));
        return std::nullopt;
    }
    if (!m_axis.clockAtZero.isValid()) {
        reportIssue(lineNumber, QStringLiteral("time \"%1\" is a clock time, but the log has no wall clock to place it on "
                                               "(write elapsed seconds instead); line left out")
                                    .arg(text(value)));
        return std::nullopt;
    }
    return double(m_axis.clockAtZero.msecsTo(clock)) / 1000.0;
}

void MarkerFileParser::parseRow(qint64 lineNumber)
{
    if (int(m_fields.size()) <= std::max({m_timeField, m_eventField, m_labelField})) {
        reportIssue(lineNumber, QStringLiteral("expected time,event,label; line left out"));
        return;
    }
    const QByteArrayView timeText = m_fields[size_t(m_timeField)];
    const QByteArrayView eventText = m_fields[size_t(m_eventField)];
    if (timeText.compare("time", Qt::CaseInsensitive) == 0 && eventText.compare("event", Qt::CaseInsensitive) == 0)
        return; // the header again: a script that reopens its file writes it once more
    const std::optional<MarkerEvent> event = markerEvent(eventText);
    if (!event) {
        reportIssue(lineNumber, QStringLiteral("event \"%1\" is not start, stop or mark; line left out").arg(text(eventText)));
        return;
    }
    const std::optional<double> timeS = placeTime(timeText, lineNumber);
    if (!timeS)
        return;
    const QString label = text(m_fields[size_t(m_labelField)]);
    switch (*event) {
    case MarkerEvent::Mark:
        report({markerKindOfLabel(label), label, *timeS, std::nullopt});
        break;
    case MarkerEvent::Start:
        if (const auto open = m_open.constFind(label); open != m_open.constEnd()) {
            if (*timeS < open->startS) {
                // The clock went back: the earlier start cannot end here.
                reportIssue(lineNumber, QStringLiteral("\"%1\" starts again %2 before its earlier start (line %3); the earlier one is left out")
                                            .arg(label, describeSpan(open->startS - *timeS))
                                            .arg(open->line));
            } else {
                reportIssue(lineNumber, QStringLiteral("\"%1\" starts again before its stop (line %2); the earlier one ends here")
                                            .arg(label)
                                            .arg(open->line));
                report({markerKindOfLabel(label), label, open->startS, *timeS});
            }
        }
        m_open.insert(label, {*timeS, lineNumber});
        if (m_reportsOpenPhases)
            report({markerKindOfLabel(label), label, *timeS, std::nullopt, true});
        break;
    case MarkerEvent::Stop: {
        const auto open = m_open.constFind(label);
        if (open == m_open.constEnd()) {
            reportIssue(lineNumber, QStringLiteral("stop of \"%1\" without a start; line left out").arg(label));
            return;
        }
        if (*timeS < open->startS) {
            reportIssue(lineNumber, QStringLiteral("stop of \"%1\" is %2 before its start (line %3); both left out")
                                        .arg(label, describeSpan(open->startS - *timeS))
                                        .arg(open->line));
        } else {
            report({markerKindOfLabel(label), label, open->startS, *timeS});
        }
        m_open.erase(open);
        break;
    }
    }
}

void MarkerFileParser::report(const Marker &marker)
{
    const double endS = marker.endS.value_or(marker.startS);
    m_earliestS = std::min(m_earliestS.value_or(marker.startS), marker.startS);
    m_latestS = std::max(m_latestS.value_or(endS), endS);
    sink()->marker(marker);
}

void MarkerFileParser::endOfInput()
{
    // In order of start, so the closed phases come out as a script would have written them.
    QList<std::pair<QString, OpenPhase>> unclosed;
    for (auto it = m_open.constBegin(); it != m_open.constEnd(); ++it)
        unclosed.append({it.key(), it.value()});
    std::sort(unclosed.begin(), unclosed.end(), [](const auto &a, const auto &b) { return a.second.line < b.second.line; });
    for (const auto &[label, open] : std::as_const(unclosed)) {
        const double endS = std::max(open.startS, m_axis.lastSampleS);
        reportIssue(open.line, QStringLiteral("\"%1\" has no stop; closed at the log's end").arg(label));
        report({markerKindOfLabel(label), label, open.startS, endS});
    }
    m_open.clear();
    checkClocks();
}

void MarkerFileParser::checkClocks()
{
    if (!m_earliestS || m_axis.lastSampleS <= m_axis.firstSampleS)
        return;
    // Markers wholly outside the log were written on another clock (UTC against local time, another
    // day's file): their phases would hold none of the log's samples. Say by how much.
    if (*m_earliestS > m_axis.lastSampleS) {
        reportIssue(0, QStringLiteral("the markers lie %1 after the log's end (they begin %2 after its start): another clock or time zone?")
                           .arg(describeSpan(*m_earliestS - m_axis.lastSampleS), describeSpan(*m_earliestS - m_axis.firstSampleS)));
    } else if (*m_latestS < m_axis.firstSampleS) {
        reportIssue(0, QStringLiteral("the markers lie %1 before the log's start (they begin %2 before it): another clock or time zone?")
                           .arg(describeSpan(m_axis.firstSampleS - *m_latestS), describeSpan(m_axis.firstSampleS - *m_earliestS)));
    }
}

} // namespace nightwatt
