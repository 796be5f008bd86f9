#include "live/capturefilerecorder.h"
#include "live/followsource.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

// Follows files the test appends to. Most cases use Nightwatt's own capture format, where a
// sample is complete at the end of its line, so every step has an exact expected trace.
class TestFollowSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void partialLineWaitsForItsNewline();
    void recognisesPowermetrics();
    void truncationStartsOver();
    void rotationFollowsTheNewFile();
    void fromTheEndSkipsWhatWasThere();
    void fromTheEndRecordsWhatTheRunHolds();
    void waitsForTheFileToAppear();
    void fromTheEndReadsAFileThatAppearsLater();
    void stopKeepsSamplesAndRecordsTheBytes();

private:
    void append(const QByteArray &bytes);
    static QByteArray header()
    {
        return "nightwatt-capture\t1\ntiming\twindowed\nchannel\tcpu\tcomponent\tCPU\n";
    }
    static QByteArray sample(double t, double watts)
    {
        return "sample\t" + QByteArray::number(t) + "\t1\t" + QByteArray::number(watts) + '\n';
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestFollowSource::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("run.log"));
}

void TestFollowSource::append(const QByteArray &bytes)
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

void TestFollowSource::partialLineWaitsForItsNewline()
{
    append(header() + sample(0, 10));
    FollowSource source(m_path);
    source.setPollInterval(20);
    source.start();
    QTRY_COMPARE(source.trace()->size(), 1);
    QCOMPARE(source.formatId(), QStringLiteral("nightwatt-capture"));

    // "12" could be the start of "125": nothing may be read from it until the newline comes.
    append("sample\t1\t1\t12");
    QTest::qWait(150);
    QCOMPARE(source.trace()->size(), 1);
    append("5\n");
    QTRY_COMPARE(source.trace()->size(), 2);
    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.value(0, 1), 125.0f);
    QCOMPARE(trace.timeS(1), 1.0);
    QCOMPARE(source.trace()->issueCount(), 0);
}

void TestFollowSource::recognisesPowermetrics()
{
    // A powermetrics block is only complete when the next header starts (or the input ends).
    const QByteArray block = "*** Sampled system activity (Fri Nov 27 10:00:01 2026 +0000) (1000.00ms elapsed) ***\n\n"
                             "CPU Power: 4000 mW\nGPU Power: 1000 mW\n\n";
    append("Machine model: Mac16,1\nOS version: 24F74\n\n" + block);
    FollowSource source(m_path);
    source.setPollInterval(20);
    source.start();
    QTRY_COMPARE(source.formatId(), QStringLiteral("powermetrics-text"));
    QCOMPARE(source.trace()->size(), 0);
    append(block);
    QTRY_COMPARE(source.trace()->size(), 1);
    source.stop(); // the end of input completes the second block
    QCOMPARE(source.trace()->size(), 2);
    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.value(trace.indexOf(QStringLiteral("cpu")), 1), 4.0f);
    QCOMPARE(trace.timeS(1), 1.0); // second 1-s window
}

void TestFollowSource::truncationStartsOver()
{
    append(header() + sample(0, 10) + sample(1, 11) + sample(2, 12));
    FollowSource source(m_path);
    source.setPollInterval(20);
    source.start();
    QTRY_COMPARE(source.trace()->size(), 3);

    // The writer starts over (`>` instead of `>>`): a shorter file with its own axis from 0.
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(header() + sample(0, 20));
    }
    QTRY_COMPARE(source.trace()->size(), 4);
    append(sample(1, 21));
    QTRY_COMPARE(source.trace()->size(), 5);

    const Trace trace = source.trace()->snapshot();
    // The old part ended at 3 s (last window 2..3 s); the new part continues there.
    QCOMPARE(trace.timeS(3), 3.0);
    QCOMPARE(trace.value(0, 3), 20.0f);
    QCOMPARE(trace.timeS(4), 4.0);
    QCOMPARE(trace.value(0, 4), 21.0f);
    const QList<ParseIssue> issues = source.trace()->issues();
    QCOMPARE(issues.size(), 1);
    QVERIFY(issues.first().message.contains(QStringLiteral("was truncated")));
}

