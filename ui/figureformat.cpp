#include "figureformat.h"

#include "report/significant.h"

#include <QLocale>

#include <cmath>

namespace nightwatt {

QString formatNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return QLocale().toString(value, 'f', decimals);
}

QString formatSignificant(double value, int digits)
{
    return formatNumber(value, significantDecimals(value, digits));
}

QString formatFigure(double value, int decimals, const QString &unit)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return formatNumber(value, decimals) + QChar(0x202F) + unit;
}

QString countOf(qint64 count, const QString &one, const QString &many)
{
    return QLocale().toString(count) + u' ' + (count == 1 ? one : many);
}

QString formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("—");
    if (seconds < 120)
        return formatFigure(seconds, seconds < 10 ? 2 : 1, QStringLiteral("s"));
    const auto totalMinutes = qint64(std::llround(seconds / 60.0));
    if (totalMinutes < 60)
        return formatFigure(seconds / 60.0, 1, QStringLiteral("min"));
    const qint64 hours = totalMinutes / 60;
    const qint64 minutes = totalMinutes % 60;
    return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes);
}

} // namespace nightwatt
