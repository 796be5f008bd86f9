#pragma once

namespace nightwatt {

// Decimals that show `digits` significant digits of `value`: 3 gives 32.4, 0.732 and 0.000356,
// and no decimals from 1000 up (1,230 rather than 1.23e+03). Figures set side by side in a table
// or a bar chart then carry the same precision whatever their size. Zero, NaN and infinity get
// none.
int significantDecimals(double value, int digits);

} // namespace nightwatt
