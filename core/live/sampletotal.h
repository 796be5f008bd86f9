#pragma once

#include "trace/trace.h"

#include <optional>

namespace nightwatt {

// The run's total power at one sample, by the same rule as the energy figures: the sum of the
// component channels that have a value, or the reported total when the trace has no components.
// Null when the sample has neither.
std::optional<double> sampleTotalW(const Trace &trace, qsizetype index);

} // namespace nightwatt
