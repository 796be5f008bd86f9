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

namespace {

// Clinger's fast path: up to 15 significant digits and 22 decimals are exact in a double, so one
// division by an exact power of ten gives the correctly rounded value. Log values ("6196",
// "72.45") almost always qualify, and this is many times faster than std::from_chars here.
std::optional<double> parseSimpleDecimal(const char *begin, const char *end)
{
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const bool negative = *begin == '-';
    if (negative)
        ++begin;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int decimals = 0;
    bool inFraction = false;
    for (const char *p = begin; p < end; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            if (++digits > 15)
                return std::nullopt;
            mantissa = mantissa * 10 + std::uint64_t(c - '0');
            decimals += inFraction;
        } else if (c == '.' && !inFraction) {
            inFraction = true;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0)
        return std::nullopt;
    const double value = double(mantissa) / kPowersOfTen[decimals];
    return negative ? -value : value;
}

} // namespace

std::optional<double> parseNumber(QByteArrayView text)
{
    // Most figures come without spaces around them: only call out when there are some.
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
    if (const auto simple = parseSimpleDecimal(begin, end))
        return simple;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace nightwatt
