#include "trace/minmaxpyramid.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

// Exact room for the first (bulk) load, doubling after that so that live appends stay cheap.
template<typename T>
void reserveFor(std::vector<T> &nodes, size_t needed)
{
    if (needed > nodes.capacity())
        nodes.reserve(std::max(needed, nodes.capacity() * 2));
}

} // namespace

void MinMaxPyramid::clear()
{
    m_levels.clear();
    m_size = 0;
}

size_t MinMaxPyramid::bytes() const
{
    size_t total = sizeof(*this);
    for (const auto &level : m_levels)
        total += level.capacity() * sizeof(Node) + sizeof(level);
    return total;
}

qsizetype MinMaxPyramid::nodeSpan(int level) const
{
    qsizetype span = 1;
    if (level >= 0) {
        span = kBaseBlock;
        for (int l = 0; l < level; ++l)
            span *= kFanout;
    }
    return span;
}

void MinMaxPyramid::extend(std::span<const float> column)
{
    const auto n = qsizetype(column.size());
    if (n < m_size)
        clear();
    if (n == m_size)
        return;
    if (m_levels.empty())
        m_levels.emplace_back();

    // Nodes only ever gain samples, so each changed node can be merged into its parent as it is
    // now: what the parent already held is a subset of it.
    qsizetype changed = m_size / kBaseBlock;
    {
        auto &base = m_levels[0];
        reserveFor(base, size_t((n + kBaseBlock - 1) / kBaseBlock));
        for (qsizetype at = m_size; at < n;) {
            const qsizetype k = at / kBaseBlock;
            const qsizetype stop = std::min(n, (k + 1) * kBaseBlock);
            Node node = k < qsizetype(base.size()) ? base[size_t(k)] : Node{};
            for (; at < stop; ++at)
                node.add(column[size_t(at)]);
            if (k < qsizetype(base.size()))
                base[size_t(k)] = node;
            else
                base.push_back(node);
        }
    }
    m_size = n;
    for (size_t l = 0; m_levels[l].size() > 1; ++l) {
        if (l + 1 == m_levels.size())
            m_levels.emplace_back();
        const auto &child = m_levels[l];
        auto &parent = m_levels[l + 1];
        reserveFor(parent, (child.size() + size_t(kFanout) - 1) / size_t(kFanout));
        for (qsizetype c = changed; c < qsizetype(child.size()); ++c) {
            const auto p = size_t(c / kFanout);
            if (p == parent.size())
                parent.emplace_back();
            parent[p].merge(child[size_t(c)]);
        }
        changed /= kFanout;
    }
}

int MinMaxPyramid::decompose(qsizetype begin, qsizetype end, Piece *out) const
{
    // Raw samples up to the first whole block, then at each level the nodes up to the first whole
    // parent, until one level's run is all that is left; the right side mirrors it. Written in
    // index order so that searches can walk the pieces front to back.
    Piece right[kMaxPieces / 2];
    int leftCount = 0, rightCount = 0;
    const qsizetype blockBegin = (begin + kBaseBlock - 1) / kBaseBlock;
    const qsizetype blockEnd = end / kBaseBlock;
    if (m_levels.empty() || blockBegin >= blockEnd) {
        out[0] = {-1, begin, end};
        return 1;
    }
    if (begin < blockBegin * kBaseBlock)
        out[leftCount++] = {-1, begin, blockBegin * kBaseBlock};
    if (blockEnd * kBaseBlock < end)
        right[rightCount++] = {-1, blockEnd * kBaseBlock, end};
    qsizetype lo = blockBegin, hi = blockEnd;
    int level = 0;
    while (true) {
        const qsizetype parentLo = (lo + kFanout - 1) / kFanout;
        const qsizetype parentHi = hi / kFanout;
        if (level + 1 >= int(m_levels.size()) || parentLo >= parentHi) {
            out[leftCount++] = {level, lo, hi};
            break;
        }
        if (lo < parentLo * kFanout)
            out[leftCount++] = {level, lo, parentLo * kFanout};
        if (parentHi * kFanout < hi)
            right[rightCount++] = {level, parentHi * kFanout, hi};
        lo = parentLo;
        hi = parentHi;
        ++level;
    }
    for (int i = rightCount - 1; i >= 0; --i)
        out[leftCount++] = right[i];
    return leftCount;
}

MinMaxPyramid::Node MinMaxPyramid::summarise(std::span<const float> column, const Piece &piece) const
{
    Node node;
    if (piece.level < 0) {
        for (qsizetype i = piece.begin; i < piece.end; ++i)
            node.add(column[size_t(i)]);
    } else {
        const auto &nodes = m_levels[size_t(piece.level)];
        for (qsizetype k = piece.begin; k < piece.end; ++k)
            node.merge(nodes[size_t(k)]);
    }
    return node;
}

