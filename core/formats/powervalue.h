#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace nightwatt {

// Highest power any single log line may claim: a full 8-GPU server draws about 10 kW, so 1 MW
// means a corrupted or mis-scaled field, not a measurement.
inline constexpr double kMaxPlausiblePowerW = 1.0e6;

// Why a parsed power figure is refused, or an empty string when it is plausible.
QString implausiblePowerReason(double watts);

namespace detail {

// Clinger's fast path: up to 15 significant digits and 22 decimals are exact in a double, so one
// division by an exact power of ten gives the correctly rounded value. Log values ("6196",
// "72.45") almost always qualify, and this is many times faster than std::from_chars. Inline:
// readers call it for every figure of files of millions of lines.
inline bool parseSimpleDecimal(const char *begin, const char *end, double &value)
{
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const bool negative = begin < end && *begin == '-';
    if (negative)
        ++begin;
    quint64 mantissa = 0;
    int digits = 0;
    int decimals = 0;
    bool inFraction = false;
    for (const char *p = begin; p < end; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            if (++digits > 15)
                return false;
            mantissa = mantissa * 10 + quint64(c - '0');
            decimals += inFraction;
        } else if (c == '.' && !inFraction) {
            inFraction = true;
        } else {
            return false;
        }
    }
    if (digits == 0)
        return false;
    // The mantissa has at most 15 digits: a signed conversion is exact and cheaper.
    const double whole = double(qint64(mantissa));
    const double magnitude = decimals == 0 ? whole : whole / kPowersOfTen[decimals];
    value = negative ? -magnitude : magnitude;
    return true;
}

// Everything else: spaces around the number, a '+', exponents, long mantissas.
std::optional<double> parseNumberSlowly(QByteArrayView text);

} // namespace detail

// Parses a plain decimal number (optional sign, fraction, exponent) that fills the whole view
// after trimming spaces. No locale: logs are written in the C locale unless a format says not.
// This form leaves `value` alone and returns false when the text is not a number; readers of big
// files use it, as an optional's trip through the stack costs more than the parsing.
inline bool parseNumber(QByteArrayView text, double &value)
{
    if (text.isEmpty())
        return false;
    const char first = text.front();
    const char last = text.back();
    // Most figures come bare: spaces, '+' and exponents go the long way.
    if (first != ' ' && first != '+' && (first < '\t' || first > '\r') && last >= '0' && last <= '9'
        && detail::parseSimpleDecimal(text.data(), text.data() + text.size(), value))
        return true;
    const std::optional<double> parsed = detail::parseNumberSlowly(text);
    if (parsed)
        value = *parsed;
    return parsed.has_value();
}

inline std::optional<double> parseNumber(QByteArrayView text)
{
    double value;
    if (parseNumber(text, value))
        return value;
    return std::nullopt;
}

} // namespace nightwatt
