#pragma once

#include <QtGlobal>

#include <limits>
#include <span>
#include <vector>

namespace nightwatt {

// The level-of-detail summary of one channel that lets a chart draw any range of a long trace in
// time proportional to its pixel columns, not to its samples: the smallest and largest present
// value of each block of kBaseBlock samples, then of each kFanout blocks, and so on up to one
// node. Missing values (NaN) are left out of every block.
//
// It only ever grows: extend() catches up with a column that has had samples appended, at a cost
// proportional to the new samples. Samples it has not caught up with yet are still answered, by
// reading them one by one, so a reader never sees a stale figure.
//
// 8 bytes per block of 64 samples: about 0.13 bytes per sample with every level.
class MinMaxPyramid
{
public:
    static constexpr qsizetype kBaseBlock = 64;
    static constexpr qsizetype kFanout = 16;

    // Indices of the first, smallest, largest and last present sample of a range (the first of
    // equal values), or -1 everywhere when none is present. The same choice as a scan in order.
    struct Picks
    {
        qsizetype first = -1, min = -1, max = -1, last = -1;
        bool isEmpty() const { return first < 0; }
    };

    // `column` must begin with the samples summarised so far; a shorter one starts afresh.
    void extend(std::span<const float> column);
    void clear();
    qsizetype size() const { return m_size; } // samples summarised
    qsizetype levelCount() const { return qsizetype(m_levels.size()); }
    size_t bytes() const;

    // Picks over [begin, end) of `column` (the column this pyramid summarises, possibly longer).
    Picks picks(std::span<const float> column, qsizetype begin, qsizetype end) const;

    // The values of those picks, which is what a chart column draws: the bounds come from the
    // nodes without searching for where they are, so this costs about half of picks().
    struct Bounds
    {
        float first = std::numeric_limits<float>::quiet_NaN(), min = first, max = first, last = first;
        bool isEmpty() const { return first != first; }
    };
    Bounds bounds(std::span<const float> column, qsizetype begin, qsizetype end) const;

private:
    struct Node
    {
        float min = std::numeric_limits<float>::infinity();
        float max = -std::numeric_limits<float>::infinity();
        bool isEmpty() const { return min > max; }
        void add(float v)
        {
            // NaN compares false both ways, so missing values never enter a node.
            min = v < min ? v : min;
            max = v > max ? v : max;
        }
        void merge(const Node &other)
        {
            min = other.min < min ? other.min : min;
            max = other.max > max ? other.max : max;
        }
    };

    // Enough for any range: two partial runs per level plus one in the middle, for 64-bit sizes.
    static constexpr int kMaxPieces = 40;

    // A run of whole nodes of one level (level -1: raw samples), in index order.
    struct Piece
    {
        int level;
        qsizetype begin, end;
    };

    // [begin, end) clamped to the column, as whole nodes and raw ends, with their bounds.
    struct Cover
    {
        qsizetype begin = 0, end = 0;
        Piece pieces[kMaxPieces + 1];
        int count = 0;
        Node total;
    };
    Cover cover(std::span<const float> column, qsizetype begin, qsizetype end) const;

    qsizetype nodeSpan(int level) const; // samples under one node of `level`
    int decompose(qsizetype begin, qsizetype end, Piece *out) const;
    Node summarise(std::span<const float> column, const Piece &piece) const;
    qsizetype findFirst(std::span<const float> column, const Piece &piece, float target, bool present) const;
    qsizetype findLastPresent(std::span<const float> column, const Piece &piece) const;

    std::vector<std::vector<Node>> m_levels;
    qsizetype m_size = 0;
};

} // namespace nightwatt
