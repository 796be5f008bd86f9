#include "live/hwmonsource.h"
#include "platform/platform.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

// A fake /sys/class/hwmon in a temporary folder, read with a fake clock so every interval, and
// so every expected power, is exact.
class TestHwmonSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void findsPowerSensors();
    void countersAndFiguresBecomeWatts();
    void noSensors();
    void withoutAFolderNothingIsGuessed();
    void defaultFolderIsTheSystems();

private:
    void write(const QString &file, const QByteArray &text);

    std::unique_ptr<QTemporaryDir> m_root;
    qint64 m_nowNs = 0;
};

void TestHwmonSource::write(const QString &file, const QByteArray &text)
{
    QDir root(m_root->path());
    QVERIFY(root.mkpath(QFileInfo(root.filePath(file)).path()));
    QFile f(root.filePath(file));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text + '\n');
}

void TestHwmonSource::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_nowNs = 0;
    // hwmon10 is read after hwmon2, not between hwmon1 and hwmon2.
    write(QStringLiteral("hwmon10/name"), "amd_energy");
    write(QStringLiteral("hwmon10/energy1_label"), "Esocket0");
    write(QStringLiteral("hwmon10/energy1_input"), "1000000");
    // amdgpu iGPU: both figures; the average is read (as sensors -u shows 5.088, not 8.144).
    write(QStringLiteral("hwmon2/name"), "amdgpu");
    write(QStringLiteral("hwmon2/power1_label"), "PPT");
    write(QStringLiteral("hwmon2/power1_average"), "5088000");
    write(QStringLiteral("hwmon2/power1_input"), "8144000");
    write(QStringLiteral("hwmon2/power1_cap"), "120000000");
    // A temperature sensor only: no power.
    write(QStringLiteral("hwmon1/name"), "k10temp");
    write(QStringLiteral("hwmon1/temp1_input"), "90000");
}

void TestHwmonSource::findsPowerSensors()
{
    const std::vector<HwmonSensor> sensors = findHwmonSensors(m_root->path());
    QCOMPARE(sensors.size(), size_t(2));
    QCOMPARE(sensors[0].channel.id, QStringLiteral("amdgpu_hwmon2_ppt"));
    QCOMPARE(sensors[0].channel.role, ChannelRole::Component);
    QVERIFY(sensors[0].path.endsWith(QStringLiteral("power1_average")));
    QVERIFY(!sensors[0].energyCounter);
    QCOMPARE(sensors[1].channel.id, QStringLiteral("amd_energy_hwmon10_esocket0"));
    QCOMPARE(sensors[1].channel.role, ChannelRole::Auxiliary);
    QVERIFY(sensors[1].energyCounter);
}

void TestHwmonSource::countersAndFiguresBecomeWatts()
{
    HwmonSource source(m_root->path(), 1000000); // the timer never fires: the test polls
    source.setClock([this] { return m_nowNs; });
    source.start();
    QCOMPARE(source.status().state, LiveStatus::State::Running);
    // 0.5 s later the socket counter moved 30 J: 60 W.
    m_nowNs = 500'000'000;
    write(QStringLiteral("hwmon10/energy1_input"), "31000000");
    source.poll();
    // 0.25 s later: +2.5 J = 10 W; the card's average is now 7.5 W.
    m_nowNs = 750'000'000;
    write(QStringLiteral("hwmon10/energy1_input"), "33500000");
    write(QStringLiteral("hwmon2/power1_average"), "7500000");
    source.poll();
    // The counter goes back (a driver reload): how far it went cannot be known, so it is missing.
    m_nowNs = 1'000'000'000;
    write(QStringLiteral("hwmon10/energy1_input"), "100");
    source.poll();

    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.timing(), TimingKind::Windowed);
    QCOMPARE(trace.size(), 3);
    const int socket = trace.indexOf(QStringLiteral("amd_energy_hwmon10_esocket0"));
    const int gpu = trace.indexOf(QStringLiteral("amdgpu_hwmon2_ppt"));
    QCOMPARE(trace.windowS(0), 0.5f);
    QCOMPARE(trace.value(socket, 0), 60.0f);
    QCOMPARE(trace.value(gpu, 0), 5.088f);
    QCOMPARE(trace.windowS(1), 0.25f);
    QCOMPARE(trace.value(socket, 1), 10.0f);
    QCOMPARE(trace.value(gpu, 1), 7.5f);
    QVERIFY(isMissing(trace.value(socket, 2)));
    source.stop();
}

void TestHwmonSource::noSensors()
{
    QTemporaryDir empty;
    HwmonSource source(empty.path());
    source.start();
    QCOMPARE(source.status().state, LiveStatus::State::Failed);
    QVERIFY(source.status().message.startsWith(QStringLiteral("no hwmon power sensor under ")));
}

void TestHwmonSource::withoutAFolderNothingIsGuessed()
{
    // A system without a hwmon folder of its own gives an empty root. The working folder
    // holds sensors here: an empty root must not be read as "the current folder".
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_root->path()));
    HwmonSource source{QString()};
    source.start();
    QDir::setCurrent(previous);
    QCOMPARE(source.status().state, LiveStatus::State::Failed);
    QVERIFY2(source.status().message.contains(QStringLiteral("--hwmon-root")), qPrintable(source.status().message));
}

void TestHwmonSource::defaultFolderIsTheSystems()
{
    const QByteArray previous = qgetenv("NIGHTWATT_HWMON_ROOT");
    qunsetenv("NIGHTWATT_HWMON_ROOT");
    const QString root = HwmonSource::defaultRoot();
    qputenv("NIGHTWATT_HWMON_ROOT", previous);
    QCOMPARE(root, platform::kLinux ? QStringLiteral("/sys/class/hwmon") : QString());
}

QTEST_GUILESS_MAIN(TestHwmonSource)
#include "tst_hwmonsource.moc"
