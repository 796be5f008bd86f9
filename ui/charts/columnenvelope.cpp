#include "charts/columnenvelope.h"

#include "trace/minmaxpyramid.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

qsizetype ChannelEnvelope::pointCount() const
{
    qsizetype n = qsizetype(points.size());
    for (const EnvelopeColumn &column : columns)
        n += column.isEmpty() ? 0 : 2;
    return n;
}

ChannelEnvelope columnEnvelope(std::span<const float> values, std::span<const double> xs, const MinMaxPyramid &pyramid,
                               const EnvelopeRequest &request)
{
    ChannelEnvelope out;
    const qsizetype size = qsizetype(values.size());
    const qsizetype first = std::clamp<qsizetype>(request.first, 0, size);
    const qsizetype last = std::clamp<qsizetype>(request.last, first, size);
    const auto position = [&](qsizetype i) { return xs.empty() ? double(i) : xs[size_t(i)]; };
    const auto point = [&](qsizetype i) { return QPointF(position(i), double(values[size_t(i)])); };

    const int columns = std::max(1, request.columns);
    if (last - first <= request.rawUpTo || !(request.right > request.left)) {
        out.points.reserve(size_t(last - first));
        for (qsizetype i = first; i < last; ++i) {
            if (!std::isnan(values[size_t(i)]))
                out.points.push_back(point(i));
        }
        return out;
    }

    // The first sample at or after position x, within [first, last).
    const auto lowerBound = [&](double x) -> qsizetype {
        if (xs.empty())
            return std::clamp<qsizetype>(qsizetype(std::ceil(x)), first, last);
        return qsizetype(std::lower_bound(xs.begin() + first, xs.begin() + last, x) - xs.begin());
    };
    const auto upperBound = [&](double x) -> qsizetype {
        if (xs.empty())
            return std::clamp<qsizetype>(qsizetype(std::floor(x)) + 1, first, last);
        return qsizetype(std::upper_bound(xs.begin() + first, xs.begin() + last, x) - xs.begin());
    };

    out.dense = true;
    out.columns.resize(size_t(columns));
    const double width = (request.right - request.left) / columns;
    const qsizetype begin = lowerBound(request.left);
    const qsizetype end = upperBound(request.right);
    qsizetype lo = begin;
    for (int c = 0; c < columns; ++c) {
        const qsizetype hi = c + 1 == columns ? end : std::max(lo, lowerBound(request.left + (c + 1) * width));
        if (hi > lo) {
            const MinMaxPyramid::Bounds bounds = pyramid.bounds(values, lo, hi);
            if (!bounds.isEmpty()) {
                EnvelopeColumn &column = out.columns[size_t(c)];
                column.min = bounds.min;
                column.max = bounds.max;
                column.first = bounds.first;
                column.last = bounds.last;
            }
        }
        lo = hi;
    }
    for (qsizetype i = begin - 1; i >= first; --i) {
        if (!std::isnan(values[size_t(i)])) {
            out.points.push_back(point(i));
            break;
        }
    }
    for (qsizetype i = end; i < last; ++i) {
        if (!std::isnan(values[size_t(i)])) {
            out.points.push_back(point(i));
            break;
        }
    }
    return out;
}

} // namespace nightwatt
