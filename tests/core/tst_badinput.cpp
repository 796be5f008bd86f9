// Hostile input through the loader, whatever the format: every input ends either in a clear error
// or in a partial load that lists its issues. Never a crash, a hang, a sample made of garbage, or
// a silent zero. The per-format tests hold the exact figures of each reader; this one holds the
// promises every reader keeps, on inputs nobody writes on purpose. The command-line side (the
// "nightwatt:" prefix) is in tests/cli/tst_summarycli.cpp.
#include "loadhelpers.h"

#include "formats/powervalue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include <sys/stat.h>
#include <unistd.h>

using namespace nightwatt;
using namespace nightwatt::test;

class TestBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refused_data();
    void refused();
    void partial_data();
    void partial();
    void longLineAmongGoodOnes();
    void notAFile_data();
    void notAFile();
    void everyRealLogCut_data();
    void everyRealLogCut();
};

namespace {

// What every load must satisfy. Empty when it does, otherwise what is wrong.
QString brokenPromise(const LoadedLog &log)
{
    if (log.ok() == !log.error.isEmpty())
        return QStringLiteral("ok() and error disagree: \"%1\"").arg(log.error);
    if (!log.ok())
        return log.trace.isEmpty() ? QString() : QStringLiteral("failed, yet has samples");
    if (log.trace.isEmpty())
        return QStringLiteral("loaded without a sample");
    if (log.issues.size() > log.issueCount)
        return QStringLiteral("more issues kept than counted");
    bool anyValue = false;
    for (int c = 0; c < log.trace.channelCount(); ++c) {
        for (const float watts : log.trace.values(c)) {
            if (std::isnan(watts))
                continue;
            anyValue = true;
            if (!(watts >= 0.0f && watts <= kMaxPlausiblePowerW))
                return QStringLiteral("channel %1 holds %2 W, which is not plausible power").arg(log.trace.channel(c).id).arg(watts);
        }
    }
    // Samples made only of missing values would be a load that says nothing: it must fail instead.
    if (!anyValue)
        return QStringLiteral("loaded, but every value is missing");
    for (qsizetype i = 0; i < log.trace.size(); ++i) {
        if (!std::isfinite(log.trace.timeS(i)))
            return QStringLiteral("sample %1 has time %2").arg(i).arg(log.trace.timeS(i));
        if (i > 0 && log.trace.timing() != TimingKind::None && log.trace.timeS(i) < log.trace.timeS(i - 1))
            return QStringLiteral("time runs backwards at sample %1").arg(i);
    }
    for (const ParseIssue &issue : log.issues) {
        if (issue.message.isEmpty() || issue.line < 0)
            return QStringLiteral("an issue without a message or with line %1").arg(issue.line);
    }
    return {};
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(random.bounded(256));
    return bytes;
}

QByteArray utf16(const QString &text, bool bigEndian, bool bom)
{
    QByteArray bytes;
    if (bom)
        bytes += bigEndian ? QByteArray("\xFE\xFF") : QByteArray("\xFF\xFE");
    for (const QChar c : text) {
        const char high = char(c.unicode() >> 8), low = char(c.unicode() & 0xFF);
        bytes.append(bigEndian ? high : low).append(bigEndian ? low : high);
    }
    return bytes;
}

QList<qint64> issueLines(const LoadedLog &log)
{
    QList<qint64> lines;
    for (const ParseIssue &issue : log.issues)
        lines.append(issue.line);
    return lines;
}

const QString kCsvLog = QStringLiteral("time_s,power_w\n0,10\n1,20\n2,30\n");

} // namespace

