#include "charts/axisticks.h"

#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace nightwatt {

AxisTicks niceTicks(double lo, double hi, int wanted)
{
    AxisTicks ticks;
    const double span = hi - lo;
    if (!(span > 0) || !std::isfinite(span)) {
        ticks.labelFormat = QStringLiteral("%.0f");
        return ticks;
    }
    const double raw = span / std::max(1, wanted);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    ticks.interval = step;
    ticks.anchor = std::ceil(lo / step) * step;
    const int decimals = std::clamp(int(std::ceil(-std::log10(step) - 1e-9)) + (step / std::pow(10.0, std::floor(std::log10(step))) == 2.5 ? 1 : 0), 0, 6);
    ticks.labelFormat = QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
    return ticks;
}

// Dynamic ticks are laid out whenever the range or the interval changes: going from a wide range
// to a narrow one (or back) in either order would briefly ask for a tick every few units over the
// old range. One tick over both ranges in between keeps every step cheap.
void applyTicks(QValueAxis *axis, double lo, double hi, const AxisTicks &ticks)
{
    // Each setter lays the axis out again; a live chart asks for the same axis many times.
    if (axis->min() == lo && axis->max() == hi && axis->tickAnchor() == ticks.anchor && axis->tickInterval() == ticks.interval
        && axis->labelFormat() == ticks.labelFormat)
        return;
    axis->setTickInterval(std::max({hi - lo, axis->max() - axis->min(), ticks.interval}));
    axis->setRange(lo, hi);
    axis->setTickAnchor(ticks.anchor);
    axis->setTickInterval(ticks.interval);
    axis->setLabelFormat(ticks.labelFormat);
}

} // namespace nightwatt
