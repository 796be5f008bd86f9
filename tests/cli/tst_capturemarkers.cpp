#include "nightwattrun.h"

#include "io/logloader.h"
#include "library/runlibrary.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <csignal>
#include <unistd.h>

using namespace nightwatt;

// `nightwatt capture --markers FILE` as a real process, reading a fake /sys/class/hwmon (its -o
// is a nightwatt-capture log), while the test plays a training script appending to the marker file.
class TestCaptureMarkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void killedCaptureKeepsTheMarkersWritten();
    void markersMustBeAFile();

private:
    struct Written
    {
        QString label;
        qint64 startMs = 0;
        std::optional<qint64> endMs; // unset: an instant
    };
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void appendLine(const QString &file, const QByteArray &line);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCaptureMarkers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCaptureMarkers::appendLine(const QString &file, const QByteArray &line)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
    QCOMPARE(f.write(line + '\n'), line.size() + 1);
}

// The marker file does not exist when the capture starts; the "trainer" then writes its header,
// three epochs and a checkpoint as epoch seconds. SIGKILL 1.5 s after the last line: the run in
// the library and the -o file hold every one of them, placed by the capture's clock, and agree.
void TestCaptureMarkers::killedCaptureKeepsTheMarkersWritten()
{
    const QDir root(path(QStringLiteral("hwmon")));
    QVERIFY(root.mkpath(QStringLiteral("hwmon0")));
    for (const auto &[file, text] : {std::pair{"hwmon0/name", "amdgpu\n"}, std::pair{"hwmon0/power1_average", "29000000\n"}}) {
        QSaveFile f(root.filePath(QString::fromLatin1(file)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        QVERIFY(f.commit());
    }
    const QString library = path(QStringLiteral("library.sqlite"));
    const QString out = path(QStringLiteral("capture.txt"));
    const QString markers = path(QStringLiteral("markers.csv"));

    QProcess capture;
    capture.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                  {QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("hwmon"), QStringLiteral("--hwmon-root"), root.path(),
                   QStringLiteral("--library"), library, QStringLiteral("-o"), out, QStringLiteral("--markers"), markers});
    const QString err = readStderrUntil(capture, QStringLiteral("capturing"));
    QVERIFY2(err.contains(QStringLiteral("capturing hwmon power sensors in ")), qPrintable(err));
    QThread::msleep(400); // the marker file is followed from the first sample on, and appears after it

    QList<Written> written;
    auto nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
    auto epochSeconds = [](qint64 ms) { return QByteArray::number(double(ms) / 1000.0, 'f', 3); };
    appendLine(markers, "time,event,label");
    for (int epoch = 1; epoch <= 3; ++epoch) {
        const QByteArray label = "epoch " + QByteArray::number(epoch);
        const qint64 startMs = nowMs();
        appendLine(markers, epochSeconds(startMs) + ",start," + label);
        QThread::msleep(150);
        const qint64 endMs = nowMs();
        appendLine(markers, epochSeconds(endMs) + ",stop," + label);
        written.append({QString::fromLatin1(label), startMs, endMs});
        if (epoch == 2) {
            const qint64 atMs = nowMs();
            appendLine(markers, epochSeconds(atMs) + ",mark,checkpoint saved");
            written.append({QStringLiteral("checkpoint saved"), atMs, std::nullopt});
        }
    }
    QThread::msleep(1500);
    QCOMPARE(capture.state(), QProcess::Running);
    QCOMPARE(::kill(pid_t(capture.processId()), SIGKILL), 0);
    QVERIFY(capture.waitForFinished(5000));
    QCOMPARE(capture.exitStatus(), QProcess::CrashExit);

    RunLibrary lib;
    QVERIFY2(lib.open(library), qPrintable(lib.errorString()));
    const QList<RunInfo> runs = lib.runs();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().status, RunStatus::Interrupted);
    const LoadedLog stored = lib.loadRun(runs.first().id);
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    const QDateTime clock = stored.trace.clockAtZero();
    QVERIFY(clock.isValid());
    QList<Marker> expected;
    auto place = [&](qint64 ms) { return double(clock.msecsTo(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()))) / 1000.0; };
    for (const Written &w : std::as_const(written)) {
        const MarkerKind kind = w.endMs ? MarkerKind::Epoch : MarkerKind::Marker;
        expected.append({kind, w.label, place(w.startMs), w.endMs ? std::optional<double>(place(*w.endMs)) : std::nullopt});
    }
    QCOMPARE(stored.trace.markers(), expected);
    // Written while the capture ran: within its samples.
    QVERIFY(expected.first().startS >= stored.trace.startS());
    QVERIFY(*expected.last().endS <= stored.trace.endS());

    const LoadedLog file = LogLoader::loadFile(out);
    QVERIFY2(file.ok(), qPrintable(file.error));
    QCOMPARE(file.formatId, QStringLiteral("nightwatt-capture"));
    QCOMPARE(file.trace.clockAtZero(), clock);
    QCOMPARE(file.trace.markers(), expected);
}

void TestCaptureMarkers::markersMustBeAFile()
{
    QProcess capture;
    capture.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {QStringLiteral("capture"), QStringLiteral("--source"), QStringLiteral("hwmon"),
                                                         QStringLiteral("--markers"), m_dir->path()});
    QVERIFY(capture.waitForFinished(15000));
    const QString err = QString::fromUtf8(capture.readAllStandardError());
    QCOMPARE(capture.exitCode(), 1);
    QVERIFY2(err.contains(QStringLiteral("--markers needs a file (it may not exist yet)")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCaptureMarkers)
#include "tst_capturemarkers.moc"
