// `nightwatt capture -o FILE` when FILE cannot be written whole: the person is told (a
// "nightwatt:" line naming the file and the reason), the capture still ends with its summary,
// the exit code says the capture failed, and what was written stays readable.
// (The sampler killed and Nightwatt killed are in tst_programsource and tst_capturecommand.)
#include "io/logloader.h"

#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <unistd.h>

using namespace nightwatt;

class TestCaptureFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outputDeviceFull();
    void outputFileSystemFills();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString err;
};

Run capture(const QString &out, int samples)
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                  {QStringLiteral("capture"), QStringLiteral("-o"), out, QStringLiteral("--"), QStringLiteral(NIGHTWATT_FAKE_SAMPLER),
                   QStringLiteral("--count"), QString::number(samples), QStringLiteral("--interval-ms"), QStringLiteral("1")});
    process.waitForFinished(120000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

// /dev/full refuses every write with ENOSPC: nothing reaches the file, the samples are still
// counted in the summary, and the exit code is 3 (capture failed) rather than 0.
void TestCaptureFaults::outputDeviceFull()
{
    const Run run = capture(QStringLiteral("/dev/full"), 5);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: writing /dev/full failed after 0 bytes: No space left on device")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("samples  5")), qPrintable(run.err));
}

// A 64 KiB file system fills up part-way: the file keeps its first 64 KiB, which load as the
// first samples of the capture. The fake sampler's windows are ~130 bytes, so 2000 of them are
// far more than fits.
void TestCaptureFaults::outputFileSystemFills()
{
    if (::geteuid() != 0)
        QSKIP("needs root to mount a tmpfs; tst_capturefilerecorder injects the same failure without root");
    QTemporaryDir dir;
    const QByteArray mountPoint = QFile::encodeName(dir.path());
    if (::mount("nightwatt-test", mountPoint.constData(), "tmpfs", 0, "size=64k") != 0)
        QSKIP("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)");
    const auto unmount = qScopeGuard([&] { ::umount2(mountPoint.constData(), MNT_DETACH); });

    const QString out = dir.filePath(QStringLiteral("run.txt"));
    const Run run = capture(out, 2000);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(QStringLiteral("nightwatt: writing %1 failed after 65536 bytes: No space left on device").arg(out)),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("samples  2000")), qPrintable(run.err)); // all of them, in memory

    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(QFile(out).size(), qint64(65536));
    // Sample k draws CPU (1000 + 10 k) mW: the samples kept are the first ones, in order.
    QVERIFY(log.trace.size() > 100 && log.trace.size() < 2000);
    const int cpu = log.trace.indexOf(QStringLiteral("cpu"));
    QVERIFY(cpu >= 0);
    for (qsizetype k = 0; k < log.trace.size(); ++k)
        QVERIFY2(qAbs(log.trace.value(cpu, k) - (1000.0 + 10.0 * double(k)) / 1000.0) < 1e-5, qPrintable(QString::number(k)));
}

QTEST_GUILESS_MAIN(TestCaptureFaults)
#include "tst_capturefaults.moc"
