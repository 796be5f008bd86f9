#include "formats/tegrastatsparser.h"
#include "io/messagetext.h"

#include "formats/powervalue.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace nightwatt {

namespace {

constexpr int kDefaultIntervalMs = 1000; // tegrastats --interval

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int digitsAt(QByteArrayView text, qsizetype at, qsizetype count)
{
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        if (!isDigit(text[i]))
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// "MM-DD-YYYY HH:MM:SS " as civilSeconds(); `text` then starts after it.
std::optional<double> takeStamp(QByteArrayView &text)
{
    if (text.size() < 20 || text[2] != '-' || text[5] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
        || text[19] != ' ')
        return std::nullopt;
    const int month = digitsAt(text, 0, 2);
    const int day = digitsAt(text, 3, 2);
    const int year = digitsAt(text, 6, 4);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 60)
        return std::nullopt;
    text = text.sliced(20);
    return civilSeconds(year, month, day, hour, minute, second);
}

// The body of a tegrastats sample: memory first, then the CPU list (every board and version).
bool isSampleBody(QByteArrayView body)
{
    return body.startsWith("RAM ") && (body.contains("CPU [") || body.contains("cpu ["));
}

bool isInputRail(QByteArrayView name)
{
    return name == "VDD_IN" || name == "POM_5V_IN";
}

bool isRailName(QByteArrayView word)
{
    if (word.size() < 2 || word.front() < 'A' || word.front() > 'Z')
        return false;
    for (const char c : word) {
        if (!((c >= 'A' && c <= 'Z') || isDigit(c) || c == '_'))
            return false;
    }
    return true;
}

// "2798mW" or "920": digits, then the unit or nothing.
bool readMilliwatts(QByteArrayView text, double &value, bool &hasUnit)
{
    hasUnit = text.endsWith("mW");
    if (hasUnit)
        text.chop(2);
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isDigit(c))
            return false;
    }
    return parseNumber(text, value);
}

ChannelInfo railChannel(const QByteArray &rail, bool boardHasInputRail)
{
    const QString name = QString::fromLatin1(rail);
    if (isInputRail(rail))
        return {QStringLiteral("input"), QStringLiteral("Board input (%1, reported)").arg(name), ChannelRole::ReportedTotal};
    // Under an input rail every other rail is a part of it; without one the module rails add up.
    const ChannelRole role = boardHasInputRail ? ChannelRole::Auxiliary : ChannelRole::Component;
    const bool gpu = rail.contains("GPU");
    const bool cpu = rail.contains("CPU");
    if (gpu && !cpu)
        return {QStringLiteral("gpu"), QStringLiteral("GPU (%1)").arg(name), role};
    if (cpu && !gpu)
        return {QStringLiteral("cpu"), QStringLiteral("CPU (%1)").arg(name), role};
    return {name.toLower(), name, role};
}

} // namespace

int TegrastatsParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    // Junk may come first (a prompt, a `date` line): any sample line among the first ones will do.
    int lines = 0;
    while (!head.isEmpty() && lines++ < 64) {
        const qsizetype end = head.indexOf('\n');
        QByteArrayView line = end < 0 ? head : head.first(end);
        head = end < 0 ? QByteArrayView() : head.sliced(end + 1);
        line = line.trimmed();
        takeStamp(line);
        if (isSampleBody(line))
            return 90;
    }
    return 0;
}

bool TegrastatsParser::readRails(QByteArrayView text, std::vector<Rail> &rails) const
{
    rails.clear();
    QByteArrayView previous;
    while (!text.isEmpty()) {
        const qsizetype space = text.indexOf(' ');
        const QByteArrayView word = space < 0 ? text : text.first(space);
        text = space < 0 ? QByteArrayView() : text.sliced(space + 1);
        if (word.isEmpty())
            continue;
        const qsizetype slash = word.indexOf('/');
        if (slash > 0 && isRailName(previous)) {
            double current = 0;
            double average = 0;
            bool currentUnit = false;
            bool averageUnit = false;
            if (readMilliwatts(word.first(slash), current, currentUnit) && readMilliwatts(word.sliced(slash + 1), average, averageUnit))
                rails.push_back({QByteArray(previous.data(), previous.size()), current, currentUnit == averageUnit});
        }
        previous = word;
    }
    return !rails.empty();
}

int TegrastatsParser::channelFor(const QByteArray &rail)
{
    for (const KnownRail &known : m_rails) {
        if (known.name == rail)
            return known.channel;
    }
    ChannelInfo info = railChannel(rail, m_boardHasInputRail);
    for (const KnownRail &known : m_rails) {
        // Two GPU rails (or two CPU rails) on one board: the second keeps its own name.
        if (known.channel >= 0 && railChannel(known.name, m_boardHasInputRail).id == info.id)
            info = {QString::fromLatin1(rail).toLower(), QString::fromLatin1(rail), info.role};
    }
    const int channel = sink()->channel(info);
    m_rails.push_back({rail, channel});
    return channel;
}