qsizetype MinMaxPyramid::findFirst(std::span<const float> column, const Piece &piece, float target, bool present) const
{
    // `present`: the first non-missing sample; otherwise the first sample equal to `target`.
    Piece at = piece;
    while (at.level >= 0) {
        const auto &nodes = m_levels[size_t(at.level)];
        qsizetype k = at.begin;
        for (; k < at.end; ++k) {
            const Node &node = nodes[size_t(k)];
            // An empty node's bounds are the infinities, so it must not match an infinite target.
            if (!node.isEmpty() && (present || node.min == target || node.max == target))
                break;
        }
        if (k == at.end)
            return -1;
        // Descend into that node: its children one level down (or its samples).
        if (at.level == 0) {
            at = {-1, k * kBaseBlock, std::min((k + 1) * kBaseBlock, m_size)};
        } else {
            const auto childCount = qsizetype(m_levels[size_t(at.level - 1)].size());
            at = {at.level - 1, k * kFanout, std::min((k + 1) * kFanout, childCount)};
        }
    }
    for (qsizetype i = at.begin; i < at.end; ++i) {
        const float v = column[size_t(i)];
        if (present ? !std::isnan(v) : v == target)
            return i;
    }
    return -1;
}

qsizetype MinMaxPyramid::findLastPresent(std::span<const float> column, const Piece &piece) const
{
    Piece at = piece;
    while (at.level >= 0) {
        const auto &nodes = m_levels[size_t(at.level)];
        qsizetype k = at.end - 1;
        while (k >= at.begin && nodes[size_t(k)].isEmpty())
            --k;
        if (k < at.begin)
            return -1;
        if (at.level == 0) {
            at = {-1, k * kBaseBlock, std::min((k + 1) * kBaseBlock, m_size)};
        } else {
            const auto childCount = qsizetype(m_levels[size_t(at.level - 1)].size());
            at = {at.level - 1, k * kFanout, std::min((k + 1) * kFanout, childCount)};
        }
    }
    for (qsizetype i = at.end - 1; i >= at.begin; --i) {
        if (!std::isnan(column[size_t(i)]))
            return i;
    }
    return -1;
}

MinMaxPyramid::Cover MinMaxPyramid::cover(std::span<const float> column, qsizetype begin, qsizetype end) const
{
    Cover cover;
    cover.begin = std::clamp<qsizetype>(begin, 0, qsizetype(column.size()));
    cover.end = std::clamp<qsizetype>(end, cover.begin, qsizetype(column.size()));
    if (cover.begin == cover.end)
        return cover;
    const qsizetype covered = std::clamp(std::min(m_size, qsizetype(column.size())), cover.begin, cover.end);
    if (cover.begin < covered)
        cover.count = decompose(cover.begin, covered, cover.pieces);
    if (covered < cover.end) // appended since the last extend(): read one by one
        cover.pieces[cover.count++] = {-1, covered, cover.end};
    for (int i = 0; i < cover.count; ++i)
        cover.total.merge(summarise(column, cover.pieces[i]));
    return cover;
}

MinMaxPyramid::Picks MinMaxPyramid::picks(std::span<const float> column, qsizetype begin, qsizetype end) const
{
    const Cover range = cover(column, begin, end);
    Picks result;
    if (range.total.isEmpty())
        return result;

    // A node holding the minimum has it as its own minimum (and likewise for the maximum), so
    // equality with either bound finds the first sample of that value in order.
    auto first = [&](float target, bool present) {
        for (int i = 0; i < range.count; ++i) {
            if (const qsizetype at = findFirst(column, range.pieces[i], target, present); at >= 0)
                return at;
        }
        return qsizetype(-1);
    };
    result.first = first(0, true);
    result.min = first(range.total.min, false);
    result.max = first(range.total.max, false);
    for (int i = range.count - 1; i >= 0 && result.last < 0; --i)
        result.last = findLastPresent(column, range.pieces[i]);
    return result;
}

MinMaxPyramid::Bounds MinMaxPyramid::bounds(std::span<const float> column, qsizetype begin, qsizetype end) const
{
    const Cover range = cover(column, begin, end);
    Bounds result;
    if (range.total.isEmpty())
        return result;
    result.min = range.total.min;
    result.max = range.total.max;
    // The ends are almost always present themselves; the search is for gaps.
    result.first = column[size_t(range.begin)];
    for (int i = 0; i < range.count && std::isnan(result.first); ++i) {
        if (const qsizetype at = findFirst(column, range.pieces[i], 0, true); at >= 0)
            result.first = column[size_t(at)];
    }
    result.last = column[size_t(range.end - 1)];
    for (int i = range.count - 1; i >= 0 && std::isnan(result.last); --i) {
        if (const qsizetype at = findLastPresent(column, range.pieces[i]); at >= 0)
            result.last = column[size_t(at)];
    }
    return result;
}

} // namespace nightwatt
