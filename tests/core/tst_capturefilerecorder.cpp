// The -o file of a capture when the disk fills up: every byte written before the failure stays in
// the file, nothing is appended after it (so the file never has a hole), and the recorder says
// what happened, naming the file, the byte count and the system's reason.
#include "io/logloader.h"
#include "live/capturefilerecorder.h"
#include "live/replaysource.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace nightwatt;

class TestCaptureFileRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesEverything();
    void diskFull_data();
    void diskFull();
};

namespace {

// One powermetrics window, all windows the same length (the timestamp's width never changes).
QByteArray window(int index)
{
    return QStringLiteral("*** Sampled system activity (Tue Aug 16 23:%1:%2 2022 +0200) (1000.00ms elapsed) ***\n"
                          "CPU Power: %3 mW\nGPU Power: 25 mW\n\n")
        .arg(10 + index / 60, 2, 10, QLatin1Char('0'))
        .arg(index % 60, 2, 10, QLatin1Char('0'))
        .arg(1000 + index % 9000, 4, 10, QLatin1Char('0'))
        .toUtf8();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

enum class Fault { Tmpfs, FileSizeLimit, DevFull };

} // namespace

Q_DECLARE_METATYPE(Fault)

void TestCaptureFileRecorder::writesEverything()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("run.txt"));
    ReplaySource source(out);
    CaptureFileRecorder recorder(out);
    QString error;
    QVERIFY(recorder.begin(source, &error));
    QByteArray written;
    for (int i = 0; i < 10; ++i) {
        written += window(i);
        recorder.write(window(i));
    }
    recorder.end({});
    QVERIFY(!recorder.failed());
    QVERIFY(recorder.error().isEmpty());
    QCOMPARE(recorder.bytesWritten(), qint64(written.size()));
    QCOMPARE(readFile(out), written);
}

void TestCaptureFileRecorder::diskFull_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("reason");
    // A real full file system: a 64 KiB tmpfs, needs root (and mount rights).
    QTest::newRow("tmpfs of 64 KiB") << Fault::Tmpfs << QStringLiteral("No space left on device");
    // The same failure injected without root: the process may not grow a file past 64 KiB.
    QTest::newRow("file size limit") << Fault::FileSizeLimit << QStringLiteral("File too large");
    // A device that is always full: not even the first write succeeds.
    QTest::newRow("/dev/full") << Fault::DevFull << QStringLiteral("No space left on device");
}

void TestCaptureFileRecorder::diskFull()
{
    QFETCH(Fault, fault);
    QFETCH(QString, reason);
    constexpr qint64 kLimit = 64 * 1024;

    QTemporaryDir dir;
    QString out = dir.filePath(QStringLiteral("run.txt"));
    const QByteArray mountPoint = QFile::encodeName(dir.path());
    bool mounted = false;
    const auto unmount = qScopeGuard([&] {
        if (mounted)
            ::umount2(mountPoint.constData(), MNT_DETACH);
    });
    rlimit oldLimit{};
    bool limited = false;
    const auto unlimit = qScopeGuard([&] {
        if (limited) {
            ::setrlimit(RLIMIT_FSIZE, &oldLimit);
            std::signal(SIGXFSZ, SIG_DFL);
        }
    });
    switch (fault) {
    case Fault::Tmpfs:
        if (::geteuid() != 0)
            QSKIP("needs root to mount a tmpfs; the file size limit row injects the same failure");
        if (::mount("nightwatt-test", mountPoint.constData(), "tmpfs", 0, "size=64k") != 0)
            QSKIP("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)");
        mounted = true;
        break;
    case Fault::FileSizeLimit: {
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &oldLimit), 0);
        rlimit small = oldLimit;
        small.rlim_cur = kLimit;
        std::signal(SIGXFSZ, SIG_IGN); // otherwise the kernel kills the process instead of failing the write
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        limited = true;
        break;
    }
    case Fault::DevFull:
        out = QStringLiteral("/dev/full");
        break;
    }

    ReplaySource source(out);
    CaptureFileRecorder recorder(out);
    QString error;
    QVERIFY2(recorder.begin(source, &error), qPrintable(error));
    QByteArray offered;
    for (int i = 0; i < 1000; ++i) { // 1000 windows of ~105 bytes: ~105 KB, well past 64 KiB
        const QByteArray bytes = window(i);
        offered += bytes;
        recorder.write(bytes);
    }
    recorder.end({});

    QVERIFY(recorder.failed());
    QVERIFY2(recorder.error().contains(out) && recorder.error().contains(reason), qPrintable(recorder.error()));
    QVERIFY2(recorder.error().contains(QStringLiteral("after %1 bytes").arg(recorder.bytesWritten())), qPrintable(recorder.error()));
    if (fault == Fault::DevFull) {
        QCOMPARE(recorder.bytesWritten(), qint64(0));
        return;
    }
    // The file holds exactly the first bytesWritten() bytes it was given, up to the limit: a tmpfs
    // counts whole 4 KiB pages, so it fills to the byte, as does the size limit.
    QCOMPARE(recorder.bytesWritten(), kLimit);
    const QByteArray kept = readFile(out);
    QCOMPARE(kept.size(), qsizetype(kLimit));
    QVERIFY(kept == offered.first(kept.size()));

    // It loads as a log cut off where the disk filled: every whole window before the cut is a
    // sample. Windows are equal in length, so the whole ones are floor(64 KiB / window length);
    // the last of them ends only when the next header starts, which it does unless the cut falls
    // exactly on a window boundary.
    const LoadedLog log = LogLoader::loadFile(out);
    QVERIFY2(log.ok(), qPrintable(log.error));
    const qsizetype whole = kLimit / window(0).size();
    QVERIFY2(log.trace.size() == whole || log.trace.size() == whole - 1,
             qPrintable(QStringLiteral("%1 samples, %2 whole windows").arg(log.trace.size()).arg(whole)));
}

QTEST_GUILESS_MAIN(TestCaptureFileRecorder)
#include "tst_capturefilerecorder.moc"