void TestBadInput::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("random bytes") << randomBytes(64 * 1024, 1) << QStringLiteral("not a power log Nightwatt knows (tried: ");
    QTest::newRow("random bytes, 1 MiB") << randomBytes(1024 * 1024, 2) << QStringLiteral("not a power log");
    QTest::newRow("NUL bytes only") << QByteArray(4096, '\0') << QStringLiteral("not a power log");
    QTest::newRow("newlines only") << QByteArray(4096, '\n') << QStringLiteral("not a power log");
    // 30 MB in one line, no newline anywhere: refused as a whole, without waiting for a line end.
    QTest::newRow("30 MB line without newline") << QByteArray(30 * 1000 * 1000, 'x') << QStringLiteral("not a power log");
    QTest::newRow("30 MB of digits and commas") << QByteArray(30 * 1000 * 1000, ',').replace(",,", "1,")
                                                << QStringLiteral("not a power log");
    QTest::newRow("UTF-16 LE with BOM") << utf16(kCsvLog, false, true) << QStringLiteral("UTF-16");
    QTest::newRow("UTF-16 BE with BOM") << utf16(kCsvLog, true, true) << QStringLiteral("UTF-16");
    QTest::newRow("UTF-16 LE without BOM") << utf16(kCsvLog, false, false) << QStringLiteral("UTF-16");
    QTest::newRow("UTF-16 BE without BOM") << utf16(kCsvLog, true, false) << QStringLiteral("UTF-16");
    // A recognised header, then only implausible figures: nothing usable, and the loader says why.
    QTest::newRow("only implausible power") << QByteArray("time_s,power_w\n0,-1\n1,nan\n2,inf\n3,1e300\n4,-inf\n")
                                            << QStringLiteral("no usable power samples");
    QTest::newRow("header then garbage") << QByteArray("time_s,power_w\n") + randomBytes(4096, 3).replace('\n', ' ')
                                         << QStringLiteral("no usable power samples");
    QTest::newRow("a PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + randomBytes(2000, 4) << QStringLiteral("not a power log");
}

void TestBadInput::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QElapsedTimer timer;
    timer.start();
    const LoadedLog log = loadText(bytes);
    QVERIFY2(brokenPromise(log).isEmpty(), qPrintable(brokenPromise(log)));
    QVERIFY2(!log.ok(), qPrintable(QStringLiteral("loaded %1 samples as %2").arg(log.trace.size()).arg(log.formatId)));
    QVERIFY2(log.error.contains(error), qPrintable(log.error));
    // A refusal is quick: 30 MB is scanned once (the sanitizer build is ~10x slower than this).
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void TestBadInput::partial_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("meanW");
    QTest::addColumn<QList<qint64>>("linesWithIssues");

    // Line 1 is the header; the only plausible figures are 10 W (line 2) and 20 W (line 9), so the
    // mean is (10 + 20) / 2 = 15 W. Counting the others as 0 W would give 30 / 8 = 3.75 W.
    QTest::newRow("NaN, inf, negative, overflowing")
        << QByteArray("time_s,power_w\n0,10\n1,nan\n2,inf\n3,-5\n4,1e300\n5,-inf\n6,1e999\n7,20\n") << 8 << 15.0
        << QList<qint64>{3, 4, 5, 6, 7, 8};
    // The clock goes back at line 5 (2 s -> 1.5 s): said on that line, and the axis goes on one
    // step (1 s) after the row before, so the times are 0, 1, 2, 3 and 4.5 s. Trapezoids:
    // 15 + 25 + 35 + 45 x 1.5 = 142.5 J over 4.5 s = 31.67 W.
    QTest::newRow("timestamps going backwards")
        << QByteArray("timestamp,power_w\n2024-05-01T10:00:00Z,10\n2024-05-01T10:00:01Z,20\n2024-05-01T10:00:02Z,30\n"
                      "2024-05-01T10:00:01.5Z,40\n2024-05-01T10:00:03Z,50\n")
        << 5 << 142.5 / 4.5 << QList<qint64>{5};
    // Line 4 repeats line 3 (same time, same figure): kept once, so the mean is (10 + 20 + 30) / 3.
    QTest::newRow("duplicated sample") << QByteArray("time_s,power_w\n0,10\n1,20\n1,20\n2,30\n") << 3 << 20.0 << QList<qint64>{4};
    // A Latin-1 byte (0xE9) in a power cell and a UTF-16 fragment in another: those two rows are
    // issues, the UTF-8 rows around them load: (10 + 30 + 40) / 3 W.
    static const char mixed[] = "time_s,power_w\n0,10\n1,2\xE9\n2,30\n3,\0004\0000\0\n4,40\n";
    QTest::newRow("mixed encodings") << QByteArray(mixed, sizeof(mixed) - 1) << 5 << 80.0 / 3 << QList<qint64>{3, 5};
}

void TestBadInput::partial()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, meanW);
    QFETCH(QList<qint64>, linesWithIssues);

    const LoadedLog log = loadText(bytes);
    QVERIFY2(brokenPromise(log).isEmpty(), qPrintable(brokenPromise(log)));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), qsizetype(samples));
    const TraceStats stats = analyzeTrace(log.trace);
    QVERIFY2(qAbs(stats.total.meanW - meanW) < 1e-9, qPrintable(QString::number(stats.total.meanW)));
    QList<qint64> lines = issueLines(log);
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    QVERIFY2(lines == linesWithIssues, qPrintable(issuesText(log)));
}

