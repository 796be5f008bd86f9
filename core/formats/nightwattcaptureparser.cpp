#include "formats/nightwattcaptureparser.h"

#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <QList>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

constexpr QByteArrayView kMagic = "nightwatt-capture\t";

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

QList<QByteArrayView> splitFields(QByteArrayView line)
{
    QList<QByteArrayView> fields;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '\t') {
            fields.append(line.sliced(start, i - start));
            start = i + 1;
        }
    }
    return fields;
}

// Tabs and newlines in a label would break the record, so they become spaces.
QByteArray field(const QString &value)
{
    QString cleaned = value;
    cleaned.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
    return cleaned.toUtf8();
}

QByteArray roleName(ChannelRole role)
{
    switch (role) {
    case ChannelRole::Component:
        return "component";
    case ChannelRole::ReportedTotal:
        return "total";
    case ChannelRole::Auxiliary:
        return "auxiliary";
    }
    return "auxiliary";
}

} // namespace

int NightwattCaptureParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    return head.startsWith(kMagic) ? 100 : 0;
}

void NightwattCaptureParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (line.isEmpty() || line.front() == '#')
        return;
    const QList<QByteArrayView> fields = splitFields(line);
    const QByteArrayView keyword = fields.first();
    if (!m_sawMagic) {
        if (keyword != "nightwatt-capture") {
            reportIssue(lineNumber, QStringLiteral("not a nightwatt-capture log (first line is not \"nightwatt-capture\")"));
            return;
        }
        m_sawMagic = true;
        if (fields.size() < 2 || fields[1].trimmed() != "1")
            reportIssue(lineNumber, QStringLiteral("nightwatt-capture version is not 1; reading it as version 1"));
        return;
    }
    if (keyword == "sample") {
        parseSample(fields, lineNumber);
    } else if (keyword == "channel") {
        parseChannel(fields, lineNumber);
    } else if (keyword == "marker") {
        parseMarker(fields, lineNumber);
    } else if (keyword == "timing" && fields.size() >= 2) {
        const QByteArrayView kind = fields[1].trimmed();
        if (kind == "windowed")
            sink()->setTiming(TimingKind::Windowed);
        else if (kind == "points")
            sink()->setTiming(TimingKind::Points);
        else if (kind == "none")
            sink()->setTiming(TimingKind::None);
        else
            reportIssue(lineNumber, QStringLiteral("unknown timing %1; ignored").arg(quoteInput(kind)));
    } else if (keyword == "clock" && fields.size() >= 2) {
        const QDateTime clock = QDateTime::fromString(text(fields[1].trimmed()), Qt::ISODateWithMs);
        if (clock.isValid())
            sink()->setClockAtZero(clock);
        else
            reportIssue(lineNumber, QStringLiteral("clock %1 is not an ISO 8601 time; ignored").arg(quoteInput(fields[1])));
    } else if (keyword == "meta" && fields.size() >= 3) {
        sink()->metadata(text(fields[1]), text(fields[2]));
    } else if (!m_warnedUnknown) {
        // A newer writer may add records; say so once instead of once per line.
        m_warnedUnknown = true;
        reportIssue(lineNumber, QStringLiteral("unknown record %1; such lines are ignored").arg(quoteInput(keyword)));
    }
}

void NightwattCaptureParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // The writer may have been stopped mid-line: a sample is whole when it has a value (or "-")
    // for every declared channel, each a number; a marker's label may have been cut anywhere.
    // Other records are read as they are.
    const QList<QByteArrayView> fields = splitFields(line);
    if (m_sawMagic && fields.first() == "marker") {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    if (m_sawMagic && fields.first() == "sample") {
        const qsizetype valueCount = fields.size() - 3;
        const bool whole = valueCount == qsizetype(m_sinkIndex.size()) && std::all_of(fields.begin() + 3, fields.end(), [](QByteArrayView cell) {
            return cell == "-" || parseNumber(cell).has_value();
        });
        if (!whole) {
            reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
            return;
        }
    }
    parseLine(line, lineNumber);
}

void NightwattCaptureParser::parseChannel(const QList<QByteArrayView> &fields, qint64 lineNumber)
{
    if (fields.size() < 4 || fields[1].isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("channel record needs an id, a role and a label; ignored"));
        return;
    }
    ChannelInfo info;
    info.id = text(fields[1]);
    info.label = text(fields[3]);
    const QByteArrayView role = fields[2];
    if (role == "component") {
        info.role = ChannelRole::Component;
    } else if (role == "total") {
        info.role = ChannelRole::ReportedTotal;
    } else if (role == "auxiliary") {
        info.role = ChannelRole::Auxiliary;
    } else {
        reportIssue(lineNumber, QStringLiteral("channel %1 has unknown role %2; shown but not summed").arg(inputExcerpt(info.id), quoteInput(role)));
        info.role = ChannelRole::Auxiliary;
    }
    m_sinkIndex.push_back(sink()->channel(info));
}

