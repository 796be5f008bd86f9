#pragma once

#include <QString>

class QValueAxis;

namespace nightwatt {

struct AxisTicks
{
    double anchor = 0;
    double interval = 1;
    QString labelFormat; // printf style, as QValueAxis takes it
};

// Round tick steps (1, 2, 2.5, 5 × 10^n) giving about `wanted` ticks over [lo, hi], with just
// enough decimals in the labels to tell neighbouring ticks apart.
AxisTicks niceTicks(double lo, double hi, int wanted);

// Sets range and dynamic ticks without ever asking for thousands of ticks on the way.
void applyTicks(QValueAxis *axis, double lo, double hi, const AxisTicks &ticks);

} // namespace nightwatt