void TegrastatsParser::noteDateLine(QByteArrayView line)
{
    // `date` output, "Thu Dec 17 18:16:50 UTC 2020", run just before an unstamped tegrastats.
    const QList<QByteArray> words = line.toByteArray().simplified().split(' ');
    if (words.size() != 5 && words.size() != 6)
        return;
    const QByteArray zone = words.size() == 6 ? words[4] : QByteArray();
    const QString text = QString::fromLatin1(words[0] + ' ' + words[1] + ' ' + words[2] + ' ' + words[3] + ' ' + words.back());
    QDateTime clock = QLocale::c().toDateTime(text, QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
    if (!clock.isValid())
        return;
    if (zone == "UTC" || zone == "GMT")
        clock = QDateTime(clock.date(), clock.time(), QTimeZone::utc());
    m_dateLine = clock;
}

double TegrastatsParser::placeSample(std::optional<double> stampS, qint64 lineNumber)
{
    double timeS = 0;
    const int intervalMs = options().intervalMs > 0 ? options().intervalMs : kDefaultIntervalMs;
    if (m_mode == Mode::Unknown) {
        m_mode = stampS ? Mode::Stamped : Mode::Unstamped;
        sink()->setTiming(TimingKind::Points);
        if (m_mode == Mode::Stamped) {
            sink()->setClockAtZero(WallTime{*stampS, std::nullopt}.toDateTime());
        } else {
            if (m_dateLine.isValid())
                sink()->setClockAtZero(m_dateLine);
            sink()->metadata(QStringLiteral("timing"),
                             QStringLiteral("tegrastats printed no timestamps: samples are taken %1 ms apart (tegrastats "
                                            "--interval; give --interval-ms if it ran with another)")
                                 .arg(intervalMs));
        }
    }
    if (m_mode == Mode::Unstamped) {
        if (stampS && !m_reportedIgnoredStamps) {
            m_reportedIgnoredStamps = true;
            reportIssue(lineNumber, QStringLiteral("timestamps start part-way through the log; they are ignored"));
        }
        return double(m_unstampedIndex++) * intervalMs / 1000.0;
    }
    if (!stampS) {
        // A line without its prefix in a stamped log: one interval after the line before.
        timeS = m_lastTimeS + intervalMs / 1000.0;
    } else if (m_lastStampS && *stampS == *m_lastStampS) {
        // The prefix has whole seconds: tegrastats --interval below 1000 prints several lines in one.
        if (options().intervalMs <= 0 && !m_reportedSameSecond) {
            m_reportedSameSecond = true;
            reportIssue(lineNumber, QStringLiteral("several samples carry the same second: they are placed %1 ms apart "
                                                   "(give --interval-ms with tegrastats' --interval)")
                                        .arg(intervalMs));
        }
        timeS = m_lastTimeS + intervalMs / 1000.0;
    } else {
        const WallClockAxis::Placed placed = m_axis.place(*stampS);
        if (placed.wentBackS > 0)
            reportIssue(lineNumber, QStringLiteral("the time goes back %1 s here (another run appended, or a clock set "
                                                   "back?); the time axis continues from the line before")
                                        .arg(placed.wentBackS, 0, 'f', 0));
        timeS = std::max(placed.axisS, m_lastTimeS);
    }
    if (stampS)
        m_lastStampS = stampS;
    m_lastTimeS = timeS;
    return timeS;
}

void TegrastatsParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    QByteArrayView body = line.trimmed();
    if (body.isEmpty())
        return;
    const std::optional<double> stampS = takeStamp(body);
    if (!isSampleBody(body)) {
        if (m_mode == Mode::Unknown)
            noteDateLine(body);
        return; // a prompt, `[sudo] password`, a `date` line: not a sample
    }
    if (!readRails(body, m_lineRails)) {
        if (!m_sawRails) {
            m_failed = true;
            reportFailure(lineNumber, QStringLiteral("tegrastats prints no power rails on this board or image (no "
                                                     "\"NAME cur/avg\" figures such as \"VDD_IN 5542mW/5542mW\"): there "
                                                     "is no power to read"));
            return;
        }
        reportIssue(lineNumber, QStringLiteral("sample has no power rails; left out"));
        return;
    }
    if (!m_sawRails) {
        m_sawRails = true;
        for (const Rail &rail : m_lineRails)
            m_boardHasInputRail = m_boardHasInputRail || isInputRail(rail.name);
        QStringList names;
        for (const Rail &rail : m_lineRails)
            names.append(QString::fromLatin1(rail.name));
        sink()->metadata(QStringLiteral("total"),
                         m_boardHasInputRail
                             ? QStringLiteral("the board input rail as tegrastats reports it; the other rails are parts of it")
                             : QStringLiteral("the sum of the module rails %1 (this board has no input rail)")
                                   .arg(names.join(QStringLiteral(" + "))));
    }
    m_lastRailCount = m_lineRails.size();

    std::fill(m_values.begin(), m_values.end(), kMissing);
    bool any = false;
    for (const Rail &rail : m_lineRails) {
        const double watts = rail.milliwatts / 1000.0;
        if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
            reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(inputExcerpt(QString::fromLatin1(rail.name)), problem));
            continue;
        }
        const int channel = channelFor(rail.name);
        if (size_t(channel) >= m_values.size())
            m_values.resize(size_t(channel) + 1, kMissing);
        m_values[size_t(channel)] = float(watts);
        any = true;
    }
    if (!any)
        return;
    const double timeS = placeSample(stampS, lineNumber);
    sink()->sample(timeS, 0.0f, m_values, lineNumber);
}

void TegrastatsParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // A log copied while tegrastats writes may end part-way through a line: trust it only when it
    // has every rail of the line before and its last figure is whole.
    QByteArrayView body = line.trimmed();
    takeStamp(body);
    if (isSampleBody(body) && m_sawRails
        && (!readRails(body, m_lineRails) || m_lineRails.size() != m_lastRailCount || !m_lineRails.back().complete)) {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    parseLine(line, lineNumber);
}

} // namespace nightwatt
