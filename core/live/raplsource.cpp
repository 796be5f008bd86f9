#include "live/raplsource.h"

#include "formats/nightwattcaptureparser.h"
#include "live/sysfsattribute.h"
#include "platform/platform.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace nightwatt {

namespace {

ChannelInfo channelFor(const QString &name, int package)
{
    const QString p = QString::number(package);
    static const QRegularExpression packageName(QStringLiteral("^package-(\\d+)$"));
    if (const auto match = packageName.match(name); match.hasMatch()) {
        const QString n = match.captured(1);
        return {QStringLiteral("package") + n, QStringLiteral("CPU package ") + n, ChannelRole::Component};
    }
    if (name == QLatin1String("psys"))
        return {QStringLiteral("psys"), QStringLiteral("Platform (psys, reported)"), ChannelRole::ReportedTotal};
    if (name == QLatin1String("core"))
        return {QStringLiteral("core") + p, QStringLiteral("Cores (package %1)").arg(p), ChannelRole::Auxiliary};
    if (name == QLatin1String("uncore"))
        return {QStringLiteral("uncore") + p, QStringLiteral("Uncore/iGPU (package %1)").arg(p), ChannelRole::Auxiliary};
    if (name == QLatin1String("dram"))
        return {QStringLiteral("dram") + p, QStringLiteral("DRAM (package %1)").arg(p), ChannelRole::Auxiliary};
    QString id = name.toLower();
    id.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("_"));
    return {id + p, QStringLiteral("%1 (package %2)").arg(name, p), ChannelRole::Auxiliary};
}

} // namespace

std::vector<RaplDomain> findRaplDomains(const QString &root)
{
    static const QRegularExpression zoneName(QStringLiteral("^intel-rapl:(\\d+)(?::(\\d+))?$"));
    std::vector<RaplDomain> domains;
    const QDir dir(root);
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        const auto match = zoneName.match(entry);
        if (!match.hasMatch())
            continue;
        const QString zoneDir = dir.filePath(entry);
        if (!QFile::exists(zoneDir + QStringLiteral("/energy_uj")))
            continue;
        RaplDomain domain;
        domain.zone = entry;
        domain.name = QString::fromUtf8(readSysfsAttribute(zoneDir + QStringLiteral("/name"), nullptr));
        if (domain.name.isEmpty())
            domain.name = entry;
        domain.channel = channelFor(domain.name, match.captured(1).toInt());
        domain.energyPath = zoneDir + QStringLiteral("/energy_uj");
        domain.maxRangeUj = readSysfsAttribute(zoneDir + QStringLiteral("/max_energy_range_uj"), nullptr).toULongLong();
        domains.push_back(domain);
    }
    // Packages first, then by zone, so the columns read in a stable, sensible order.
    std::stable_sort(domains.begin(), domains.end(), [](const RaplDomain &a, const RaplDomain &b) {
        const bool aPackage = a.channel.role == ChannelRole::Component;
        const bool bPackage = b.channel.role == ChannelRole::Component;
        return aPackage != bPackage ? aPackage : a.zone < b.zone;
    });
    // Two dram zones at top level would share an id: number the repeats.
    for (size_t i = 0; i < domains.size(); ++i) {
        int repeat = 1;
        for (size_t j = 0; j < i; ++j) {
            if (domains[j].channel.id == domains[i].channel.id)
                domains[i].channel.id = domains[i].channel.id + QStringLiteral("_") + QString::number(++repeat);
        }
    }
    return domains;
}

QString raplPermissionHelp(const QString &energyPath)
{
    return QStringLiteral(
               "cannot read %1: permission denied. Since CVE-2020-8694 (a power side channel, \"Platypus\") Linux lets "
               "only root read the RAPL energy counters. To allow reading them:\n"
               "  until the next reboot:  sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj "
               "/sys/class/powercap/intel-rapl:*:*/energy_uj\n"
               "  for good, a udev rule in /etc/udev/rules.d/70-nightwatt-rapl.rules:\n"
               "    SUBSYSTEM==\"powercap\", ACTION==\"add\", RUN+=\"/bin/chmod o+r /sys%p/energy_uj\"\n"
               "  or run the capture as root: sudo nightwatt capture --source rapl ...\n"
               "Readable counters let any local user watch power use, which is what the CVE is about: decide "
               "whether that matters on this machine.")
        .arg(energyPath);
}

