#include "formats/wallclock.h"

#include "formats/timeoutlier.h"

#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <utility>

namespace nightwatt {

namespace {

// Reads exactly `count` digits at `pos`; -1 when any is not a digit or the text is too short.
int digits(QByteArrayView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool validDate(int year, int month, int day)
{
    return year >= 1970 && year < 3000 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// ".fff" after the seconds: returns the fraction and advances `pos`.
double fraction(QByteArrayView text, qsizetype &pos)
{
    if (pos >= text.size() || (text[pos] != '.' && text[pos] != ','))
        return 0;
    double value = 0, scale = 0.1;
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
    }
    return value;
}

} // namespace

double civilSeconds(int year, int month, int day, int hour, int minute, double second)
{
    // Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    const double days = double(era) * 146097 + dayOfEra - 719468;
    return days * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
}

QDateTime WallTime::toDateTime() const
{
    const auto msecs = qint64(std::llround(naiveS * 1000.0));
    const QDateTime utcDigits = QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc());
    if (offsetS) {
        QDateTime clock = QDateTime::fromMSecsSinceEpoch(msecs - qint64(*offsetS) * 1000, QTimeZone::utc());
        return clock.toTimeZone(QTimeZone(*offsetS));
    }
    return QDateTime(utcDigits.date(), utcDigits.time()); // Qt::LocalTime: the digits as printed
}

std::optional<WallTime> parseDateTime(QByteArrayView text)
{
    text = text.trimmed();
    const int year = digits(text, 0, 4);
    if (year < 0 || text.size() < 16)
        return std::nullopt;
    const char dateSep = text[4];
    if ((dateSep != '-' && dateSep != '/') || text[7] != dateSep)
        return std::nullopt;
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    if (!validDate(year, month, day) || (text[10] != 'T' && text[10] != ' '))
        return std::nullopt;
    const int hour = digits(text, 11, 2);
    const int minute = digits(text, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text[13] != ':')
        return std::nullopt;
    qsizetype pos = 16;
    double second = 0;
    if (pos < text.size() && text[pos] == ':') {
        const int whole = digits(text, pos + 1, 2);
        if (whole < 0 || whole > 60)
            return std::nullopt;
        pos += 3;
        second = whole + fraction(text, pos);
    }
    WallTime result;
    result.naiveS = civilSeconds(year, month, day, hour, minute, second);
    if (pos == text.size())
        return result;
    QByteArrayView zone = text.sliced(pos).trimmed();
    if (zone == "Z" || zone == "UTC") {
        result.offsetS = 0;
        return result;
    }
    if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-'))
        return std::nullopt;
    const int zoneHours = digits(zone, 1, 2);
    int zoneMinutes = 0;
    if (zone.size() == 6 && zone[3] == ':')
        zoneMinutes = digits(zone, 4, 2);
    else if (zone.size() == 5)
        zoneMinutes = digits(zone, 3, 2);
    else if (zone.size() != 3)
        return std::nullopt;
    if (zoneHours < 0 || zoneHours > 18 || zoneMinutes < 0 || zoneMinutes > 59)
        return std::nullopt;
    result.offsetS = (zone[0] == '-' ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60);
    return result;
}

std::optional<int> parseTimeOfDay(QByteArrayView text)
{
    text = text.trimmed();
    if (text.size() != 8 || text[2] != ':' || text[5] != ':')
        return std::nullopt;
    const int hour = digits(text, 0, 2), minute = digits(text, 3, 2), second = digits(text, 6, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::nullopt;
    return hour * 3600 + minute * 60 + second;
}

std::optional<double> parseCompactDate(QByteArrayView text)
{
    text = text.trimmed();
    if (text.size() != 8)
        return std::nullopt;
    const int year = digits(text, 0, 4), month = digits(text, 4, 2), day = digits(text, 6, 2);
    if (!validDate(year, month, day))
        return std::nullopt;
    return civilSeconds(year, month, day, 0, 0, 0);
}

std::optional<double> parseCtime(QByteArrayView text)
{
    static constexpr QByteArrayView kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr QByteArrayView kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Five words split on runs of spaces: weekday, month, day, time, year.
    QByteArrayView words[5];
    int count = 0;
    for (qsizetype i = 0; i < text.size();) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t')
            ++i;
        if (i == start)
            continue;
        if (count == 5)
            return std::nullopt;
        words[count++] = text.sliced(start, i - start);
    }
    if (count != 5 || std::find(std::begin(kDays), std::end(kDays), words[0]) == std::end(kDays))
        return std::nullopt;
    const auto month = std::find(std::begin(kMonths), std::end(kMonths), words[1]);
    const int day = words[2].size() <= 2 ? digits(words[2], 0, int(words[2].size())) : -1;
    const int year = words[4].size() == 4 ? digits(words[4], 0, 4) : -1;
    const std::optional<int> time = parseTimeOfDay(words[3]);
    if (month == std::end(kMonths) || !time || !validDate(year, int(month - std::begin(kMonths)) + 1, day))
        return std::nullopt;
    return civilSeconds(year, int(month - std::begin(kMonths)) + 1, day, 0, 0, *time);
}

WallClockAxis::Placed WallClockAxis::place(double clockS)
{
    if (!m_started) {
        m_started = true;
        m_offsetS = -clockS;
        m_lastAxisS = 0;
        return {};
    }
    double carriedBackS = 0;
    if (const std::optional<double> candidate = std::exchange(m_candidateClockS, std::nullopt)) {
        // The reading after a far one decides: back among the earlier ones, the far one was a
        // garbled clock and is forgotten; near the far one, the clock really moved.
        if (!isIsolatedTimeOutlier(m_lastAxisS, *candidate + m_offsetS, clockS + m_offsetS))
            carriedBackS = commit(*candidate).wentBackS;
    }
    if (isFarTimeJump(m_lastAxisS, clockS + m_offsetS)) {
        m_candidateClockS = clockS;
        return {clockS + m_offsetS, 0};
    }
    Placed placed = commit(clockS);
    placed.wentBackS += carriedBackS;
    return placed;
}

WallClockAxis::Placed WallClockAxis::commit(double clockS)
{
    Placed placed;
    placed.axisS = clockS + m_offsetS;
    if (placed.axisS < m_lastAxisS) {
        placed.wentBackS = m_lastAxisS - placed.axisS;
        placed.axisS = m_lastAxisS + m_lastStepS;
        m_offsetS = placed.axisS - clockS;
    }
    if (placed.axisS > m_lastAxisS)
        m_lastStepS = placed.axisS - m_lastAxisS;
    m_lastAxisS = placed.axisS;
    return placed;
}

NumericClock numericClockOf(double number)
{
    if (number < 1e8)
        return NumericClock::Elapsed;
    return number >= 1e11 ? NumericClock::EpochMilliseconds : NumericClock::EpochSeconds;
}

} // namespace nightwatt