void NightwattCaptureParser::parseSample(const QList<QByteArrayView> &fields, qint64 lineNumber)
{
    if (fields.size() < 3) {
        reportIssue(lineNumber, QStringLiteral("sample record without time and window; ignored"));
        return;
    }
    const std::optional<double> timeS = parseNumber(fields[1]);
    const std::optional<double> windowS = parseNumber(fields[2]);
    if (!timeS || !std::isfinite(*timeS) || !windowS || !(*windowS >= 0)) {
        reportIssue(lineNumber, QStringLiteral("sample time or window is not a valid number; sample skipped"));
        return;
    }
    const qsizetype valueCount = fields.size() - 3;
    if (valueCount > qsizetype(m_sinkIndex.size()))
        reportIssue(lineNumber, QStringLiteral("sample has %1 values but only %2 channels are declared; extra values ignored")
                                    .arg(valueCount).arg(m_sinkIndex.size()));
    std::fill(m_values.begin(), m_values.end(), kMissing);
    bool any = false;
    for (qsizetype i = 0; i < std::min<qsizetype>(valueCount, qsizetype(m_sinkIndex.size())); ++i) {
        const QByteArrayView cell = fields[3 + i].trimmed();
        if (cell.isEmpty() || cell == "-")
            continue;
        const std::optional<double> watts = parseNumber(cell);
        if (!watts) {
            reportIssue(lineNumber, QStringLiteral("value %1 is not a number; left out").arg(quoteInput(cell)));
            continue;
        }
        if (const QString problem = implausiblePowerReason(*watts); !problem.isEmpty()) {
            reportIssue(lineNumber, problem + QStringLiteral("; left out"));
            continue;
        }
        const size_t index = size_t(m_sinkIndex[size_t(i)]);
        if (index >= m_values.size())
            m_values.resize(index + 1, kMissing);
        m_values[index] = float(*watts);
        any = true;
    }
    if (any)
        sink()->sample(*timeS, float(*windowS), m_values, lineNumber);
}

void NightwattCaptureParser::parseMarker(const QList<QByteArrayView> &fields, qint64 lineNumber)
{
    if (fields.size() < 5) {
        reportIssue(lineNumber, QStringLiteral("marker record needs a kind, a start, an end (or \"-\") and a label; ignored"));
        return;
    }
    Marker marker;
    const QString kind = text(fields[1].trimmed());
    if (const std::optional<MarkerKind> known = markerKindFromId(kind)) {
        marker.kind = *known;
    } else {
        reportIssue(lineNumber, QStringLiteral("marker of unknown kind %1; kept as a plain marker").arg(quoteInput(fields[1])));
    }
    const std::optional<double> startS = parseNumber(fields[2].trimmed());
    const QByteArrayView endText = fields[3].trimmed();
    const std::optional<double> endS = endText == "-" ? std::optional<double>() : parseNumber(endText);
    if (!startS || !std::isfinite(*startS) || (endText != "-" && (!endS || !std::isfinite(*endS)))) {
        reportIssue(lineNumber, QStringLiteral("marker start or end is not a valid number; ignored"));
        return;
    }
    if (endS && *endS < *startS) {
        reportIssue(lineNumber, QStringLiteral("marker ends before it starts; ignored"));
        return;
    }
    marker.startS = *startS;
    marker.endS = endS;
    // A label is the rest of the line: the writer turns its tabs into spaces, a hand may not.
    QByteArray label;
    for (qsizetype i = 4; i < fields.size(); ++i) {
        if (i > 4)
            label += ' ';
        label += fields[i];
    }
    marker.label = QString::fromUtf8(label);
    sink()->marker(marker);
}

namespace NightwattCaptureWriter {

QByteArray header()
{
    return QByteArray(kMagic.data(), kMagic.size()) + "1\n";
}

QByteArray clock(const QDateTime &clockAtZero)
{
    return "clock\t" + clockAtZero.toUTC().toString(Qt::ISODateWithMs).toUtf8() + '\n';
}

QByteArray timing(TimingKind kind)
{
    switch (kind) {
    case TimingKind::Windowed:
        return "timing\twindowed\n";
    case TimingKind::Points:
        return "timing\tpoints\n";
    case TimingKind::None:
        return "timing\tnone\n";
    }
    return "timing\tnone\n";
}

QByteArray meta(const QString &key, const QString &value)
{
    return "meta\t" + field(key) + '\t' + field(value) + '\n';
}

QByteArray channel(const ChannelInfo &info)
{
    return "channel\t" + field(info.id) + '\t' + roleName(info.role) + '\t' + field(info.label) + '\n';
}

QByteArray sample(double timeS, double windowS, std::span<const float> values)
{
    QByteArray line = "sample\t" + QByteArray::number(timeS, 'f', 6) + '\t' + QByteArray::number(windowS, 'f', 6);
    for (float value : values) {
        line += '\t';
        line += isMissing(value) ? QByteArray("-") : QByteArray::number(double(value), 'g', 9);
    }
    line += '\n';
    return line;
}

QByteArray marker(const Marker &marker)
{
    // The shortest text that reads back as the same double: a stored run and its file agree.
    auto seconds = [](double s) { return QByteArray::number(s, 'g', QLocale::FloatingPointShortest); };
    return "marker\t" + markerKindId(marker.kind).toUtf8() + '\t' + seconds(marker.startS) + '\t'
        + (marker.endS ? seconds(*marker.endS) : QByteArray("-")) + '\t' + field(marker.label) + '\n';
}

} // namespace NightwattCaptureWriter

} // namespace nightwatt
