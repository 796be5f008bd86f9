#include "formats/powervalue.h"

#include <charconv>
#include <cmath>

namespace nightwatt {

QString implausiblePowerReason(double watts)
{
    if (std::isnan(watts))
        return QStringLiteral("power is not a number");
    if (std::isinf(watts))
        return QStringLiteral("power is infinite");
    if (watts < 0)
        return QStringLiteral("power is negative (%1 W)").arg(watts);
    if (watts > kMaxPlausiblePowerW)
        return QStringLiteral("power of %1 W is not plausible").arg(watts, 0, 'g', 6);
    return {};
}

std::optional<double> parseNumber(QByteArrayView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (*begin == '+')
        ++begin;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace nightwatt
