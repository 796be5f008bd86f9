#pragma once

#include <QString>

namespace nightwatt {

// Numbers as the panels show them: the user's locale, a fixed number of decimals.
QString formatNumber(double value, int decimals);
// Figures set side by side (a table row, a bar chart): `digits` significant digits each, so 0.732
// stands beside 32.4 rather than 0.73221 beside 32.37.
QString formatSignificant(double value, int digits);
// A figure and its unit, "201.12 Wh"; a missing figure reads "—".
QString formatFigure(double value, int decimals, const QString &unit);
// "1 sample" / "709 samples": English plurals without a translation file.
QString countOf(qint64 count, const QString &one, const QString &many);
// "11 h 49 min" for 709 min; seconds for short spans.
QString formatDuration(double seconds);

} // namespace nightwatt
