// A big log is read by two threads (LogLoader): a head parser up to a split point the format
// defines, a tail parser after it, joined in order. The result must be the one a single parser
// gives, byte for byte: trace, issues with their line numbers, metadata. Checked here for every
// format on every real log and on cut and edge inputs, with the split at many places.
#include "parserecord.h"

#include "formats/logformat.h"
#include "io/logloader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <set>

using namespace nightwatt;
using namespace nightwatt::testsupport;

class TestSplitParsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameResultWhereverSplit_data();
    void sameResultWhereverSplit();
    void sameResultInThreeSegments_data();
    void sameResultInThreeSegments();
    void tailIssuesKeepTheirLineNumbers();
    void csvTailJoinsAtASecondBoundary();
    void bigInputLoadsOnTwoThreadsAsOnOne_data();
    void bigInputLoadsOnTwoThreadsAsOnOne();
    void bigInputLoadCanBeCancelled();
};

namespace {

QByteArray readTestFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

const QByteArray kTwoWindows = "*** Sampled system activity (Tue Aug 16 23:39:54 2022 +0200) (5006.24ms elapsed) ***\n"
                               "CPU Power: 6196 mW\nGPU Power: 21 mW\n"
                               "*** Sampled system activity (Tue Aug 16 23:39:59 2022 +0200) (5001.10ms elapsed) ***\n"
                               "CPU Power: 6000 mW\nGPU Power: 30 mW\n";

// Where splits are tried: near the start, the end and in between, and after every line of a small
// input, so every record boundary of it is a split point once.
std::set<qsizetype> splitCandidates(QByteArrayView bytes)
{
    const qsizetype n = bytes.size();
    std::set<qsizetype> from = {1, n / 7, n / 3, n / 2, 2 * n / 3, n - 1};
    if (n <= 16 * 1024) {
        for (qsizetype i = 0; i < n; ++i) {
            if (bytes[i] == '\n')
                from.insert(i + 1);
        }
    }
    return from;
}

} // namespace

