#include "platform/platform.h"
#include "platform/stopsignalwatcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace nightwatt;

// The parts of the platform seam (core/platform) a test can watch from inside one process, in
// whichever implementation this build carries.
class TestPlatform : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void executablePathIsThisProgram();
    void stopSignalArrivesThroughTheEventLoop_data();
    void stopSignalArrivesThroughTheEventLoop();
    void defaultHandlingReturnsWithTheWatcher();
};

void TestPlatform::executablePathIsThisProgram()
{
    const std::optional<QString> path = platform::executablePath();
    if (!platform::kLinux) {
        // Without a way to ask the system, callers use argv[0]: nothing here must pretend.
        QVERIFY(!path);
        return;
    }
    QVERIFY(path);
    QCOMPARE(*path, QFileInfo(QCoreApplication::applicationFilePath()).canonicalFilePath());
}

void TestPlatform::stopSignalArrivesThroughTheEventLoop_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestPlatform::stopSignalArrivesThroughTheEventLoop()
{
    QFETCH(int, signal);
    platform::StopSignalWatcher watcher;
    QSignalSpy received(&watcher, &platform::StopSignalWatcher::received);
    QCOMPARE(std::raise(signal), 0); // the process lives on: the watcher took it
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().first().toInt(), signal);
}

void TestPlatform::defaultHandlingReturnsWithTheWatcher()
{
    {
        platform::StopSignalWatcher watcher;
    }
    const auto previous = std::signal(SIGTERM, SIG_DFL);
    QVERIFY(previous == SIG_DFL);
}

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
