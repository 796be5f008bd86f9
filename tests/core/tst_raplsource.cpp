#include "io/logloader.h"
#include "live/capturefilerecorder.h"
#include "live/raplsource.h"
#include "platform/platform.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

// A fake /sys/class/powercap in a temporary folder, read with a fake clock so every interval, and
// so every expected power, is exact.
class TestRaplSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void findsDomainsPackagesFirst();
    void powerIsEnergyDeltaOverTime();
    void counterWrapAround();
    void counterGoingBackWithoutRange();
    void outputReadsBack();
    void noCounters();
    void withoutAFolderNothingIsGuessed();
    void defaultFolderIsTheSystems();
    void permissionHelpExplainsTheCve();

private:
    void writeZone(const QString &zone, const QString &name, quint64 energyUj, quint64 rangeUj);
    void setEnergy(const QString &zone, quint64 energyUj);

    std::unique_ptr<QTemporaryDir> m_root;
    qint64 m_nowNs = 0;
};

// Counter ranges as on a real Intel machine: packages and cores wrap at 2^38 µJ-ish figures.
constexpr quint64 kRange = 262143328850;

void TestRaplSource::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_nowNs = 0;
    QDir(m_root->path()).mkdir(QStringLiteral("intel-rapl")); // the control type: no energy_uj
    writeZone(QStringLiteral("intel-rapl:0"), QStringLiteral("package-0"), 1000000, kRange);
    writeZone(QStringLiteral("intel-rapl:0:0"), QStringLiteral("core"), 500000, kRange);
    writeZone(QStringLiteral("intel-rapl:0:1"), QStringLiteral("dram"), 0, 65532610987);
    writeZone(QStringLiteral("intel-rapl:1"), QStringLiteral("package-1"), 2000000, kRange);
    // The MMIO interface repeats package 0: reading it too would count the package twice.
    writeZone(QStringLiteral("intel-rapl-mmio:0"), QStringLiteral("package-0"), 1000000, kRange);
}

void TestRaplSource::writeZone(const QString &zone, const QString &name, quint64 energyUj, quint64 rangeUj)
{
    QDir root(m_root->path());
    QVERIFY(root.mkpath(zone));
    QFile nameFile(root.filePath(zone + QStringLiteral("/name")));
    QVERIFY(nameFile.open(QIODevice::WriteOnly));
    nameFile.write(name.toUtf8() + '\n');
    QFile rangeFile(root.filePath(zone + QStringLiteral("/max_energy_range_uj")));
    QVERIFY(rangeFile.open(QIODevice::WriteOnly));
    rangeFile.write(QByteArray::number(rangeUj) + '\n');
    setEnergy(zone, energyUj);
}

void TestRaplSource::setEnergy(const QString &zone, quint64 energyUj)
{
    QFile file(QDir(m_root->path()).filePath(zone + QStringLiteral("/energy_uj")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray::number(energyUj) + '\n');
}

void TestRaplSource::findsDomainsPackagesFirst()
{
    const std::vector<RaplDomain> domains = findRaplDomains(m_root->path());
    QCOMPARE(domains.size(), size_t(4));
    QCOMPARE(domains[0].channel.id, QStringLiteral("package0"));
    QCOMPARE(domains[0].channel.role, ChannelRole::Component);
    QCOMPARE(domains[0].maxRangeUj, kRange);
    QCOMPARE(domains[1].channel.id, QStringLiteral("package1"));
    QCOMPARE(domains[1].channel.role, ChannelRole::Component);
    QCOMPARE(domains[2].channel.id, QStringLiteral("core0"));
    QCOMPARE(domains[2].channel.role, ChannelRole::Auxiliary);
    QCOMPARE(domains[3].channel.id, QStringLiteral("dram0"));
    QCOMPARE(domains[3].channel.role, ChannelRole::Auxiliary);
}

void TestRaplSource::powerIsEnergyDeltaOverTime()
{
    RaplSource source(m_root->path(), 1000000); // the timer never fires: the test polls
    source.setClock([this] { return m_nowNs; });
    source.start();
    QCOMPARE(source.status().state, LiveStatus::State::Running);

    // 0.5 s later: package 0 +25 J, cores +10 J, DRAM +1.5 J, package 1 +5 J.
    m_nowNs = 500'000'000;
    setEnergy(QStringLiteral("intel-rapl:0"), 1000000 + 25000000);
    setEnergy(QStringLiteral("intel-rapl:0:0"), 500000 + 10000000);
    setEnergy(QStringLiteral("intel-rapl:0:1"), 1500000);
    setEnergy(QStringLiteral("intel-rapl:1"), 2000000 + 5000000);
    source.poll();
    // 0.25 s later: package 0 +3 J, package 1 unchanged (0 W is a reading, not missing).
    m_nowNs = 750'000'000;
    setEnergy(QStringLiteral("intel-rapl:0"), 1000000 + 28000000);
    source.poll();

    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.timing(), TimingKind::Windowed);
    QCOMPARE(trace.size(), 2);
    const int p0 = trace.indexOf(QStringLiteral("package0"));
    const int p1 = trace.indexOf(QStringLiteral("package1"));
    const int core = trace.indexOf(QStringLiteral("core0"));
    const int dram = trace.indexOf(QStringLiteral("dram0"));
    QCOMPARE(trace.timeS(0), 0.0);
    QCOMPARE(trace.windowS(0), 0.5f);
    QCOMPARE(trace.value(p0, 0), 50.0f);  // 25 J / 0.5 s
    QCOMPARE(trace.value(core, 0), 20.0f); // 10 J / 0.5 s
    QCOMPARE(trace.value(dram, 0), 3.0f);  // 1.5 J / 0.5 s
    QCOMPARE(trace.value(p1, 0), 10.0f);   // 5 J / 0.5 s
    QCOMPARE(trace.timeS(1), 0.5);
    QCOMPARE(trace.windowS(1), 0.25f);
    QCOMPARE(trace.value(p0, 1), 12.0f);   // 3 J / 0.25 s
    QCOMPARE(trace.value(p1, 1), 0.0f);
    source.stop();
    QCOMPARE(source.status().state, LiveStatus::State::Stopped);
}

