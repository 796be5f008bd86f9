#include "live/hwmonsource.h"

#include "formats/hwmonpower.h"
#include "formats/nightwattcaptureparser.h"
#include "live/sysfsattribute.h"
#include "platform/platform.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

// hwmon10 after hwmon9.
int folderNumber(const QString &folder)
{
    return folder.mid(5).toInt();
}

} // namespace

std::vector<HwmonSensor> findHwmonSensors(const QString &root)
{
    static const QRegularExpression figure(QStringLiteral("^(power|energy)(\\d+)_(average|input)$"));
    std::vector<HwmonSensor> sensors;
    QStringList folders = QDir(root).entryList({QStringLiteral("hwmon*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(folders.begin(), folders.end(), [](const QString &a, const QString &b) { return folderNumber(a) < folderNumber(b); });
    for (const QString &folder : std::as_const(folders)) {
        const QDir dir(QDir(root).filePath(folder));
        QString name = QString::fromUtf8(readSysfsAttribute(dir.filePath(QStringLiteral("name")), nullptr));
        if (name.isEmpty())
            name = QStringLiteral("hwmon");
        const QString chip = name + QLatin1Char('-') + folder;
        // Per sensor number: the best figure found so far (energy > power average > power input).
        struct Best
        {
            int rank = 0;
            QString file;
            bool energy = false;
        };
        QMap<int, Best> best;
        for (const QString &file : dir.entryList(QDir::Files | QDir::System)) {
            const auto match = figure.match(file);
            if (!match.hasMatch())
                continue;
            const bool energy = match.captured(1) == QLatin1String("energy");
            const int rank = energy ? 3 : match.captured(3) == QLatin1String("average") ? 2 : 1;
            Best &slot = best[match.captured(2).toInt()];
            if (rank > slot.rank)
                slot = {rank, file, energy};
        }
        for (auto it = best.cbegin(); it != best.cend(); ++it) {
            const QString stem = (it->energy ? QStringLiteral("energy") : QStringLiteral("power")) + QString::number(it.key());
            QString label = QString::fromUtf8(readSysfsAttribute(dir.filePath(stem + QStringLiteral("_label")), nullptr));
            if (label.isEmpty() && it->energy) // amdgpu labels its power figure only
                label = QString::fromUtf8(readSysfsAttribute(dir.filePath(QStringLiteral("power%1_label").arg(it.key())), nullptr));
            if (label.isEmpty())
                label = stem;
            sensors.push_back({chip, label, hwmonPowerChannel(chip, label), dir.filePath(it->file), it->energy});
        }
    }
    return sensors;
}

QString HwmonSource::defaultRoot()
{
    const QString overridden = qEnvironmentVariable("NIGHTWATT_HWMON_ROOT");
    return overridden.isEmpty() ? platform::hwmonRoot() : overridden;
}

HwmonSource::HwmonSource(const QString &root, int intervalMs, QObject *parent)
    : LiveSource(parent)
    , m_root(root)
    , m_intervalMs(std::max(1, intervalMs))
    , m_clock(&monotonicNs)
{
}

HwmonSource::~HwmonSource()
{
    halt();
}

QString HwmonSource::description() const
{
    return QStringLiteral("hwmon power sensors in %1 every %2 ms").arg(m_root).arg(m_intervalMs);
}

namespace {

QString unusableRoot(const QString &root)
{
    if (root.isEmpty())
        return QStringLiteral("this system has no hwmon folder of its own (hwmon sensors are read from Linux sysfs): "
                              "give one with --hwmon-root or NIGHTWATT_HWMON_ROOT");
    return QStringLiteral("no hwmon power sensor under %1 (no powerN_average, powerN_input or energyN_input: amdgpu "
                          "cards, amd_energy and some battery or supply monitors have them)")
        .arg(root);
}

} // namespace

QString HwmonSource::whyUnusable(const QString &root)
{
    return root.isEmpty() || findHwmonSensors(root).empty() ? unusableRoot(root) : QString();
}

void HwmonSource::open()
{
    // An empty root is no folder, not the working folder.
    m_sensors = m_root.isEmpty() ? std::vector<HwmonSensor>{} : findHwmonSensors(m_root);
    if (m_sensors.empty()) {
        fail(unusableRoot(m_root));
        return;
    }
    m_last.assign(m_sensors.size(), {});
    m_reportedError.assign(m_sensors.size(), false);
    for (size_t i = 0; i < m_sensors.size(); ++i)
        m_last[i] = readSysfsCounter(m_sensors[i].path, nullptr);

    QByteArray head = NightwattCaptureWriter::header() + NightwattCaptureWriter::clock(QDateTime::currentDateTimeUtc())
        + NightwattCaptureWriter::timing(TimingKind::Windowed) + NightwattCaptureWriter::meta(QStringLiteral("source"), QStringLiteral("hwmon"))
        + NightwattCaptureWriter::meta(QStringLiteral("hwmon_root"), m_root)
        + NightwattCaptureWriter::meta(QStringLiteral("total"), hwmonPowerPolicy());
    for (const HwmonSensor &sensor : m_sensors)
        head += NightwattCaptureWriter::channel(sensor.channel);
    deliver(head);

    m_startNs = m_lastNs = m_clock();
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &HwmonSource::poll);
    m_timer->start(m_intervalMs);
}

void HwmonSource::halt()
{
    delete m_timer;
    m_timer = nullptr;
}

void HwmonSource::poll()
{
    if (!status().isRunning())
        return;
    const qint64 nowNs = m_clock();
    if (nowNs <= m_lastNs)
        return;
    const double windowS = double(nowNs - m_lastNs) / 1e9;
    std::vector<float> watts(m_sensors.size(), kMissing);
    for (size_t i = 0; i < m_sensors.size(); ++i) {
        QString error;
        const SysfsReading now = readSysfsCounter(m_sensors[i].path, &error);
        if (!now.ok) {
            if (!m_reportedError[i]) {
                m_reportedError[i] = true;
                trace()->reportIssue(QStringLiteral("cannot read %1 (%2); its power is missing until it can be read again")
                                         .arg(m_sensors[i].path, error));
            }
            m_last[i] = now;
            continue;
        }
        m_reportedError[i] = false;
        if (!m_sensors[i].energyCounter) {
            watts[i] = float(double(now.value) / 1e6); // µW
        } else if (m_last[i].ok) {
            // hwmon gives no counter range: a counter that went back cannot say how far it went.
            const double deltaUj = counterDelta(m_last[i].value, now.value, 0);
            if (!std::isnan(deltaUj))
                watts[i] = float(deltaUj / 1e6 / windowS);
        }
        m_last[i] = now;
    }
    const double startS = double(m_lastNs - m_startNs) / 1e9;
    m_lastNs = nowNs;
    deliver(NightwattCaptureWriter::sample(startS, windowS, watts));
}

} // namespace nightwatt
