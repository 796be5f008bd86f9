// A log that gets shorter while it is read (rotated with copytruncate, emptied by hand) must give
// what was read before its new end and an issue that says so, never end the process.
#include "loadhelpers.h"
#include "platform/platform.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace nightwatt;
using namespace nightwatt::test;

class TestShrinkingFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void truncatedFromAnotherThreadMidRead_data();
    void truncatedFromAnotherThreadMidRead();
    void emptiedAfterTheFirstPartKeepsThatPart();

private:
    QTemporaryDir m_dir;
    QByteArray m_log;
    std::vector<qsizetype> m_sampleEnds; // where each sample block of m_log ends
    qsizetype m_fullSamples = 0;
};

namespace {

constexpr QByteArrayView kHeader = "*** Sampled system activity (";

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

bool mentionsShrinking(const LoadedLog &log)
{
    return log.error.contains(QStringLiteral("shrank while it was read")) || hasIssue(log, QStringLiteral("shrank while it was read"));
}

} // namespace

void TestShrinkingFile::initTestCase()
{
    if (!platform::kLinux)
        QSKIP("the portable build reads logs instead of mapping them: only the mapping guard of core/platform/linux "
              "notices a log that shrinks while it is read");
    QVERIFY(m_dir.isValid());
    // The real M1 log's sample blocks, repeated past the size at which the loader reads on two threads.
    const QByteArray real = readData(QStringLiteral("powermetrics-m1-macbookair10_1-codecarbon.txt"));
    const qsizetype firstHeader = real.indexOf(kHeader.toByteArray());
    QVERIFY(firstHeader > 0);
    const QByteArray preamble = real.first(firstHeader);
    const QByteArray blocks = real.sliced(firstHeader);
    const qsizetype blocksPerCopy = blocks.count(kHeader.toByteArray());
    m_log = preamble;
    while (m_log.size() < 40 * 1024 * 1024)
        m_log += blocks;
    for (qsizetype at = m_log.indexOf(kHeader.toByteArray(), firstHeader + 1); at >= 0; at = m_log.indexOf(kHeader.toByteArray(), at + 1))
        m_sampleEnds.push_back(at);
    m_sampleEnds.push_back(m_log.size());

    const QString path = m_dir.filePath(QStringLiteral("whole.txt"));
    QVERIFY(writeFile(path, m_log));
    const LoadedLog whole = LogLoader::loadFile(path);
    QVERIFY2(whole.ok(), qPrintable(whole.error));
    QVERIFY(!mentionsShrinking(whole));
    m_fullSamples = whole.trace.size();
    QCOMPARE(m_fullSamples, qsizetype(m_sampleEnds.size()));
    QVERIFY(blocksPerCopy > 1);
}

void TestShrinkingFile::truncatedFromAnotherThreadMidRead_data()
{
    QTest::addColumn<qsizetype>("size");
    // One thread reads (and a second faults pages in ahead, from 32 MB); two threads read in segments.
    QTest::newRow("one reader") << qsizetype(12 * 1024 * 1024);
    QTest::newRow("segments") << qsizetype(24 * 1024 * 1024);
    QTest::newRow("segments, pages faulted ahead") << m_log.size();
}

void TestShrinkingFile::truncatedFromAnotherThreadMidRead()
{
    QFETCH(qsizetype, size);
    // Cut at a block boundary, so the shorter file is a log of whole samples.
    const auto sampleEnd = std::upper_bound(m_sampleEnds.begin(), m_sampleEnds.end(), size);
    const QByteArray log = m_log.first(*(sampleEnd - 1));
    const qsizetype samples = qsizetype(sampleEnd - m_sampleEnds.begin());
    const QString path = m_dir.filePath(QStringLiteral("shrinking.txt"));
    QRandomGenerator random(20261207);
    constexpr int kRounds = 12;
    for (int round = 0; round < kRounds; ++round) {
        QVERIFY(writeFile(path, log));
        // The loader has read its first part when the file is cut, from this other thread; the
        // reader waits until it is in half of the rounds, and races it in the others.
        const qint64 newSize = qint64(random.bounded(quint64(log.size() / 2)));
        const bool wait = round % 2 == 0;
        std::mutex mutex;
        std::condition_variable changed;
        bool started = false, cut = false;
        std::thread truncater([&] {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return started; });
            QFile::resize(path, newSize);
            cut = true;
            changed.notify_all();
        });
        LoadOptions options;
        options.progress = [&](qint64, qint64) {
            std::unique_lock lock(mutex);
            if (!started) {
                started = true;
                changed.notify_all();
            }
            if (wait)
                changed.wait(lock, [&] { return cut; });
        };
        const LoadedLog loaded = LogLoader::loadFile(path, options);
        truncater.join();

        const QByteArray context = QStringLiteral("round %1, cut to %2 of %3 bytes: %4%5")
                                       .arg(round)
                                       .arg(newSize)
                                       .arg(log.size())
                                       .arg(loaded.error, issuesText(loaded))
                                       .toUtf8();
        if (!wait && !mentionsShrinking(loaded)) {
            // The race went to the reader: it was done before the file was cut, and has it all.
            QVERIFY2(loaded.ok() && loaded.trace.size() == samples, context.constData());
            continue;
        }
        QVERIFY2(mentionsShrinking(loaded), context.constData());
        // Every sample that ends before the new end was there to read; none is made up.
        const qsizetype before = qsizetype(std::upper_bound(m_sampleEnds.begin(), m_sampleEnds.end(), newSize) - m_sampleEnds.begin());
        QVERIFY2(loaded.trace.size() >= before, context.constData());
        QVERIFY2(loaded.trace.size() <= samples, context.constData());
        if (loaded.ok())
            QVERIFY2(loaded.issues.first().message.contains(QStringLiteral("what was read before its new end is kept")), context.constData());
    }
}

void TestShrinkingFile::emptiedAfterTheFirstPartKeepsThatPart()
{
    const QString path = m_dir.filePath(QStringLiteral("emptied.txt"));
    QVERIFY(writeFile(path, m_log.first(12 * 1024 * 1024)));
    LoadOptions options;
    bool emptied = false;
    // Emptied, as copytruncate empties a log, once the first part is read: that part is kept.
    options.progress = [&](qint64, qint64) {
        if (!emptied)
            emptied = QFile::resize(path, 0);
    };
    const LoadedLog loaded = LogLoader::loadFile(path, options);
    QVERIFY(emptied);
    QVERIFY2(mentionsShrinking(loaded), qPrintable(loaded.error + issuesText(loaded)));
    QVERIFY(loaded.trace.size() > 0);
    QVERIFY(loaded.issues.first().message.contains(QStringLiteral("from 12582912 to 0 bytes")));
}

QTEST_GUILESS_MAIN(TestShrinkingFile)
#include "tst_shrinkingfile.moc"