void TestSplitParsing::sameResultWhereverSplit_data()
{
    QTest::addColumn<QByteArray>("bytes");

    const QDir data(QStringLiteral(NIGHTWATT_TEST_DATA));
    for (const QFileInfo &file : data.entryInfoList(QDir::Files, QDir::Name)) {
        if (file.fileName() != u"PROVENANCE.md")
            QTest::newRow(qPrintable(file.fileName())) << readTestFile(file.filePath());
    }
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one newline") << QByteArray("\n");
    QTest::newRow("two windows") << kTwoWindows;
    QTest::newRow("CRLF") << QByteArray(kTwoWindows).replace("\n", "\r\n");
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF") + kTwoWindows;
    QTest::newRow("NUL tail") << kTwoWindows + QByteArray(300, '\0');
    QTest::newRow("cut-off last line") << kTwoWindows.chopped(4);
    QTest::newRow("cut-off last sample") << kTwoWindows + kTwoWindows.first(kTwoWindows.indexOf("GPU Power"));
    QTest::newRow("second invocation") << "Machine model: Mac14,10\nOS version: 25D125\n" + kTwoWindows
                                              + "Machine model: Mac14,10\nOS version: 25D125\n"
                                              + QByteArray(kTwoWindows).replace("23:39", "23:49");
    QTest::newRow("header without elapsed") << kTwoWindows + "*** Sampled system activity (Tue Aug 16 23:40:04 2022 +0200) ***\n"
                                                               "CPU Power: 1 mW\n" + kTwoWindows;
    QTest::newRow("repeated sample") << kTwoWindows + kTwoWindows.sliced(kTwoWindows.indexOf("*** Sampled", 10));
    QTest::newRow("non-numbers") << kTwoWindows + "*** Sampled system activity (Tue Aug 16 23:40:04 2022 +0200) (5000ms elapsed) ***\n"
                                                  "CPU Power: lots mW\nGPU Power: -5 mW\nANE Power: nan mW\nDRAM Power: 1e999 mW\n"
                                                  "Backlight power: 3W\nE-Cluster Power: 12 mW\n";
    QTest::newRow("bare power lines") << QByteArray("CPU Power: 100 mW\nGPU Power: 5 mW\nCPU Power: 120 mW\nGPU Power: 6 mW\n") + kTwoWindows;
    QTest::newRow("CSV: name, index, missing, bad rows")
        << QByteArray("timestamp, name, index, power.draw [W]\n"
                      "2026/03/02 22:00:00.000, NVIDIA H100, 0, 116.94 W\n"
                      "2026/03/02 22:00:00.000, NVIDIA H100, 1, [N/A]\n"
                      "2026/03/02 22:00:01.000, NVIDIA H100, 0, lots W\n"
                      "2026/03/02 22:00:01.000, NVIDIA H100, 1, -5 W\n"
                      "2026/03/02 22:00:02.000, NVIDIA H100, x, 5 W\n"
                      "2026/03/02 22:00:02.000, NVIDIA H100, 1\n"
                      "2026/03/02 99:00:03.000, NVIDIA H100, 0, 7 W\n"
                      "2026/03/02 22:00:03.000, NVIDIA H100, 0, [N/A]\n"
                      "2026/03/02 22:00:03.500, NVIDIA H200, 1, 1e999 W\n"
                      "2026/03/02 22:00:04, NVIDIA H100, 0, 100 W\n"
                      "2026/03/02 22:00:04.000, NVIDIA H100, 1, 90 W\n"
                      "\n"
                      "2026/03/02 22:00:05.000, NVIDIA H100, 0, 101 W\n"
                      "2026/03/02 22:00:05.000, NVIDIA H100, 1, 91 W");
    QTest::newRow("CSV: header again mid-file")
        << QByteArray("timestamp, power.draw [W]\n2026/03/02 22:00:00.000, 116.94 W\n2026/03/02 22:00:01.000, 117 W\n"
                      "timestamp, index, power.draw [W]\n2026/03/02 22:00:02.000, 0, 118 W\n2026/03/02 22:00:03.000, 0, 119 W\n");
    QTest::newRow("CSV: bus ids, CRLF") << QByteArray("timestamp, pci.bus_id, power.draw [W]\r\n2026/03/02 22:00:00.000, 00:01.0, 1 W\r\n"
                                                      "2026/03/02 22:00:00.000, 00:02.0, 2 W\r\n2026/03/02 22:00:01.000, 00:01.0, 3 W\r\n"
                                                      "2026/03/02 22:00:01.000, 00:02.0, 4 W\r\n");
    {
        // One GPU without an index column, a row a second: a jump of an hour, a row at 1970, a
        // stray word, and a last row without a newline, whole or cut.
        QByteArray jumps = "timestamp, power.draw [W]\n";
        for (int row = 0; row < 300; ++row) {
            const int second = row + (row >= 150 ? 3600 : 0);
            const QByteArray stamp = row == 220 ? QByteArray("1970/01/01 00:00:00.000")
                                                : QStringLiteral("2026/03/02 %1:%2:%3.000")
                                                      .arg(22 + second / 3600)
                                                      .arg(second / 60 % 60, 2, 10, QChar(u'0'))
                                                      .arg(second % 60, 2, 10, QChar(u'0'))
                                                      .toLatin1();
            jumps += stamp + ", " + QByteArray::number(100 + row % 7) + ".00 W\n" + (row == 40 ? "error\n" : row == 90 ? "x\n" : "");
        }
        QTest::newRow("CSV: clock jumps, stray words") << jumps;
        QTest::newRow("CSV: whole last line without newline") << jumps + "2026/03/02 23:05:00.000, 100.00 W";
        QTest::newRow("CSV: cut last line") << jumps + "2026/03/02 23:05:00.000, 100";
        QTest::newRow("CSV: two rows, no index") << QByteArray("timestamp, power.draw [W]\n2026/03/02 22:00:00.000, 116.94 W\n"
                                                               "2026/03/02 22:00:00.500, 117.94 W\n");
    }
    QTest::newRow("garbage") << QByteArray("\x01\xFFW\n\n\r\r\n:W\n*** Sampled system activity (\n") + kTwoWindows + "\x01:W\n";
}