QString RaplSource::defaultRoot()
{
    const QString overridden = qEnvironmentVariable("NIGHTWATT_POWERCAP_ROOT");
    return overridden.isEmpty() ? platform::powercapRoot() : overridden;
}

RaplSource::RaplSource(const QString &root, int intervalMs, QObject *parent)
    : LiveSource(parent)
    , m_root(root)
    , m_intervalMs(std::max(1, intervalMs))
    , m_clock(&monotonicNs)
{
}

RaplSource::~RaplSource()
{
    halt();
}

QString RaplSource::description() const
{
    return QStringLiteral("RAPL energy counters in %1 every %2 ms").arg(m_root).arg(m_intervalMs);
}

void RaplSource::open()
{
    if (m_root.isEmpty()) {
        fail(QStringLiteral("this system has no powercap folder of its own (RAPL counters are read from Linux sysfs): "
                            "give one with --rapl-root or NIGHTWATT_POWERCAP_ROOT"));
        return;
    }
    m_domains = findRaplDomains(m_root);
    if (m_domains.empty()) {
        fail(QStringLiteral("no RAPL energy counters under %1 (Linux powercap with the intel_rapl driver, on Intel or on AMD "
                            "with Linux 5.8 or newer; virtual machines usually have none)")
                 .arg(m_root));
        return;
    }
    m_last.assign(m_domains.size(), {});
    m_reportedError.assign(m_domains.size(), false);
    QStringList unreadable;
    for (size_t i = 0; i < m_domains.size(); ++i) {
        QString error;
        m_last[i] = readSysfsCounter(m_domains[i].energyPath, &error);
        if (!m_last[i].ok)
            unreadable.append(m_domains[i].energyPath);
    }
    if (unreadable.size() == qsizetype(m_domains.size())) {
        QFile probe(unreadable.first());
        if (!probe.open(QIODevice::ReadOnly) && probe.error() == QFileDevice::OpenError && !QFileInfo(probe).isReadable())
            fail(raplPermissionHelp(unreadable.first()));
        else
            fail(QStringLiteral("cannot read any RAPL counter under %1 (%2)").arg(m_root, probe.errorString()));
        return;
    }

    const QDateTime clockAtZero = QDateTime::currentDateTimeUtc();
    QByteArray head = NightwattCaptureWriter::header() + NightwattCaptureWriter::clock(clockAtZero)
        + NightwattCaptureWriter::timing(TimingKind::Windowed) + NightwattCaptureWriter::meta(QStringLiteral("source"), QStringLiteral("rapl"))
        + NightwattCaptureWriter::meta(QStringLiteral("powercap_root"), m_root);
    for (const RaplDomain &domain : m_domains)
        head += NightwattCaptureWriter::channel(domain.channel);
    deliver(head);
    for (const QString &path : std::as_const(unreadable))
        trace()->reportIssue(raplPermissionHelp(path));

    m_startNs = m_lastNs = m_clock();
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RaplSource::poll);
    m_timer->start(m_intervalMs);
}

void RaplSource::halt()
{
    delete m_timer;
    m_timer = nullptr;
}

void RaplSource::poll()
{
    if (!status().isRunning())
        return;
    const qint64 nowNs = m_clock();
    const qint64 elapsedNs = nowNs - m_lastNs;
    if (elapsedNs <= 0)
        return;
    const double windowS = double(elapsedNs) / 1e9;
    std::vector<float> watts(m_domains.size(), kMissing);
    for (size_t i = 0; i < m_domains.size(); ++i) {
        QString error;
        const SysfsReading now = readSysfsCounter(m_domains[i].energyPath, &error);
        if (!now.ok) {
            if (!m_reportedError[i] && m_last[i].ok) {
                m_reportedError[i] = true;
                trace()->reportIssue(QStringLiteral("cannot read %1 (%2); its power is missing until it can be read again")
                                         .arg(m_domains[i].energyPath, error));
            }
            m_last[i] = now;
            continue;
        }
        m_reportedError[i] = false;
        if (m_last[i].ok) {
            // The counter is unsigned and wraps to 0 after max_energy_range_uj.
            const double deltaUj = counterDelta(m_last[i].value, now.value, m_domains[i].maxRangeUj);
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
