#pragma once

#include "live/livesource.h"
#include "live/sysfsattribute.h"
#include "trace/channel.h"

#include <functional>
#include <vector>

class QTimer;

namespace nightwatt {

// One power figure of a hwmon device: /sys/class/hwmon/hwmonN/energyM_input (µJ, a counter) or
// powerM_average / powerM_input (µW, a reading).
struct HwmonSensor
{
    QString chip; // the device's `name` and folder: "amdgpu-hwmon3"
    QString label; // powerM_label ("PPT") or the stem ("power1")
    ChannelInfo channel;
    QString path;
    bool energyCounter = false;
};

// The power sensors under a hwmon root, in folder order. Where a sensor has an energy counter
// and a power figure, the counter is read: it covers the whole interval, a power figure only
// its moment. powerM_average is preferred over powerM_input.
std::vector<HwmonSensor> findHwmonSensors(const QString &root);

// Linux hwmon power sensors (amdgpu PPT, amd_energy, battery and supply monitors), read every
// interval without root. Energy counters give ΔE / Δt like RAPL; power figures are taken as the
// mean of the interval they end. Written as a nightwatt-capture log, so -o reads back.
class HwmonSource final : public LiveSource
{
    Q_OBJECT
public:
    // Power figures change quickly (a GPU step is milliseconds) and a read costs microseconds.
    static constexpr int kDefaultIntervalMs = 250;
    static QString defaultRoot(); // NIGHTWATT_HWMON_ROOT, else /sys/class/hwmon
    // Why a capture from `root` cannot start (no folder, or no power sensor under it), in the
    // words the capture fails with; empty when it can.
    static QString whyUnusable(const QString &root);
    using Clock = std::function<qint64()>; // monotonic nanoseconds

    explicit HwmonSource(const QString &root = defaultRoot(), int intervalMs = kDefaultIntervalMs, QObject *parent = nullptr);
    ~HwmonSource() override;

    QString description() const override;
    void setClock(Clock clock) { m_clock = std::move(clock); }
    const std::vector<HwmonSensor> &sensors() const { return m_sensors; }

public Q_SLOTS:
    void poll();

protected:
    void open() override;
    void halt() override;
    bool writesCaptureRecords() const override { return true; }

private:
    QString m_root;
    int m_intervalMs;
    Clock m_clock;
    std::vector<HwmonSensor> m_sensors;
    std::vector<SysfsReading> m_last;
    std::vector<bool> m_reportedError;
    qint64 m_startNs = 0;
    qint64 m_lastNs = 0;
    QTimer *m_timer = nullptr;
};

} // namespace nightwatt