// A powermetrics log with a 30 MB line between two good windows: both windows load, the long line
// is one issue (or none, if the reader skips lines it does not know), and it does not take long.
void TestBadInput::longLineAmongGoodOnes()
{
    const QByteArray window1 = "*** Sampled system activity (Tue Aug 16 23:39:54 2022 +0200) (5000.00ms elapsed) ***\n"
                               "CPU Power: 6000 mW\nGPU Power: 20 mW\n";
    const QByteArray window2 = "*** Sampled system activity (Tue Aug 16 23:39:59 2022 +0200) (5000.00ms elapsed) ***\n"
                               "CPU Power: 4000 mW\nGPU Power: 40 mW\n";
    QByteArray bytes = window1;
    bytes += QByteArray(30 * 1000 * 1000, '7');
    bytes += " mW\n";
    bytes += window2;
    QElapsedTimer timer;
    timer.start();
    const LoadedLog log = loadText(bytes);
    QVERIFY2(brokenPromise(log).isEmpty(), qPrintable(brokenPromise(log)));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("powermetrics-text"));
    QCOMPARE(log.trace.size(), qsizetype(2));
    // CPU + GPU: 6.02 W then 4.04 W, equal 5 s windows: mean 5.03 W.
    const TraceStats stats = analyzeTrace(log.trace);
    QVERIFY2(qAbs(stats.total.meanW - 5.03) < 1e-4, qPrintable(QString::number(stats.total.meanW)));
    QVERIFY(log.issueCount <= 1);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void TestBadInput::notAFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing file") << QStringLiteral("/nonexistent/run.txt") << QStringLiteral("no such file");
    QTest::newRow("directory") << QStringLiteral(NIGHTWATT_TEST_DATA) << QStringLiteral("is a directory");
    QTest::newRow("character device") << QStringLiteral("/dev/zero") << QStringLiteral("not a regular file");
    QTest::newRow("named pipe") << QStringLiteral("fifo") << QStringLiteral("not a regular file");
}

// Devices and pipes are refused before they are opened: /dev/zero would never end and opening a
// named pipe nobody writes to would wait forever.
void TestBadInput::notAFile()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    QTemporaryDir dir;
    if (path == u"fifo") {
        path = dir.filePath(QStringLiteral("run.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    }
    const LoadedLog log = LogLoader::loadFile(path);
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(error), qPrintable(log.error));
    QCOMPARE(log.path, path);
}

void TestBadInput::everyRealLogCut_data()
{
    QTest::addColumn<QString>("name");
    const QDir data(QStringLiteral(NIGHTWATT_TEST_DATA));
    for (const QFileInfo &file : data.entryInfoList(QDir::Files, QDir::Name)) {
        if (file.fileName() != u"PROVENANCE.md")
            QTest::newRow(qPrintable(file.fileName())) << file.fileName();
    }
}

// Each real log cut at 64 evenly spaced points, and at both sides of the first 16 line ends: a log
// copied while it was written, a download that stopped, a pipe closed early.
void TestBadInput::everyRealLogCut()
{
    QFETCH(QString, name);
    const QByteArray bytes = readData(name);
    QVERIFY(!bytes.isEmpty());
    QList<qsizetype> cuts;
    for (int i = 0; i < 64; ++i)
        cuts.append(bytes.size() * i / 64);
    for (qsizetype at = bytes.indexOf('\n'), n = 0; at >= 0 && n < 16; at = bytes.indexOf('\n', at + 1), ++n)
        cuts << at << at + 1;
    int loaded = 0;
    for (const qsizetype cut : cuts) {
        const LoadedLog log = loadText(bytes.first(cut));
        const QString broken = brokenPromise(log);
        QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("cut at byte %1: %2").arg(cut).arg(broken)));
        loaded += log.ok();
    }
    // Some real logs are kept because they are refused with a helpful message (no power column);
    // a log that loads with several samples also loads when cut late enough.
    const LoadedLog whole = loadText(bytes);
    QVERIFY2(brokenPromise(whole).isEmpty(), qPrintable(brokenPromise(whole)));
    if (whole.ok() && whole.trace.size() >= 2)
        QVERIFY2(loaded > 0, qPrintable(QString::number(loaded)));
}

QTEST_APPLESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
