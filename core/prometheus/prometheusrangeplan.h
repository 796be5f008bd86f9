#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace nightwatt {

// Prometheus refuses a range query with more than 11,000 points per series (HTTP 400 bad_data).
inline constexpr int kPrometheusMaxPointsPerRequest = 11000;
// Beyond this a range is refused up front rather than fetched into memory.
inline constexpr qint64 kPrometheusMaxPointsPerSeries = 1000000;
// The automatic step is never finer than the usual scrape interval.
inline constexpr qint64 kPrometheusMinAutoStepMs = 15000;

// The evaluation grid of a range import, from + k * step for k in [0, points), cut into requests
// that each stay under the server's point limit. Every request evaluates on the same grid, so the
// result does not depend on how the range was cut.
struct PrometheusRangePlan
{
    struct Chunk
    {
        qint64 first = 0; // grid index of the chunk's first point
        qint64 count = 0;
    };
    qint64 fromMs = 0;
    qint64 stepMs = 0;
    qint64 points = 0;
    QList<Chunk> chunks;

    qint64 timeMs(qint64 index) const { return fromMs + index * stepMs; }
    qint64 lastMs() const { return timeMs(points - 1); }
};

// stepMs = 0 picks the smallest whole-second step (at least 15 s) that fits one request.
std::optional<PrometheusRangePlan> planPrometheusRange(qint64 fromMs, qint64 toMs, qint64 stepMs,
                                                       int maxPointsPerRequest, QString *error);

} // namespace nightwatt