void TestSplitParsing::sameResultWhereverSplit()
{
    QFETCH(QByteArray, bytes);
    int splits = 0;
    for (const LogFormat &format : logFormats()) {
        const ParseRecord whole = parseWhole(format, bytes);
        std::set<qsizetype> tried;
        for (const qsizetype from : splitCandidates(bytes)) {
            const std::unique_ptr<LogParser> probe = format.create();
            const qsizetype split = probe->splitPoint(bytes, from);
            if (split < 0 || !tried.insert(split).second)
                continue;
            QVERIFY2(split >= from && split < bytes.size(), qPrintable(QStringLiteral("%1: split %2 from %3").arg(format.id).arg(split).arg(from)));
            for (const qsizetype chunk : {bytes.size(), qsizetype(4096), qsizetype(7)}) {
                bool joined = false;
                const ParseRecord parts = parseSplit(format, bytes, split, std::max<qsizetype>(1, chunk), &joined);
                const QString difference = firstDifference(whole, parts);
                QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("%1 split at byte %2 (chunks of %3, joined: %4): %5")
                                                              .arg(format.id)
                                                              .arg(split)
                                                              .arg(chunk)
                                                              .arg(joined)
                                                              .arg(difference)));
                ++splits;
            }
        }
    }
    // Inputs with two sample headers or more have split points; the row names say which.
    if (bytes.count("\n*** Sampled system activity (") > 0)
        QVERIFY(splits > 0);
}

void TestSplitParsing::sameResultInThreeSegments_data()
{
    sameResultWhereverSplit_data();
}

void TestSplitParsing::sameResultInThreeSegments()
{
    // The loader reads big inputs in many segments: the head joins one tail after another, so
    // what a join leaves behind (line counts, names resolved for a tail) must not reach the next.
    QFETCH(QByteArray, bytes);
    int segmented = 0;
    for (const LogFormat &format : logFormats()) {
        const ParseRecord whole = parseWhole(format, bytes);
        std::vector<qsizetype> splits;
        for (const qsizetype from : splitCandidates(bytes)) {
            const qsizetype split = format.create()->splitPoint(bytes, from);
            if (split > 0 && std::find(splits.begin(), splits.end(), split) == splits.end())
                splits.push_back(split);
        }
        std::sort(splits.begin(), splits.end());
        for (size_t i = 0; i + 1 < splits.size(); ++i) {
            for (const size_t j : {i + 1, splits.size() - 1}) {
                if (j <= i)
                    continue;
                int joined = 0;
                const ParseRecord parts = parseSegments(format, bytes, {0, splits[i], splits[j]}, 4096, &joined);
                const QString difference = firstDifference(whole, parts);
                QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("%1 in segments from bytes 0, %2 and %3 (joins taken: %4): %5")
                                                              .arg(format.id)
                                                              .arg(splits[i])
                                                              .arg(splits[j])
                                                              .arg(joined)
                                                              .arg(difference)));
                segmented += joined == 2;
            }
        }
    }
    // Inputs with three sample headers or more have two split points and join both tails.
    if (bytes.count("\n*** Sampled system activity (") > 1)
        QVERIFY(segmented > 0);
}

void TestSplitParsing::tailIssuesKeepTheirLineNumbers()
{
    // Line 1-3: first sample; line 4 starts the second, whose CPU value is not a number (line 5)
    // and whose GPU value is negative (line 6). Splitting at line 4 puts both in the tail, whose
    // reader counts from its own start: the join must add the head's 3 lines.
    const QByteArray bytes = "*** Sampled system activity (Tue Aug 16 23:39:54 2022 +0200) (5006.24ms elapsed) ***\n"
                             "CPU Power: 6196 mW\nGPU Power: 21 mW\n"
                             "*** Sampled system activity (Tue Aug 16 23:39:59 2022 +0200) (5001.10ms elapsed) ***\n"
                             "CPU Power: lots mW\nGPU Power: -5 mW\n";
    const LogFormat *format = logFormatById(QStringLiteral("powermetrics-text"));
    QVERIFY(format);
    const qsizetype line4 = bytes.indexOf("*** Sampled", 10);
    QCOMPARE(format->create()->splitPoint(bytes, 10), line4);
    bool joined = false;
    // Chunks of 20 bytes: the tail publishes its notes a few at a time, the head applies them.
    const ParseRecord parts = parseSplit(*format, bytes, line4, 20, &joined);
    QVERIFY(joined);
    QCOMPARE(parts.issueCount, 2);
    QCOMPARE(parts.issues[0].line, 5);
    QVERIFY2(parts.issues[0].message.contains(u"CPU value \"lots"), qPrintable(parts.issues[0].message));
    QCOMPARE(parts.issues[1].line, 6);
    QVERIFY(parts.issues[1].message.contains(u"negative"));
    // The second sample has no valid figure left, so only the first is kept: CPU 6.196 W.
    QCOMPARE(parts.trace.size(), 1);
    QCOMPARE(parts.trace.value(0, 0), 6.196f);
}

