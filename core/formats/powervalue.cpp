#include "formats/powervalue.h"

#include <charconv>
#include <cmath>
#include <cstdint>

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

std::optional<double> detail::parseNumberSlowly(QByteArrayView text)
{
    const auto isSpace = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }; // trimmed()'s set
    if (!text.isEmpty() && (isSpace(text.front()) || isSpace(text.back())))
        text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (*begin == '+')
        ++begin;
    if (begin == end)
        return std::nullopt;
    double value = 0;
    if (detail::parseSimpleDecimal(begin, end, value))
        return value;
    const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace nightwatt
