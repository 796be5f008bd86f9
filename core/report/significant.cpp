#include "report/significant.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {
constexpr int kMostDecimals = 9; // below a billionth the figure is noise, not a measurement
}

int significantDecimals(double value, int digits)
{
    if (!std::isfinite(value) || value == 0)
        return 0;
    const int magnitude = int(std::floor(std::log10(std::abs(value))));
    int decimals = std::clamp(digits - 1 - magnitude, 0, kMostDecimals);
    // Rounding can carry into the next digit (0.9996 to 3 digits is 1.00, not 1.000).
    const double scale = std::pow(10.0, decimals);
    if (decimals > 0 && std::abs(std::round(value * scale) / scale) >= std::pow(10.0, magnitude + 1))
        --decimals;
    return decimals;
}

} // namespace nightwatt
