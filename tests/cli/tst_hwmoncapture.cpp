#include "nightwattrun.h"

#include "analysis/tracestats.h"
#include "io/logloader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace nightwatt;

// `nightwatt capture --source hwmon` as a real process, reading a fake /sys/class/hwmon whose
// energy counter this test advances while the capture runs.
class TestHwmonCapture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capturedEnergyMatchesTheCounter();
    void folderWithoutPowerSensorsFails();

private:
    static void write(const QDir &root, const QString &file, const QByteArray &text);
};

void TestHwmonCapture::write(const QDir &root, const QString &file, const QByteArray &text)
{
    QVERIFY(root.mkpath(QFileInfo(root.filePath(file)).path()));
    // sysfs hands out a whole value or none; a truncate-then-write could be read empty in between.
    QSaveFile f(root.filePath(file));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    QVERIFY(f.commit());
}

void TestHwmonCapture::capturedEnergyMatchesTheCounter()
{
    QTemporaryDir dir;
    const QDir root(dir.filePath(QStringLiteral("hwmon")));
    // An amdgpu card with only a power figure (29 W in µW) and an amd_energy socket counter (µJ).
    write(root, QStringLiteral("hwmon0/name"), "amdgpu\n");
    write(root, QStringLiteral("hwmon0/power1_label"), "PPT\n");
    write(root, QStringLiteral("hwmon0/power1_average"), "29000000\n");
    write(root, QStringLiteral("hwmon0/temp1_input"), "53000\n");
    write(root, QStringLiteral("hwmon1/name"), "amd_energy\n");
    write(root, QStringLiteral("hwmon1/energy1_label"), "Esocket0\n");
    constexpr quint64 kStartUj = 123'000'000;
    write(root, QStringLiteral("hwmon1/energy1_input"), QByteArray::number(kStartUj) + '\n');

    const QString out = dir.filePath(QStringLiteral("out.csv"));
    QProcess capture;
    capture.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("hwmon"),
                                                         QStringLiteral("--hwmon-root"), root.path(), QStringLiteral("--duration"),
                                                         QStringLiteral("3"), QStringLiteral("-o"), out});
    // The start line comes as the counters are first read; the counter moves only after it.
    QString err = readStderrUntil(capture, QStringLiteral("capturing"));
    QVERIFY2(err.contains(QStringLiteral("capturing hwmon power sensors in ")), qPrintable(err));
    QThread::msleep(300);
    // 20 steps of 0.75 J, 25 ms apart: 15 J in all, while the capture still runs.
    quint64 counter = kStartUj;
    for (int step = 0; step < 20; ++step) {
        counter += 750'000;
        write(root, QStringLiteral("hwmon1/energy1_input"), QByteArray::number(counter) + '\n');
        QThread::msleep(25);
    }
    QCOMPARE(capture.state(), QProcess::Running); // the last step was read before the end
    QVERIFY(capture.waitForFinished(20000));
    err += QString::fromUtf8(capture.readAllStandardError());
    QVERIFY2(capture.exitCode() == 0, qPrintable(err));

    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nightwatt-capture"));
    // At least two samples a second over the 3 s (the default interval is 250 ms).
    QVERIFY2(log.trace.size() >= 6, qPrintable(QString::number(log.trace.size())));
    const TraceStats stats = analyzeTrace(log.trace);
    const ChannelStats *socket = stats.channel(QStringLiteral("amd_energy_hwmon1_esocket0"));
    QVERIFY(socket && socket->energyWh);
    const double capturedJ = *socket->energyWh * 3600.0;
    const double counterJ = double(counter - kStartUj) / 1e6; // 15 J
    QVERIFY2(std::abs(capturedJ - counterJ) <= 0.001 * counterJ,
             qPrintable(QStringLiteral("captured %1 J, the counter moved %2 J").arg(capturedJ, 0, 'g', 9).arg(counterJ)));
    // The card's power figure is read as it stands: 29 W in every interval.
    QCOMPARE(stats.channel(QStringLiteral("amdgpu_hwmon0_ppt"))->maxW, 29.0);
    QCOMPARE(stats.total.components, QStringList{QStringLiteral("amdgpu_hwmon0_ppt")});
}

void TestHwmonCapture::folderWithoutPowerSensorsFails()
{
    QTemporaryDir dir;
    const QDir root(dir.path());
    write(root, QStringLiteral("hwmon0/name"), "k10temp\n");
    write(root, QStringLiteral("hwmon0/temp1_input"), "53000\n");
    QProcess capture;
    capture.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("hwmon"),
                                                         QStringLiteral("--hwmon-root"), root.path(), QStringLiteral("--duration"),
                                                         QStringLiteral("1")});
    QVERIFY(capture.waitForFinished(15000));
    const QString err = QString::fromUtf8(capture.readAllStandardError());
    QCOMPARE(capture.exitCode(), 3);
    QVERIFY2(err.contains(QStringLiteral("no hwmon power sensor under ")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestHwmonCapture)
#include "tst_hwmoncapture.moc"
