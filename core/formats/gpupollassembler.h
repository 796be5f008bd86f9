#pragma once

#include <QString>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace nightwatt {

// Groups the one-row-per-GPU records of nvidia-smi into polls, so that one poll of N GPUs becomes
// one sample instant. GPUs are told apart by an identity column (index, bus id, uuid) or, when the
// query has none, by their position within a poll: the GPU count is then learnt from the
// timestamps, since rows of one poll are a few ms apart and polls are a poll interval apart.
class GpuPollAssembler
{
public:
    class Receiver
    {
    public:
        virtual ~Receiver() = default;
        // wattsByGpu[k] is GPU k's reading (NaN = missing); clockS is the poll's first row clock,
        // NaN when the log has no time.
        virtual void poll(double clockS, std::span<const float> wattsByGpu, qint64 line) = 0;
        virtual void pollIssue(qint64 line, const QString &message) = 0;
    };

    enum class Identity {
        Column,   // every row names its GPU
        Position, // rows of a poll come in GPU order; count learnt from the timestamps
        Single,   // no identity and no time: every row is one reading of one GPU
    };

    // Rows learnt from before the GPU count is decided, at most.
    static constexpr qsizetype kMaxLearningRows = 512;
    static constexpr int kMaxGpus = 64;
    // Rows of one poll, or polls, further apart than this are a clock jump, not polling.
    static constexpr double kClockJumpS = 60;

    explicit GpuPollAssembler(Receiver *receiver) : m_receiver(receiver) {}

    // Starts over for a new header; a learnt GPU count is kept when `keepLearnt` and the mode stays.
    void reset(Identity identity, bool keepLearnt = false);
    // clockS: NaN when the row has no time; gpu: the identity's ordinal, ignored by position.
    void addRow(double clockS, int gpu, float watts, qint64 line);
    // Flushes a poll in progress (the input ended or a new header starts another run).
    void finishPoll();
    void finish();

    Identity identity() const { return m_identity; }
    // GPUs per poll once known (0 before).
    int gpuCount() const { return m_gpuCount; }

private:
    struct Row
    {
        double clockS;
        float watts;
        qint64 line;
    };

    void addPositional(const Row &row);
    void addByColumn(double clockS, int gpu, float watts, qint64 line);
    bool tryLearn(bool final);
    void startPoll(double clockS, qint64 line);
    void checkRowClock(double clockS, qint64 line);
    void emitPoll();

    Receiver *m_receiver;
    Identity m_identity = Identity::Column;
    int m_gpuCount = 0;
    double m_insideS = std::numeric_limits<double>::quiet_NaN(); // longest step inside a poll, learnt
    std::vector<Row> m_learning;
    bool m_learnt = false;
    qsizetype m_nextLearnAttempt = 64;

    bool m_pollOpen = false;
    double m_pollClockS = 0;
    qint64 m_pollLine = 0;
    int m_rowsInPoll = 0;
    double m_lastClockS = std::numeric_limits<double>::quiet_NaN();
    std::vector<float> m_values;
    std::vector<bool> m_seen;
    int m_firstPollGpus = 0;  // by column: distinct GPUs in the first poll
    bool m_firstPollDone = false;
    bool m_warnedLongPoll = false;
};

} // namespace nightwatt
