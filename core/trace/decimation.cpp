#include "trace/decimation.h"

#include "trace/trace.h"

#include <algorithm>

namespace nightwatt {

namespace {

// One pixel column's candidates, by index.
struct Bucket
{
    qsizetype first = -1, min = -1, max = -1, last = -1;

    void add(std::span<const float> values, qsizetype i)
    {
        if (first < 0) {
            first = min = max = last = i;
            return;
        }
        last = i;
        if (values[size_t(i)] < values[size_t(min)])
            min = i;
        if (values[size_t(i)] > values[size_t(max)])
            max = i;
    }

    void emit(std::vector<qsizetype> &out) const
    {
        if (first < 0)
            return;
        qsizetype picks[4] = {first, min, max, last};
        std::sort(std::begin(picks), std::end(picks));
        for (qsizetype p : picks) {
            if (out.empty() || out.back() != p)
                out.push_back(p);
        }
    }
};

} // namespace

std::vector<qsizetype> decimateMinMax(std::span<const float> values, qsizetype begin, qsizetype end, int columns,
                                      std::span<const double> xs)
{
    std::vector<qsizetype> out;
    begin = std::clamp<qsizetype>(begin, 0, qsizetype(values.size()));
    end = std::clamp<qsizetype>(end, begin, qsizetype(values.size()));
    const qsizetype count = end - begin;
    if (count == 0 || columns <= 0)
        return out;
    const bool byX = !xs.empty() && xs.size() == values.size();

    if (count <= qsizetype(columns) * 4) {
        out.reserve(size_t(count));
        for (qsizetype i = begin; i < end; ++i) {
            if (!isMissing(values[size_t(i)]))
                out.push_back(i);
        }
        return out;
    }

    out.reserve(size_t(columns) * 4);
    const double x0 = byX ? xs[size_t(begin)] : 0.0;
    const double span = byX ? xs[size_t(end - 1)] - x0 : 0.0;
    Bucket bucket;
    qsizetype current = 0;
    for (qsizetype i = begin; i < end; ++i) {
        qsizetype column;
        if (byX && span > 0)
            column = qsizetype((xs[size_t(i)] - x0) / span * columns);
        else
            column = (i - begin) * columns / count;
        column = std::clamp<qsizetype>(column, 0, columns - 1);
        if (column != current) {
            bucket.emit(out);
            bucket = {};
            current = column;
        }
        if (!isMissing(values[size_t(i)]))
            bucket.add(values, i);
    }
    bucket.emit(out);
    return out;
}

} // namespace nightwatt
