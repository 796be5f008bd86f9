#include "live/livetrace.h"
#include "live/markerfollower.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace nightwatt;

// The marker file of a capture, written by the test as a training script would: it appears after
// the capture started, grows a line (or half a line) at a time, and may start over.
class TestMarkerFollower : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void readsPhasesAsTheyAreWritten();
    void openPhaseIsClosedAtTheCapturesEnd();
    void truncatedFileIsReadAgain();

private:
    void write(const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::Append);
    // A capture whose clock reads 10:00:00 UTC at t = 0, with samples at 0..10 s.
    void fillCapture();
    void follow(MarkerFollower &follower);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    LiveTrace m_capture;
    QList<Marker> m_markers;
    QStringList m_problems;
};

void TestMarkerFollower::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("markers.csv"));
    m_capture.clear();
    m_markers.clear();
    m_problems.clear();
    fillCapture();
}

void TestMarkerFollower::write(const QByteArray &bytes, QIODevice::OpenMode mode)
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | mode));
    QCOMPARE(file.write(bytes), bytes.size());
}

void TestMarkerFollower::fillCapture()
{
    ParseSink *sink = m_capture.sink();
    sink->setTiming(TimingKind::Points);
    sink->setClockAtZero(QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()));
    const int cpu = sink->channel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    std::vector<float> values(size_t(cpu) + 1, 10.0f);
    for (int t = 0; t <= 10; ++t)
        sink->sample(t, 0.0f, values, t + 1);
    m_capture.finishInput();
}

void TestMarkerFollower::follow(MarkerFollower &follower)
{
    follower.setPollInterval(20);
    // A start also comes at once as an open phase, for the live chart; these tests check the
    // phases as they settle.
    connect(&follower, &MarkerFollower::markerRead, this, [this](const Marker &marker) {
        if (!marker.open)
            m_markers.append(marker);
    });
    connect(&follower, &MarkerFollower::problem, this, [this](const QString &message) { m_problems.append(message); });
    follower.start();
}

// Not there at start; then a header, a start, half a stop line (a script caught mid-write), its
// rest, and an instant in epoch seconds (on the capture's clock): each phase is read once its
// stop is whole.
void TestMarkerFollower::readsPhasesAsTheyAreWritten()
{
    MarkerFollower follower(m_path, m_capture);
    follow(follower);
    QTest::qWait(60);
    write("time,event,label\n1.5,start,epoch 1\n3.25,st");
    QTest::qWait(100);
    QVERIFY(m_markers.isEmpty());
    write("op,epoch 1\n1796119204.5,mark,checkpoint\n");
    QTRY_COMPARE(m_markers.size(), qsizetype(2));
    const QList<Marker> expected = {{MarkerKind::Epoch, QStringLiteral("epoch 1"), 1.5, 3.25},
                                    {MarkerKind::Marker, QStringLiteral("checkpoint"), 4.5, std::nullopt}};
    QCOMPARE(m_markers, expected);
    follower.finish();
    QCOMPARE(m_markers, expected);
    QCOMPARE(m_problems, QStringList());
}

void TestMarkerFollower::openPhaseIsClosedAtTheCapturesEnd()
{
    write("time,event,label\n2,start,epoch 1\n");
    MarkerFollower follower(m_path, m_capture);
    follow(follower);
    write("3,start,eval 1\n4,stop,eval 1\n");
    follower.finish(); // reads what came since the last look, without waiting for it
    const QList<Marker> expected = {{MarkerKind::Eval, QStringLiteral("eval 1"), 3, 4}, {MarkerKind::Epoch, QStringLiteral("epoch 1"), 2, 10}};
    QCOMPARE(m_markers, expected);
    QCOMPARE(m_problems, QStringList{QStringLiteral("marker file markers.csv, line 2: \"epoch 1\" has no stop; closed at the log's end")});
}

// A script that starts its file over: what was read stays, the new content is read from its
// start, and an issue says so.
void TestMarkerFollower::truncatedFileIsReadAgain()
{
    write("time,event,label\n1,start,epoch 1\n2,stop,epoch 1\n");
    MarkerFollower follower(m_path, m_capture);
    follow(follower);
    QTRY_COMPARE(m_markers.size(), qsizetype(1));
    write("time,event,label\n5,mark,restarted\n", QIODevice::Truncate);
    QTRY_COMPARE(m_markers.size(), qsizetype(2));
    QCOMPARE(m_markers.last().label, QStringLiteral("restarted"));
    QCOMPARE(m_problems.size(), 1);
    QVERIFY2(m_problems.first().contains(QStringLiteral("was truncated")), qPrintable(m_problems.first()));
}

QTEST_GUILESS_MAIN(TestMarkerFollower)
#include "tst_markerfollower.moc"
