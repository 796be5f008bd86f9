#pragma once

#include "live/livesource.h"
#include "live/sysfsattribute.h"
#include "trace/channel.h"

#include <QDateTime>

#include <functional>
#include <vector>

class QTimer;

namespace nightwatt {

// One powercap energy counter: /sys/class/powercap/intel-rapl:P[:S]/energy_uj.
struct RaplDomain
{
    QString zone;       // "intel-rapl:0:1"
    QString name;       // the zone's `name`: "package-0", "core", "uncore", "dram", "psys"
    ChannelInfo channel;
    QString energyPath;
    quint64 maxRangeUj = 0; // the counter wraps to 0 after this; 0 = unknown
};

// The domains under a powercap root, packages first. Packages are the CPU totals and are summed
// (several sockets add up); core/uncore/dram lie inside a package and are auxiliary; psys (the
// whole platform, laptops) is shown beside the total. The intel-rapl-mmio zones repeat the
// package counter through another interface and are skipped so nothing counts twice.
std::vector<RaplDomain> findRaplDomains(const QString &root);

// Why energy_uj cannot be read and how to allow it, for a person at a terminal.
QString raplPermissionHelp(const QString &energyPath);

// Linux powercap/RAPL energy counters, read every interval. Power per interval = ΔE / Δt as
// windowed samples (ΔE adds the counter's range when it wrapped). The readings are written as a
// nightwatt-capture log and parsed like any other input, so -o keeps a file Nightwatt reads back.
class RaplSource final : public LiveSource
{
    Q_OBJECT
public:
    static QString defaultRoot(); // NIGHTWATT_POWERCAP_ROOT, else /sys/class/powercap
    using Clock = std::function<qint64()>; // monotonic nanoseconds

    explicit RaplSource(const QString &root = defaultRoot(), int intervalMs = 1000, QObject *parent = nullptr);
    ~RaplSource() override;

    QString description() const override;
    // Tests replace the monotonic clock to get exact intervals; default QElapsedTimer.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    const std::vector<RaplDomain> &domains() const { return m_domains; }

public Q_SLOTS:
    // Reads every counter now and delivers one sample (the timer calls it every interval).
    void poll();

protected:
    void open() override;
    void halt() override;
    bool writesCaptureRecords() const override { return true; }

private:
    QString m_root;
    int m_intervalMs;
    Clock m_clock;
    std::vector<RaplDomain> m_domains;
    std::vector<SysfsReading> m_last;
    qint64 m_startNs = 0;
    qint64 m_lastNs = 0;
    QTimer *m_timer = nullptr;
    std::vector<bool> m_reportedError;
};

} // namespace nightwatt