void TestFollowSource::rotationFollowsTheNewFile()
{
    append(header() + sample(0, 10) + sample(1, 11));
    FollowSource source(m_path);
    source.setPollInterval(20);
    source.start();
    QTRY_COMPARE(source.trace()->size(), 2);

    // logrotate: the old file moves away (after a last line) and a new one takes its name.
    append(sample(2, 12));
    QVERIFY(QFile::rename(m_path, m_path + QStringLiteral(".1")));
    append(header() + sample(0, 30) + sample(1, 31));
    QTRY_COMPARE(source.trace()->size(), 5);
    const Trace trace = source.trace()->snapshot();
    QCOMPARE(trace.value(0, 2), 12.0f); // the old file's last line was not lost
    QCOMPARE(trace.value(0, 3), 30.0f);
    QCOMPARE(trace.timeS(3), 3.0);
    bool rotated = false;
    for (const ParseIssue &issue : source.trace()->issues())
        // Depending on when the poll comes, the path is seen replaced, or briefly gone and back.
        rotated = rotated || issue.message.contains(QStringLiteral("replaced by a new file"))
            || issue.message.contains(QStringLiteral("was deleted"));
    QVERIFY(rotated);
}

void TestFollowSource::fromTheEndSkipsWhatWasThere()
{
    append(header() + sample(0, 10) + sample(1, 11));
    FollowSource source(m_path, FollowSource::StartAt::End);
    source.setPollInterval(20);
    source.start();
    QCOMPARE(source.formatId(), QStringLiteral("nightwatt-capture"));
    QCOMPARE(source.trace()->size(), 0);
    append(sample(2, 12));
    QTRY_COMPARE(source.trace()->size(), 1);
    const Trace trace = source.trace()->snapshot();
    // The channel came from the header read before: the new line alone could not say it.
    QCOMPARE(trace.channel(0).id, QStringLiteral("cpu"));
    QCOMPARE(trace.value(0, 0), 12.0f);
    QCOMPARE(trace.timeS(0), 2.0);
}

// The copy of a capture that started at the end holds the same samples as the capture: the
// log's header, so it reads back on its own, then what was appended; not the samples skipped.
void TestFollowSource::fromTheEndRecordsWhatTheRunHolds()
{
    append(header() + sample(0, 10) + sample(1, 11));
    const QString out = m_dir->filePath(QStringLiteral("copy.log"));
    CaptureFileRecorder recorder(out);
    FollowSource source(m_path, FollowSource::StartAt::End);
    source.addRecorder(&recorder);
    source.setPollInterval(20);
    source.start();
    append(sample(2, 12));
    QTRY_COMPARE(source.trace()->size(), 1);
    source.stop();
    QFile copy(out);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), header() + sample(2, 12));
}

void TestFollowSource::waitsForTheFileToAppear()
{
    FollowSource source(m_path);
    source.setPollInterval(20);
    source.start();
    QCOMPARE(source.status().state, LiveStatus::State::Running);
    QVERIFY(!source.isReading());
    QTest::qWait(60);
    append(header() + sample(0, 7));
    QTRY_COMPARE(source.trace()->size(), 1);
    QVERIFY(source.isReading());
}

void TestFollowSource::fromTheEndReadsAFileThatAppearsLater()
{
    // Nothing was there at start, so everything in the file is new.
    FollowSource source(m_path, FollowSource::StartAt::End);
    source.setPollInterval(20);
    source.start();
    QTest::qWait(60);
    append(header() + sample(0, 7) + sample(1, 8));
    QTRY_COMPARE(source.trace()->size(), 2);
}

void TestFollowSource::stopKeepsSamplesAndRecordsTheBytes()
{
    const QByteArray content = header() + sample(0, 10) + sample(1, 11);
    append(content);
    const QString out = m_dir->filePath(QStringLiteral("copy.log"));
    CaptureFileRecorder recorder(out);
    FollowSource source(m_path);
    source.addRecorder(&recorder);
    source.setPollInterval(20);
    QSignalSpy status(&source, &LiveSource::statusChanged);
    source.start();
    QTRY_COMPARE(source.trace()->size(), 2);
    append(sample(2, 12));
    source.stop(); // reads what reached the file before stopping
    QCOMPARE(source.status().state, LiveStatus::State::Stopped);
    QCOMPARE(source.trace()->size(), 3);
    QCOMPARE(status.size(), 2); // Running, Stopped
    QFile copy(out);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), content + sample(2, 12));
}

QTEST_GUILESS_MAIN(TestFollowSource)
#include "tst_followsource.moc"
