#pragma once

#include <cmath>

namespace nightwatt {

// One reading far from the one before it may be a real pause or a new run appended to the log, or
// a garbled clock (a 0, a 1e300). Such a reading is only believed once the reading after it
// agrees; until then nothing that later readings are placed against may move because of it.
constexpr double kFarTimeJumpS = 3600.0;

// NaN counts as far: a clock that cannot be compared is not a clock to place readings against.
inline bool isFarTimeJump(double fromS, double toS)
{
    return !(std::abs(toS - fromS) <= kFarTimeJumpS);
}

// `candidateS` came between `beforeS` and `afterS`, which agree with each other while it is far
// from both (more than ten times their distance): a lone bad clock, not a pause or a new run.
inline bool isIsolatedTimeOutlier(double beforeS, double candidateS, double afterS)
{
    const double limit = 10.0 * std::abs(afterS - beforeS);
    return !(std::abs(candidateS - beforeS) <= limit) && !(std::abs(candidateS - afterS) <= limit);
}

} // namespace nightwatt
