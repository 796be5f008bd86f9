#include "formats/gpupollassembler.h"

#include "trace/trace.h"

#include <algorithm>
#include <optional>

namespace nightwatt {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Split
{
    int gpus = 0;
    int phase = 0;          // index of the first row that starts a full poll
    double insideS = kNaN; // longest step between rows of one poll
};

// The value below which `share` of the values lie (they are reordered).
double quantile(std::vector<double> &values, double share)
{
    auto at = values.begin() + std::ptrdiff_t(share * double(values.size() - 1));
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

// Rows of one poll are printed within this of each other: nvidia-smi queries every GPU in one go.
constexpr double kSamePollS = 0.05;

bool pollsStandOut(std::vector<double> &boundaries, std::vector<double> &inside, double *longInside)
{
    if (boundaries.empty())
        return false;
    *longInside = inside.empty() ? 0.0 : quantile(inside, 0.95);
    const double shortBetween = quantile(boundaries, 0.05);
    const double medianBetween = quantile(boundaries, 0.5);
    return shortBetween > 0 && shortBetween > 3 * *longInside && shortBetween >= 0.3 * medianBetween;
}

// Finds the smallest GPU count N > 1 (and phase) for which the steps between polls are clearly
// longer than the steps inside a poll: inside a poll rows are a few ms apart, between polls the
// poll interval passes. Real logs have a GPU row delayed by most of a poll interval now and then
// (Titan X: .119, .212, .314), so the longest 5 % of steps inside and the shortest 5 % between
// are not held against a count. A clock step (+1 h, a row at 1970) makes one step stand out in
// a log of one GPU, so a count must hold without its longest step between polls too; a count
// resting on a single step is taken only when the rows around it are as close as one poll's.
// N = 1 is tried last, since it has no step inside a poll to compare with: it needs all steps
// alike (few far below the median).
std::optional<Split> findSplit(std::span<const double> clocks, int minBoundaries)
{
    const qsizetype rows = qsizetype(clocks.size());
    std::vector<double> steps;
    steps.reserve(clocks.size());
    for (qsizetype i = 1; i < rows; ++i)
        steps.push_back(clocks[size_t(i)] - clocks[size_t(i - 1)]);
    // A clock that goes back (a row stamped 1970, a clock set back) tells nothing about polls,
    // and neither does the step that returns from there.
    std::vector<bool> usable(steps.size(), true);
    for (size_t i = 0; i < steps.size(); ++i) {
        if (steps[i] < 0) {
            usable[i] = false;
            if (i + 1 < steps.size())
                usable[i + 1] = false;
        }
    }
    std::vector<double> boundaries, inside;
    for (int candidate = 2; candidate <= GpuPollAssembler::kMaxGpus + 1; ++candidate) {
        const int n = candidate <= GpuPollAssembler::kMaxGpus ? candidate : 1;
        if (n > rows)
            continue;
        for (int phase = 0; phase < n; ++phase) {
            boundaries.clear();
            inside.clear();
            for (size_t i = 0; i < steps.size(); ++i) {
                if (!usable[i])
                    continue;
                // steps[i] leads into row i + 1
                if ((qsizetype(i) + 1 - phase) % n == 0)
                    boundaries.push_back(steps[i]);
                else
                    inside.push_back(steps[i]);
            }
            if (qsizetype(boundaries.size()) < minBoundaries || (n > 1 && inside.empty()))
                continue;
            double longInside = 0;
            if (!pollsStandOut(boundaries, inside, &longInside))
                continue;
            if (n > 1) {
                if (boundaries.size() == 1) {
                    if (*std::max_element(inside.begin(), inside.end()) > kSamePollS)
                        continue;
                } else {
                    boundaries.erase(std::max_element(boundaries.begin(), boundaries.end()));
                    double unused = 0;
                    if (!pollsStandOut(boundaries, inside, &unused))
                        continue;
                }
            }
            return Split{n, phase, longInside};
        }
    }
    return std::nullopt;
}

} // namespace

void GpuPollAssembler::reset(Identity identity, bool keepLearnt)
{
    const bool keep = keepLearnt && identity == m_identity && m_learnt;
    m_identity = identity;
    if (!keep) {
        m_learnt = identity != Identity::Position;
        m_gpuCount = identity == Identity::Single ? 1 : 0;
        m_insideS = kNaN;
        m_firstPollDone = false;
        m_firstPollGpus = 0;
        m_nextLearnAttempt = 64;
    }
    m_learning.clear();
    m_pollOpen = false;
    m_rowsInPoll = 0;
    m_lastClockS = kNaN;
    std::fill(m_values.begin(), m_values.end(), kMissing);
    std::fill(m_seen.begin(), m_seen.end(), false);
}

void GpuPollAssembler::addRow(double clockS, int gpu, float watts, qint64 line)
{
    switch (m_identity) {
    case Identity::Column:
        addByColumn(clockS, gpu, watts, line);
        return;
    case Identity::Single: {
        const float value[] = {watts};
        m_receiver->poll(clockS, value, line);
        return;
    }
    case Identity::Position:
        break;
    }
    const Row row{clockS, watts, line};
    if (m_learnt) {
        addPositional(row);
        return;
    }
    m_learning.push_back(row);
    if (qsizetype(m_learning.size()) >= m_nextLearnAttempt) {
        m_nextLearnAttempt *= 2;
        tryLearn(qsizetype(m_learning.size()) >= kMaxLearningRows);
    }
}

bool GpuPollAssembler::tryLearn(bool final)
{
    if (m_learning.empty())
        return false;
    std::vector<double> clocks;
    clocks.reserve(m_learning.size());
    for (const Row &row : m_learning)
        clocks.push_back(row.clockS);
    std::optional<Split> split = findSplit(clocks, final ? 1 : 3);
    if (!split && !final)
        return false;
    if (!split && m_learning.size() == 1) {
        // One row is one reading of one GPU: nothing to tell apart.
        split = Split{1, 0, kNaN};
    }
    if (split) {
        m_gpuCount = split->gpus;
        m_insideS = split->insideS;
    } else {
        m_gpuCount = 1;
        m_insideS = kNaN;
        m_receiver->pollIssue(m_learning.front().line,
                              QStringLiteral("cannot tell how many GPUs each poll has (no index column, and the "
                                             "timestamps show no polls); every row is read as one GPU"));
    }
    m_learnt = true;
    std::vector<Row> rows = std::move(m_learning);
    m_learning.clear();
    const int phase = split ? split->phase : 0;
    if (phase > 0) {
        m_receiver->pollIssue(rows.front().line,
                              QStringLiteral("the log starts part-way through a poll: its first %1 row(s) are left "
                                             "out, since which GPU they belong to is unknown")
                                  .arg(phase));
    }
    for (size_t i = size_t(phase); i < rows.size(); ++i)
        addPositional(rows[i]);
    return true;
}

void GpuPollAssembler::startPoll(double clockS, qint64 line)
{
    m_pollOpen = true;
    m_pollClockS = clockS;
    m_pollLine = line;
    m_rowsInPoll = 0;
}

// A row of a poll stamped far from the poll's first row (one odd timestamp, a clock set between
// two rows) keeps its place in the poll, which stays at its first row's clock: said, not used.
void GpuPollAssembler::checkRowClock(double clockS, qint64 line)
{
    if (m_pollOpen && std::abs(clockS - m_pollClockS) > kClockJumpS) {
        m_receiver->pollIssue(line, QStringLiteral("this row's clock is %1 s away from the first row of its poll; the poll "
                                                   "keeps the first row's time")
                                        .arg(clockS - m_pollClockS, 0, 'f', 3));
    }
}

void GpuPollAssembler::addPositional(const Row &row)
{
    // nvidia-smi prints every GPU in every poll, so the position alone decides. Timestamps are not
    // used to cut polls after learning: real logs have a GPU row delayed by most of a poll interval
    // now and then (Titan X: .119, .212, .314). A poll that starts as close to the last one as rows
    // inside a poll are, though, means the count no longer fits: say so once.
    if (!m_pollOpen && !std::isnan(m_lastClockS) && !std::isnan(m_insideS) && m_gpuCount > 1
        && row.clockS - m_lastClockS <= m_insideS && !m_warnedLongPoll) {
        m_warnedLongPoll = true;
        m_receiver->pollIssue(row.line, QStringLiteral("a poll seems to have more than the %1 GPU rows learnt from the "
                                                       "start of the log; GPUs may be mixed up from here")
                                            .arg(m_gpuCount));
    }
    checkRowClock(row.clockS, row.line);
    if (!m_pollOpen)
        startPoll(row.clockS, row.line);
    if (m_values.size() < size_t(m_gpuCount)) {
        m_values.resize(size_t(m_gpuCount), kMissing);
        m_seen.resize(size_t(m_gpuCount), false);
    }
    m_values[size_t(m_rowsInPoll)] = row.watts;
    m_seen[size_t(m_rowsInPoll)] = true;
    ++m_rowsInPoll;
    m_lastClockS = row.clockS;
    if (m_rowsInPoll == m_gpuCount)
        emitPoll();
}

void GpuPollAssembler::addByColumn(double clockS, int gpu, float watts, qint64 line)
{
    if (m_values.size() <= size_t(gpu)) {
        m_values.resize(size_t(gpu) + 1, kMissing);
        m_seen.resize(size_t(gpu) + 1, false);
    }
    if (m_pollOpen && m_seen[size_t(gpu)])
        emitPoll();
    checkRowClock(clockS, line);
    if (!m_pollOpen)
        startPoll(clockS, line);
    m_values[size_t(gpu)] = watts;
    m_seen[size_t(gpu)] = true;
    ++m_rowsInPoll;
    m_gpuCount = std::max(m_gpuCount, gpu + 1);
    // Once the first poll told how many GPUs there are, a poll is complete without waiting for
    // the next one (a live stream shows it at once).
    if (m_firstPollDone && m_rowsInPoll >= m_firstPollGpus)
        emitPoll();
}

void GpuPollAssembler::emitPoll()
{
    if (!m_pollOpen)
        return;
    if (!m_firstPollDone) {
        m_firstPollDone = true;
        m_firstPollGpus = m_rowsInPoll;
    }
    m_receiver->poll(m_pollClockS, std::span<const float>(m_values).first(std::min(m_values.size(), size_t(std::max(m_gpuCount, 0)))), m_pollLine);
    std::fill(m_values.begin(), m_values.end(), kMissing);
    std::fill(m_seen.begin(), m_seen.end(), false);
    m_pollOpen = false;
    m_rowsInPoll = 0;
}

void GpuPollAssembler::finishPoll()
{
    if (!m_learnt)
        tryLearn(true);
    if (!m_pollOpen)
        return;
    const int expected = m_identity == Identity::Position ? m_gpuCount : m_firstPollGpus;
    if (m_firstPollDone || m_identity == Identity::Position) {
        if (m_rowsInPoll < expected) {
            // A log copied while nvidia-smi was writing stops part-way through a poll.
            m_receiver->pollIssue(m_pollLine, QStringLiteral("last poll is cut off (%1 of %2 GPU rows); left out")
                                                  .arg(m_rowsInPoll)
                                                  .arg(expected));
            m_pollOpen = false;
            m_rowsInPoll = 0;
            std::fill(m_values.begin(), m_values.end(), kMissing);
            std::fill(m_seen.begin(), m_seen.end(), false);
            return;
        }
    }
    emitPoll();
}

void GpuPollAssembler::finish()
{
    finishPoll();
}

} // namespace nightwatt
