#include "prometheus/prometheusrangeplan.h"

#include <algorithm>

namespace nightwatt {

std::optional<PrometheusRangePlan> planPrometheusRange(qint64 fromMs, qint64 toMs, qint64 stepMs,
                                                       int maxPointsPerRequest, QString *error)
{
    const qint64 perRequest = std::clamp<qint64>(maxPointsPerRequest, 2, kPrometheusMaxPointsPerRequest);
    if (toMs <= fromMs) {
        *error = QStringLiteral("the range is empty: --to must be later than --from");
        return std::nullopt;
    }
    const qint64 spanMs = toMs - fromMs;
    if (stepMs <= 0) {
        const qint64 fitting = (spanMs + perRequest - 2) / (perRequest - 1);
        stepMs = std::max(kPrometheusMinAutoStepMs, (fitting + 999) / 1000 * 1000);
    }
    if (stepMs < 1) {
        *error = QStringLiteral("the step must be positive");
        return std::nullopt;
    }
    PrometheusRangePlan plan;
    plan.fromMs = fromMs;
    plan.stepMs = stepMs;
    plan.points = spanMs / stepMs + 1;
    if (plan.points < 2) {
        *error = QStringLiteral("the range is shorter than one step (%1 s)").arg(stepMs / 1000.0);
        return std::nullopt;
    }
    if (plan.points > kPrometheusMaxPointsPerSeries) {
        *error = QStringLiteral("a step of %1 s over this range makes %2 points per series (at most %3): give a larger --step")
                     .arg(stepMs / 1000.0).arg(plan.points).arg(kPrometheusMaxPointsPerSeries);
        return std::nullopt;
    }
    for (qint64 first = 0; first < plan.points; first += perRequest)
        plan.chunks.append({first, std::min(perRequest, plan.points - first)});
    return plan;
}

} // namespace nightwatt