void TestRaplSource::counterWrapAround()
{
    setEnergy(QStringLiteral("intel-rapl:0"), kRange - 329000); // 0.329 J before the wrap
    RaplSource source(m_root->path(), 1000000);
    source.setClock([this] { return m_nowNs; });
    source.start();
    m_nowNs = 250'000'000;
    setEnergy(QStringLiteral("intel-rapl:0"), 1000000); // wrapped, then 1 J more
    source.poll();
    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.size(), 1);
    // ΔE = 1000000 − (262143328850 − 329000) + 262143328850 = 1329000 µJ = 1.329 J over 0.25 s
    QCOMPARE(trace.value(trace.indexOf(QStringLiteral("package0")), 0), 5.316f);
    QCOMPARE(source.trace()->issueCount(), 0);
}

void TestRaplSource::counterGoingBackWithoutRange()
{
    writeZone(QStringLiteral("intel-rapl:0"), QStringLiteral("package-0"), 9000000, 0); // range unknown
    RaplSource source(m_root->path(), 1000000);
    source.setClock([this] { return m_nowNs; });
    source.start();
    m_nowNs = 1'000'000'000;
    setEnergy(QStringLiteral("intel-rapl:0"), 1000000);
    setEnergy(QStringLiteral("intel-rapl:1"), 2000000 + 7000000);
    source.poll();
    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.size(), 1);
    // How far the counter went round cannot be known: missing, never 0 and never negative.
    QVERIFY(isMissing(trace.value(trace.indexOf(QStringLiteral("package0")), 0)));
    QCOMPARE(trace.value(trace.indexOf(QStringLiteral("package1")), 0), 7.0f);
}

void TestRaplSource::outputReadsBack()
{
    const QString out = m_root->filePath(QStringLiteral("rapl-capture.txt"));
    CaptureFileRecorder recorder(out);
    RaplSource source(m_root->path(), 1000000);
    source.setClock([this] { return m_nowNs; });
    source.addRecorder(&recorder);
    source.start();
    for (int i = 1; i <= 3; ++i) {
        m_nowNs = qint64(i) * 200'000'000;
        setEnergy(QStringLiteral("intel-rapl:0"), 1000000 + quint64(i) * 4000000); // 4 J per 0.2 s = 20 W
        source.poll();
    }
    source.stop();
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nightwatt-capture"));
    QCOMPARE(log.trace.size(), 3);
    QCOMPARE(log.trace.channelCount(), 4);
    QCOMPARE(log.trace.value(log.trace.indexOf(QStringLiteral("package0")), 2), 20.0f);
    QCOMPARE(log.trace.timeS(2), 0.4);
    QCOMPARE(log.metadata.value(QStringLiteral("source")), QStringLiteral("rapl"));
}

void TestRaplSource::noCounters()
{
    QTemporaryDir empty;
    RaplSource source(empty.path());
    source.start();
    QCOMPARE(source.status().state, LiveStatus::State::Failed);
    QVERIFY(source.status().message.startsWith(QStringLiteral("no RAPL energy counters under ")));
}

void TestRaplSource::withoutAFolderNothingIsGuessed()
{
    // A system without a powercap folder of its own gives an empty root. The working folder
    // holds sensors here: an empty root must not be read as "the current folder".
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_root->path()));
    RaplSource source{QString()};
    source.start();
    QDir::setCurrent(previous);
    QCOMPARE(source.status().state, LiveStatus::State::Failed);
    QVERIFY2(source.status().message.contains(QStringLiteral("--rapl-root")), qPrintable(source.status().message));
}

void TestRaplSource::defaultFolderIsTheSystems()
{
    const QByteArray previous = qgetenv("NIGHTWATT_POWERCAP_ROOT");
    qunsetenv("NIGHTWATT_POWERCAP_ROOT");
    const QString root = RaplSource::defaultRoot();
    qputenv("NIGHTWATT_POWERCAP_ROOT", previous);
    QCOMPARE(root, platform::kLinux ? QStringLiteral("/sys/class/powercap") : QString());
}

void TestRaplSource::permissionHelpExplainsTheCve()
{
    // Tests run as root, where nothing is unreadable; the wording is checked directly.
    const QString help = raplPermissionHelp(QStringLiteral("/sys/class/powercap/intel-rapl:0/energy_uj"));
    QVERIFY(help.startsWith(QStringLiteral("cannot read /sys/class/powercap/intel-rapl:0/energy_uj: permission denied")));
    QVERIFY(help.contains(QStringLiteral("CVE-2020-8694")));
    QVERIFY(help.contains(QStringLiteral("sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj")));
    QVERIFY(help.contains(QStringLiteral("udev")));
}

QTEST_GUILESS_MAIN(TestRaplSource)
#include "tst_raplsource.moc"
