#include "io/logloader.h"
#include "live/capturefilerecorder.h"
#include "live/replaysource.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

class TestReplaySource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSamplesAsImport_data();
    void sameSamplesAsImport();
    void pacedByTheSamplesTimes();
    void untimedLogIsPacedPerSample();
    void emptyOrUnknownFileFails();
};

void TestReplaySource::sameSamplesAsImport_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("m1-codecarbon") << QStringLiteral("powermetrics-m1-macbookair10_1-codecarbon.txt");
    QTest::newRow("m1max-macos13beta") << QStringLiteral("powermetrics-m1max-macos13beta-sspdd.txt");
    QTest::newRow("m2pro-macos26") << QStringLiteral("powermetrics-m2pro-mac14_10-macos26-gpu_power-EXCERPT-beszel.txt");
    QTest::newRow("m4-macos15") << QStringLiteral("powermetrics-m4-mac16_6-macos15-binsquare.txt");
}

// At a high speed a replay ends quickly and must hold exactly what importing the file gives, and
// its -o copy must be the file itself.
void TestReplaySource::sameSamplesAsImport()
{
    QFETCH(QString, file);
    const QString path = QStringLiteral(NIGHTWATT_TEST_DATA "/") + file;
    const LoadedLog imported = LogLoader::loadFile(path);
    QVERIFY2(imported.ok(), qPrintable(imported.error));

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("copy.txt"));
    CaptureFileRecorder recorder(out);
    ReplaySource source(path, 100000.0);
    source.addRecorder(&recorder);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QVERIFY(source.status().endedCleanly());

    const Trace replayed = source.trace()->snapshot();
    QCOMPARE(replayed.size(), imported.trace.size());
    QCOMPARE(replayed.channelCount(), imported.trace.channelCount());
    for (qsizetype i = 0; i < replayed.size(); ++i) {
        QCOMPARE(replayed.timeS(i), imported.trace.timeS(i));
        for (int c = 0; c < replayed.channelCount(); ++c) {
            const float a = replayed.value(c, i);
            const float b = imported.trace.value(c, i);
            QVERIFY(a == b || (isMissing(a) && isMissing(b)));
        }
    }
    QFile original(path), copy(out);
    QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), original.readAll());
}

void TestReplaySource::pacedByTheSamplesTimes()
{
    // Five 1-s windows at 10×: sample k is printed when its window ends, (k + 1) × 100 ms after
    // the start; the whole replay takes 500 ms and the samples arrive a few at a time.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("five.txt"));
    QByteArray log = "nightwatt-capture\t1\ntiming\twindowed\nchannel\tcpu\tcomponent\tCPU\n";
    for (int k = 0; k < 5; ++k)
        log += "sample\t" + QByteArray::number(k) + "\t1\t" + QByteArray::number(10 + k) + '\n';
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(log);
    file.close();

    ReplaySource source(path, 10.0);
    QSignalSpy appended(source.trace(), &LiveTrace::samplesAppended);
    QElapsedTimer clock;
    clock.start();
    source.start();
    QCOMPARE(source.plannedDurationMs(), 500);
    QCOMPARE(source.trace()->size(), 0); // the first window has not ended yet
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QVERIFY(clock.elapsed() >= 480);
    QCOMPARE(source.trace()->size(), 5);
    QTRY_VERIFY(appended.size() >= 3);
    QCOMPARE(source.trace()->snapshot().value(0, 4), 14.0f);
}

void TestReplaySource::untimedLogIsPacedPerSample()
{
    // grep'ed powermetrics lines carry no time: one sample per untimed interval.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grepped.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("CPU Power: 1000 mW\nGPU Power: 200 mW\nCPU Power: 1100 mW\nGPU Power: 300 mW\nCPU Power: 1200 mW\nGPU Power: 400 mW\n");
    file.close();
    ReplaySource source(path, 1.0);
    source.setUntimedIntervalMs(40);
    source.start();
    QCOMPARE(source.plannedDurationMs(), 120); // 3 samples × 40 ms
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 5000);
    QCOMPARE(source.trace()->size(), 3);
}

void TestReplaySource::emptyOrUnknownFileFails()
{
    QTemporaryDir dir;
    const QString empty = dir.filePath(QStringLiteral("empty.txt"));
    QFile(empty).open(QIODevice::WriteOnly);
    ReplaySource emptySource(empty);
    emptySource.start();
    QCOMPARE(emptySource.status().state, LiveStatus::State::Failed);
    QVERIFY(emptySource.status().message.endsWith(QStringLiteral("is empty")));

    const QString garbage = dir.filePath(QStringLiteral("garbage.txt"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello\nworld\n");
    file.close();
    ReplaySource garbageSource(garbage);
    garbageSource.start();
    QCOMPARE(garbageSource.status().state, LiveStatus::State::Failed);
    QVERIFY(garbageSource.status().message.contains(QStringLiteral("not a power log Nightwatt knows")));

    ReplaySource missing(dir.filePath(QStringLiteral("missing.txt")));
    missing.start();
    QCOMPARE(missing.status().state, LiveStatus::State::Failed);
    QVERIFY(missing.status().message.startsWith(QStringLiteral("cannot read ")));
}

QTEST_GUILESS_MAIN(TestReplaySource)
#include "tst_replaysource.moc"