void TestSplitParsing::csvTailJoinsAtASecondBoundary()
{
    // The real 8 x H100 log: polls of 8 rows, several per second. A split is placed where the
    // whole second changes, so the tail's first timestamp is read the way the single reader reads
    // it, and the join is taken rather than the head reading the tail again.
    const QByteArray bytes = readTestFile(QStringLiteral(NIGHTWATT_TEST_DATA "/nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv"));
    const LogFormat *format = logFormatById(QStringLiteral("nvidia-smi-csv"));
    QVERIFY(format);
    const qsizetype split = format->create()->splitPoint(bytes, bytes.size() / 2);
    QVERIFY(split > 0);
    QCOMPARE(bytes[split - 1], '\n');
    // The row before the split is in another second than the first row after it.
    const qsizetype previous = bytes.lastIndexOf('\n', split - 2) + 1;
    QVERIFY(bytes.sliced(previous, 19) != bytes.sliced(split, 19));
    bool joined = false;
    const ParseRecord parts = parseSplit(*format, bytes, split, 4096, &joined);
    QVERIFY(joined);
    const QString difference = firstDifference(parseWhole(*format, bytes), parts);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestSplitParsing::bigInputLoadsOnTwoThreadsAsOnOne_data()
{
    QTest::addColumn<QString>("file");
    const QDir data(QStringLiteral(NIGHTWATT_TEST_DATA));
    for (const QFileInfo &file : data.entryInfoList({QStringLiteral("powermetrics-*.txt"), QStringLiteral("nvidia-smi-query-*.csv")},
                                                    QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(file.fileName())) << file.filePath();
}

void TestSplitParsing::bigInputLoadsOnTwoThreadsAsOnOne()
{
    // Above LogLoader's 16 MiB threshold the loader splits; a real log repeated gets there, with
    // its preamble (a new invocation) and any cut-off last sample repeated too. CSV rows are
    // repeated under the one header (their clock goes back at each repeat: issues to match).
    QFETCH(QString, file);
    const bool csv = file.endsWith(u".csv");
    QByteArray one = readTestFile(file);
    QByteArray big;
    if (csv) {
        big = one.first(one.indexOf('\n') + 1);
        one = one.sliced(big.size());
        one.truncate(one.lastIndexOf('\n') + 1); // whole rows only
        one.replace('\0', QByteArray());
    }
    while (big.size() < 17 * 1024 * 1024)
        big += one.endsWith('\n') ? one : one + '\n';
    const LogFormat *format = logFormatById(csv ? QStringLiteral("nvidia-smi-csv") : QStringLiteral("powermetrics-text"));
    QVERIFY(format);
    const ParseRecord expected = parseWhole(*format, big);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.txt"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QCOMPARE(out.write(big), big.size());
    out.close();

    for (const LoadedLog &log : {LogLoader::loadBytes(big, QStringLiteral("big")), LogLoader::loadFile(path)}) {
        QCOMPARE(log.formatId, format->id);
        ParseRecord loaded;
        loaded.trace = log.trace;
        loaded.issues = log.issues;
        loaded.issueCount = log.issueCount;
        loaded.metadata = log.metadata;
        const QString difference = firstDifference(expected, loaded);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
}

void TestSplitParsing::bigInputLoadCanBeCancelled()
{
    // Cancelled before the start, and after the first segment: the load says so, and neither
    // thread waits for the other forever.
    const QDir data(QStringLiteral(NIGHTWATT_TEST_DATA));
    const QStringList logs = data.entryList({QStringLiteral("powermetrics-*.txt")}, QDir::Files, QDir::Name);
    QVERIFY(!logs.isEmpty());
    const QByteArray one = readTestFile(data.filePath(logs.first()));
    QByteArray big;
    while (big.size() < 40 * 1024 * 1024)
        big += one.endsWith('\n') ? one : one + '\n';
    for (const bool atOnce : {true, false}) {
        std::atomic_bool cancel = atOnce;
        int progressReports = 0;
        LoadOptions options;
        options.cancel = &cancel;
        options.progress = [&](qint64, qint64) {
            ++progressReports;
            cancel = true;
        };
        const LoadedLog log = LogLoader::loadBytes(big, QStringLiteral("big"), options);
        QVERIFY(log.cancelled);
        QVERIFY(log.trace.isEmpty());
        QCOMPARE(progressReports, atOnce ? 0 : 1);
    }
}

QTEST_APPLESS_MAIN(TestSplitParsing)
#include "tst_splitparsing.moc"
