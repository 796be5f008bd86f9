#pragma once

#include "live/livesource.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <vector>

class QTimer;

namespace nightwatt {

// Plays a recorded log back as if it were being written now, at `speed` times real time, so the
// live view can be tried and demonstrated without a sampler. The file is parsed once up front to
// learn when each sample was measured; its bytes are then fed in order, each sample's lines at
// the moment (scaled) the sampler would have printed them: the end of its window for windowed
// logs, its timestamp for point logs, one per untimed interval for logs without timing.
class ReplaySource final : public LiveSource
{
    Q_OBJECT
public:
    static constexpr int kTickMs = 20;

    explicit ReplaySource(const QString &path, double speed = 1.0, QObject *parent = nullptr);
    ~ReplaySource() override;

    QString description() const override;
    // Pacing for logs without any timing (grep'ed lines); default 1000 ms per sample.
    void setUntimedIntervalMs(int ms) { m_untimedIntervalMs = ms; }
    // How long the whole replay takes, once started (ms of wall time).
    qint64 plannedDurationMs() const { return m_steps.empty() ? 0 : m_steps.back().dueMs; }

protected:
    void open() override;
    void halt() override;

private:
    struct Step
    {
        qint64 dueMs;     // wall time after start
        qsizetype byteEnd; // feed up to here
    };

    bool plan();
    void tick();

    QString m_path;
    double m_speed;
    int m_untimedIntervalMs = 1000;
    QByteArray m_bytes;
    std::vector<Step> m_steps;
    size_t m_next = 0;
    qsizetype m_fed = 0;
    QElapsedTimer m_clock;
    QTimer *m_timer = nullptr;
};

} // namespace nightwatt
