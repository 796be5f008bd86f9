#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace nightwatt {

class MinMaxPyramid;

// Which samples to draw so that a line plot of [begin, end) at `columns` pixel columns looks the
// same as the plot of every sample (M4 decimation): per column the first, the smallest, the
// largest and the last present sample, in index order. A column with four samples or fewer keeps
// them all, so sparse data comes back raw. Missing values (NaN) are never returned.
//
// Columns split the index range evenly, or, when `xs` (one position per sample, ascending, e.g.
// the trace's time axis) is given, the x range [xs[begin], xs[end - 1]] evenly, so that irregular
// sampling still maps one column to one pixel. The result holds at most 4 × columns indices,
// ascending and distinct. Cost is one pass over the range.
std::vector<qsizetype> decimateMinMax(std::span<const float> values, qsizetype begin, qsizetype end, int columns,
                                      std::span<const double> xs = {});

// The same indices as above, with the per-column minimum and maximum taken from `pyramid` (the
// level-of-detail summary of `values`): cost grows with the columns and the logarithm of the
// samples, not with the samples, so a chart of millions of samples redraws at any zoom.
std::vector<qsizetype> decimateMinMax(std::span<const float> values, qsizetype begin, qsizetype end, int columns,
                                      std::span<const double> xs, const MinMaxPyramid &pyramid);

} // namespace nightwatt
