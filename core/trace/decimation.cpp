#include "trace/decimation.h"

#include "trace/minmaxpyramid.h"
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

// Columns narrower than this are scanned: a few compares beat walking the pyramid.
constexpr qsizetype kScanColumnsBelow = 2 * MinMaxPyramid::kBaseBlock;

// Which pixel column sample i falls in; the one rule both decimations share, so that they split
// a range at the same samples. Non-decreasing in i because xs is ascending.
class ColumnMap
{
public:
    ColumnMap(std::span<const double> xs, qsizetype begin, qsizetype end, int columns)
        : m_xs(xs)
        , m_begin(begin)
        , m_count(end - begin)
        , m_columns(columns)
        , m_x0(xs.empty() ? 0.0 : xs[size_t(begin)])
        , m_span(xs.empty() ? 0.0 : xs[size_t(end - 1)] - m_x0)
    {
    }

    qsizetype operator()(qsizetype i) const
    {
        qsizetype column;
        if (!m_xs.empty() && m_span > 0)
            column = qsizetype((m_xs[size_t(i)] - m_x0) / m_span * m_columns);
        else
            column = (i - m_begin) * m_columns / m_count;
        return std::clamp<qsizetype>(column, 0, m_columns - 1);
    }

    // The first sample after `at` in a later column than `at`'s, or `end`: a galloping search, so
    // finding every column's end costs the logarithm of the column's width, not of the range.
    qsizetype nextColumnStart(qsizetype at, qsizetype end) const
    {
        const qsizetype column = (*this)(at);
        qsizetype step = 1, lo = at + 1;
        while (lo + step - 1 < end && (*this)(lo + step - 1) == column) {
            lo += step;
            step *= 2;
        }
        qsizetype hi = std::min(end, lo + step - 1);
        while (lo < hi) { // the first index in [lo, hi) of a later column, or hi
            const qsizetype mid = lo + (hi - lo) / 2;
            if ((*this)(mid) == column)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

private:
    std::span<const double> m_xs;
    qsizetype m_begin, m_count;
    int m_columns;
    double m_x0, m_span;
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
    const ColumnMap columnOf(byX ? xs : std::span<const double>(), begin, end, columns);
    Bucket bucket;
    qsizetype current = 0;
    for (qsizetype i = begin; i < end; ++i) {
        const qsizetype column = columnOf(i);
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

std::vector<qsizetype> decimateMinMax(std::span<const float> values, qsizetype begin, qsizetype end, int columns,
                                      std::span<const double> xs, const MinMaxPyramid &pyramid)
{
    begin = std::clamp<qsizetype>(begin, 0, qsizetype(values.size()));
    end = std::clamp<qsizetype>(end, begin, qsizetype(values.size()));
    const qsizetype count = end - begin;
    if (count <= qsizetype(columns) * 4 || columns <= 0)
        return decimateMinMax(values, begin, end, columns, xs);

    const bool byX = !xs.empty() && xs.size() == values.size();
    const ColumnMap columnOf(byX ? xs : std::span<const double>(), begin, end, columns);
    std::vector<qsizetype> out;
    out.reserve(size_t(columns) * 4);
    for (qsizetype at = begin; at < end;) {
        const qsizetype next = columnOf.nextColumnStart(at, end);
        Bucket bucket;
        if (next - at < kScanColumnsBelow) {
            for (qsizetype i = at; i < next; ++i) {
                if (!isMissing(values[size_t(i)]))
                    bucket.add(values, i);
            }
        } else {
            const MinMaxPyramid::Picks picks = pyramid.picks(values, at, next);
            bucket = {picks.first, picks.min, picks.max, picks.last};
        }
        bucket.emit(out);
        at = next;
    }
    return out;
}

} // namespace nightwatt
