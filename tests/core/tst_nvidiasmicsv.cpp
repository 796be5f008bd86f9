#include "loadhelpers.h"

#include "formats/logformat.h"
#include "formats/tracebuilder.h"

#include <QDateTime>
#include <QMap>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace nightwatt;
using namespace nightwatt::test;

namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

// The training_profile logs: "timestamp, power.draw [W], ..." with one row per GPU and no index
// column, GPUs in order, every poll starting on GPU 0 (see PROVENANCE.md). Read here with Qt's
// own string and date functions, independently of the parser: a cut-off last line and the NUL
// tail are dropped, rows are grouped `gpus` at a time, an incomplete last group is left out.
PointSeries readTrainingProfile(const QString &name, int gpus)
{
    QByteArray bytes = readData(name);
    while (bytes.endsWith('\0'))
        bytes.chop(1);
    if (!bytes.endsWith('\n'))
        bytes.truncate(bytes.lastIndexOf('\n') + 1);
    struct Row
    {
        QDateTime time;
        double watts;
    };
    std::vector<Row> rows;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const QList<QByteArray> fields = lines[i].split(',');
        const QString stamp = QString::fromLatin1(fields[0].trimmed());
        const QDate date = QDate::fromString(stamp.left(10), QStringLiteral("yyyy/MM/dd"));
        const QTime time = QTime::fromString(stamp.mid(11), QStringLiteral("HH:mm:ss.zzz"));
        rows.push_back({QDateTime(date, time, Qt::UTC), fields[1].trimmed().chopped(2).toDouble()}); // "116.94 W"
    }
    PointSeries series;
    series.watts.resize(size_t(gpus));
    for (size_t poll = 0; poll + size_t(gpus) <= rows.size(); poll += size_t(gpus)) {
        series.timeS.push_back(double(rows.front().time.msecsTo(rows[poll].time)) / 1000.0);
        for (size_t gpu = 0; gpu < size_t(gpus); ++gpu)
            series.watts[gpu].push_back(rows[poll + gpu].watts);
    }
    return series;
}

// Two GPUs with an index column, polls one second apart; the poll's time is its first row's.
const QByteArray kTwoPolls = "timestamp, index, power.draw [W]\n"
                             "2024/01/01 00:00:00.000, 0, 100.00 W\n"
                             "2024/01/01 00:00:00.002, 1, 50.00 W\n"
                             "2024/01/01 00:00:01.000, 0, 200.00 W\n"
                             "2024/01/01 00:00:01.001, 1, 50.00 W\n";

// `polls` polls of `gpus` rows "timestamp, power.draw [W]" without an index column: rows 1 ms
// apart, polls `intervalMs` apart from 2024/01/01 00:00:00, GPU g drawing (100 + 10 g) W. `jumpS`
// is added to the clock from poll `jumpAt` on; row `oddRow` (counted from 0) is stamped
// 1970/01/01 00:00:00.000. Line `k + 1` of `after` (k from 1) follows the k-th row.
struct PollsSpec
{
    int gpus = 1;
    int polls = 40;
    int intervalMs = 1000;
    int jumpAt = -1;
    qint64 jumpS = 0;
    int oddRow = -1;
    QMap<int, QByteArray> after;

    PollsSpec &withGpus(int count) { gpus = count; return *this; }
    PollsSpec &withPolls(int count, int everyMs = 1000) { polls = count; intervalMs = everyMs; return *this; }
    PollsSpec &withJump(int atPoll, qint64 seconds) { jumpAt = atPoll; jumpS = seconds; return *this; }
    PollsSpec &withOddRow(int row) { oddRow = row; return *this; }
    PollsSpec &withLineAfter(int row, const QByteArray &line) { after.insert(row, line); return *this; }
};

QByteArray positionalPolls(const PollsSpec &spec)
{
    QByteArray out = "timestamp, power.draw [W]\n";
    const QDateTime start(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    int row = 0;
    for (int poll = 0; poll < spec.polls; ++poll) {
        for (int gpu = 0; gpu < spec.gpus; ++gpu) {
            QDateTime clock = start.addMSecs(qint64(poll) * spec.intervalMs + gpu);
            if (spec.jumpAt >= 0 && poll >= spec.jumpAt)
                clock = clock.addSecs(spec.jumpS);
            if (row == spec.oddRow)
                clock = QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
            out += clock.toString(QStringLiteral("yyyy/MM/dd HH:mm:ss.zzz")).toLatin1() + ", "
                   + QByteArray::number(100 + 10 * gpu) + ".00 W\n";
            ++row;
            if (spec.after.contains(row))
                out += spec.after.value(row) + "\n";
        }
    }
    return out;
}

} // namespace

class TestNvidiaSmiCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realFiles_data();
    void realFiles();
    void edgeCases_data();
    void edgeCases();
    void splitAcrossChunks();
    void clockJumps_data();
    void clockJumps();
    void strayLines_data();
    void strayLines();
    void lastLineWithoutNewline_data();
    void lastLineWithoutNewline();
    void lineEndings_data();
    void lineEndings();
    void powerColumnOption();
};

void TestNvidiaSmiCsv::realFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("gpus");
    QTest::addColumn<int>("polls");
    QTest::addColumn<QList<float>>("firstPoll");
    QTest::addColumn<QStringList>("issues");

    // 6000 rows = 750 polls of 8; first poll from lines 2-9 of the file.
    QTest::newRow("h100x8 excerpt, no index column") << "nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv" << 8 << 750
        << QList<float>{116.94f, 123.30f, 123.47f, 122.32f, 122.75f, 122.03f, 117.87f, 120.41f} << QStringList();
    // 1216 complete rows before the 2533 NUL bytes = 608 polls of 2; the padding is no issue.
    QTest::newRow("titanx 2 GPUs, NUL-padded tail") << "nvidia-smi-query-titanx-2gpu-nul-padded-tail-training_profile.csv" << 2 << 608
        << QList<float>{17.18f, 16.20f} << QStringList();
    // 7125 complete rows: 3562 polls and one GPU-0 row whose GPU-1 row is the cut-off last line.
    QTest::newRow("titanx 2 GPUs, cut-off last line") << "nvidia-smi-query-titanx-2gpu-partial-last-line-training_profile.csv" << 2 << 3562
        << QList<float>{17.26f, 16.27f}
        << QStringList{QStringLiteral("last line is cut off"), QStringLiteral("last poll is cut off (1 of 2 GPU rows)")};
}

void TestNvidiaSmiCsv::realFiles()
{
    QFETCH(QString, file);
    QFETCH(int, gpus);
    QFETCH(int, polls);
    QFETCH(QList<float>, firstPoll);
    QFETCH(QStringList, issues);

    QCOMPARE(sniffLogFormat(readData(file)).format->id, QStringLiteral("nvidia-smi-csv"));
    const LoadedLog log = LogLoader::loadFile(dataPath(file));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-csv"));
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.channelCount(), gpus);
    QCOMPARE(log.trace.size(), qsizetype(polls));
    QCOMPARE(log.issueCount, qint64(issues.size()));
    for (const QString &issue : issues)
        QVERIFY2(hasIssue(log, issue), qPrintable(issuesText(log)));
    for (int gpu = 0; gpu < gpus; ++gpu) {
        QCOMPARE(log.trace.channel(gpu).id, QStringLiteral("gpu%1").arg(gpu));
        QCOMPARE(log.trace.channel(gpu).role, ChannelRole::Component);
        QCOMPARE(log.trace.value(gpu, 0), firstPoll[gpu]);
    }
    QCOMPARE(log.metadata.value(QStringLiteral("gpu_identity")), QStringLiteral("row position within a poll (no index column)"));
    QVERIFY(log.metadata.value(QStringLiteral("clock")).contains(QStringLiteral("local time")));

    const PointSeries expected = readTrainingProfile(file, gpus);
    QCOMPARE(qsizetype(expected.timeS.size()), log.trace.size());
    const TraceStats stats = analyzeTrace(log.trace);
    QVERIFY(qAbs(*stats.durationS - expected.timeS.back()) < 1e-6);
    double totalWh = 0;
    for (int gpu = 0; gpu < gpus; ++gpu) {
        const double wh = trapezoidWh(expected, size_t(gpu));
        totalWh += wh;
        const ChannelStats *channel = stats.channel(QStringLiteral("gpu%1").arg(gpu));
        QVERIFY(channel && channel->energyWh);
        // Values are stored as float: 1e-5 relative covers it.
        QVERIFY2(qAbs(*channel->energyWh - wh) < 1e-5 * wh, qPrintable(QStringLiteral("gpu%1 %2 vs %3").arg(gpu).arg(*channel->energyWh).arg(wh)));
    }
    QVERIFY(qAbs(*stats.total.energyWh - totalWh) < 1e-5 * totalWh);
}

void TestNvidiaSmiCsv::edgeCases_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");     // part of the load error; empty: loads
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("channels");
    QTest::addColumn<double>("totalMeanW");
    QTest::addColumn<double>("totalWh");
    QTest::addColumn<QString>("issue");     // part of an issue; empty: no issue at all

    QByteArray crlf = kTwoPolls;
    crlf.replace("\n", "\r\n");
    // gpu0: (100 + 200) / 2 W x 1 s = 150 J; gpu1: 50 W x 1 s = 50 J; 200 J = 0.05556 Wh over 1 s.
    QTest::newRow("two polls, index column") << kTwoPolls << QString() << 2 << 2 << 200.0 << 200.0 / 3600 << QString();
    QTest::newRow("CRLF") << crlf << QString() << 2 << 2 << 200.0 << 200.0 / 3600 << QString();
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" + kTwoPolls) << QString() << 2 << 2 << 200.0 << 200.0 / 3600 << QString();
    QTest::newRow("NUL tail") << QByteArray(kTwoPolls + QByteArray(700, '\0')) << QString() << 2 << 2 << 200.0 << 200.0 / 3600 << QString();
    QTest::newRow("cut-off last line") << QByteArray(kTwoPolls + "2024/01/01 00:00:02.000, 0, 30") << QString() << 2 << 2 << 200.0
                                       << 200.0 / 3600 << QStringLiteral("last line is cut off");
    // A second run appended with >>: header again, then a poll at t = 2 s of 100 W and 50 W.
    // gpu0: 150 + (200 + 100) / 2 = 300 J; gpu1: 100 J; 400 J over 2 s = 200 W.
    QTest::newRow("repeated header") << QByteArray(kTwoPolls + "timestamp, index, power.draw [W]\n"
                                                               "2024/01/01 00:00:02.000, 0, 100.00 W\n"
                                                               "2024/01/01 00:00:02.001, 1, 50.00 W\n")
                                     << QString() << 3 << 2 << 200.0 << 400.0 / 3600 << QString();
    // gpu1 never has a reading: it is missing, not 0 W, and drops out of the total, which is
    // gpu0's (100 + 200) / 2 + (200 + 100) / 2 = 300 J over 2 s = 150 W.
    QTest::newRow("missing values [Not Supported], N/A, [N/A]")
        << QByteArray("timestamp, index, power.draw [W]\n"
                      "2024/01/01 00:00:00.000, 0, 100.00 W\n"
                      "2024/01/01 00:00:00.001, 1, [Not Supported]\n"
                      "2024/01/01 00:00:01.000, 0, 200.00 W\n"
                      "2024/01/01 00:00:01.001, 1, N/A\n"
                      "2024/01/01 00:00:02.000, 0, 100.00 W\n"
                      "2024/01/01 00:00:02.001, 1, [N/A]\n")
        << QString() << 3 << 1 << 150.0 << 300.0 / 3600 << QStringLiteral("missing (\"[Not Supported]\") in 3 row(s)");
    QTest::newRow("no power column") << QByteArray("timestamp, index, utilization.gpu [%]\n2024/01/01 00:00:00.000, 0, 3 %\n")
                                     << QStringLiteral("no power column") << 0 << 0 << kUnknown << kUnknown << QString();
    QTest::newRow("header only") << QByteArray("timestamp, index, power.draw [W]\n") << QStringLiteral("header but no data rows") << 0
                                 << 0 << kUnknown << kUnknown << QString();
    QTest::newRow("header only, no newline") << QByteArray("timestamp, index, power.draw [W]") << QStringLiteral("header but no data rows")
                                             << 0 << 0 << kUnknown << kUnknown << QString();
    // Two rows without an index column are two readings of one GPU: a single step between them
    // is no evidence of polls (it was read as two GPUs and the second poll as cut off). 100 W for 0.5 s.
    QTest::newRow("two rows, no index column") << QByteArray("timestamp, power.draw [W]\n2024/01/01 00:00:00.000, 100.00 W\n"
                                                             "2024/01/01 00:00:00.500, 100.00 W\n")
                                               << QString() << 2 << 1 << 100.0 << 50.0 / 3600 << QString();
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty") << 0 << 0 << kUnknown << kUnknown << QString();
    // "abc W" is refused: no interval has readings at both ends, so the energy is unknown and
    // the mean is that of the readings left, (100 + 300) / 2 = 200 W.
    QTest::newRow("not a number") << QByteArray("timestamp, index, power.draw [W]\n"
                                                "2024/01/01 00:00:00.000, 0, 100.00 W\n"
                                                "2024/01/01 00:00:01.000, 0, abc W\n"
                                                "2024/01/01 00:00:02.000, 0, 300.00 W\n")
                                  << QString() << 3 << 1 << 200.0 << kUnknown << QStringLiteral("\"abc W\" is not a number");
    // noheader: the one value in W is the power; one row per second is one GPU. 3 x 100 W.
    QTest::newRow("noheader with units") << QByteArray("2024/01/01 00:00:00.000, 100.00 W, 3 %\n"
                                                       "2024/01/01 00:00:01.000, 100.00 W, 3 %\n"
                                                       "2024/01/01 00:00:02.000, 100.00 W, 3 %\n")
                                         << QString() << 3 << 1 << 100.0 << 200.0 / 3600 << QStringLiteral("no header line");
    QTest::newRow("noheader nounits") << QByteArray("2024/01/01 00:00:00.000, 100.00, 3\n2024/01/01 00:00:01.000, 100.00, 3\n")
                                      << QStringLiteral("no power column") << 0 << 0 << kUnknown << kUnknown << QString();
    // Daylight saving ends: 02:59:59 is followed by 02:00:00. The axis goes on one interval
    // later: 0, 1, 2, 3 s at 100 W = 300 J.
    QTest::newRow("clock goes back an hour") << QByteArray("timestamp, index, power.draw [W]\n"
                                                           "2024/10/27 02:59:58.000, 0, 100.00 W\n"
                                                           "2024/10/27 02:59:59.000, 0, 100.00 W\n"
                                                           "2024/10/27 02:00:00.000, 0, 100.00 W\n"
                                                           "2024/10/27 02:00:01.000, 0, 100.00 W\n")
                                             << QString() << 4 << 1 << 100.0 << 300.0 / 3600 << QStringLiteral("clock goes back 3599.000 s");
    // Three GPUs without an index: rows 1 ms apart inside a poll, polls 1 s apart. 10 + 20 + 30
    // W for 2 s = 120 J.
    QTest::newRow("three GPUs by position") << QByteArray("timestamp, power.draw [W]\n"
                                                          "2024/01/01 00:00:00.000, 10.00 W\n2024/01/01 00:00:00.001, 20.00 W\n2024/01/01 00:00:00.002, 30.00 W\n"
                                                          "2024/01/01 00:00:01.000, 10.00 W\n2024/01/01 00:00:01.001, 20.00 W\n2024/01/01 00:00:01.002, 30.00 W\n"
                                                          "2024/01/01 00:00:02.000, 10.00 W\n2024/01/01 00:00:02.001, 20.00 W\n2024/01/01 00:00:02.002, 30.00 W\n")
                                            << QString() << 3 << 3 << 60.0 << 120.0 / 3600 << QString();
    {
        // 30 polls of two GPUs, 100 ms apart, rows 1 ms apart, except that GPU 1's row of poll 3
        // comes 90 ms late (as in the Titan X logs): still two GPUs. 10 + 20 W for 2.9 s = 87 J.
        QByteArray delayed = "timestamp, power.draw [W]\n";
        for (int poll = 0; poll < 30; ++poll) {
            const int ms = poll * 100;
            delayed += QStringLiteral("2024/01/01 00:00:%1.%2, 10.00 W\n").arg(ms / 1000, 2, 10, QChar(u'0')).arg(ms % 1000, 3, 10, QChar(u'0')).toLatin1();
            const int late = ms + (poll == 3 ? 90 : 1);
            delayed += QStringLiteral("2024/01/01 00:00:%1.%2, 20.00 W\n").arg(late / 1000, 2, 10, QChar(u'0')).arg(late % 1000, 3, 10, QChar(u'0')).toLatin1();
        }
        QTest::newRow("a GPU row delayed in the learning rows") << delayed << QString() << 30 << 2 << 30.0 << 87.0 / 3600 << QString();
    }
    // The excerpt starts with the last GPU's row of a poll: that row is left out.
    QTest::newRow("starts mid-poll") << QByteArray("timestamp, power.draw [W]\n"
                                                   "2024/01/01 00:00:00.001, 99.00 W\n"
                                                   "2024/01/01 00:00:01.000, 10.00 W\n2024/01/01 00:00:01.001, 20.00 W\n"
                                                   "2024/01/01 00:00:02.000, 10.00 W\n2024/01/01 00:00:02.001, 20.00 W\n"
                                                   "2024/01/01 00:00:03.000, 10.00 W\n2024/01/01 00:00:03.001, 20.00 W\n")
                                     << QString() << 3 << 2 << 30.0 << 60.0 / 3600 << QStringLiteral("part-way through a poll");
    // nounits; power.draw.instant is the draw, power.limit is not. 75.5 W for 1 s.
    QTest::newRow("nounits, power.draw.instant beside power.limit")
        << QByteArray("timestamp, uuid, power.limit [W], power.draw.instant [W]\n"
                      "2024/01/01 00:00:00.000, GPU-aaa, 300.00, 75.50\n"
                      "2024/01/01 00:00:01.000, GPU-aaa, 300.00, 75.50\n")
        << QString() << 2 << 1 << 75.5 << 75.5 / 3600 << QString();
    // pci.bus_id identity, GPUs in any order: 00:02 is seen first and becomes gpu0.
    QTest::newRow("bus id identity") << QByteArray("pci.bus_id, power.draw [W], timestamp\n"
                                                   "00000000:02:00.0, 40 W, 2024/01/01 00:00:00.000\n"
                                                   "00000000:01:00.0, 60 W, 2024/01/01 00:00:00.001\n"
                                                   "00000000:02:00.0, 40 W, 2024/01/01 00:00:01.000\n"
                                                   "00000000:01:00.0, 60 W, 2024/01/01 00:00:01.001\n")
                                     << QString() << 2 << 2 << 100.0 << 100.0 / 3600 << QString();
}

void TestNvidiaSmiCsv::edgeCases()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QFETCH(int, samples);
    QFETCH(int, channels);
    QFETCH(double, totalMeanW);
    QFETCH(double, totalWh);
    QFETCH(QString, issue);

    const LoadedLog log = loadText(input);
    if (!error.isEmpty()) {
        QVERIFY2(!log.ok(), "should not load");
        QVERIFY2(log.error.contains(error), qPrintable(log.error));
        return;
    }
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-csv"));
    QCOMPARE(log.trace.size(), qsizetype(samples));
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(qsizetype(stats.channels.size()), qsizetype(channels));
    QVERIFY2(qAbs(stats.total.meanW - totalMeanW) < 1e-3, qPrintable(QString::number(stats.total.meanW)));
    if (std::isnan(totalWh))
        QVERIFY(!stats.total.energyWh);
    else
        QVERIFY2(stats.total.energyWh && qAbs(*stats.total.energyWh - totalWh) < 1e-6, qPrintable(issuesText(log)));
    if (issue.isEmpty())
        QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
    else
        QVERIFY2(hasIssue(log, issue), qPrintable(issuesText(log)));
}

// Bytes arrive in arbitrary pieces from a pipe: the result must not depend on where they split.
void TestNvidiaSmiCsv::splitAcrossChunks()
{
    const QByteArray bytes = readData(QStringLiteral("nvidia-smi-query-titanx-2gpu-nul-padded-tail-training_profile.csv"));
    const LoadedLog whole = loadText(bytes);
    for (qsizetype chunk : {1, 7, 4096}) {
        TraceBuilder builder;
        auto parser = logFormatById(QStringLiteral("nvidia-smi-csv"))->create();
        parser->setSink(&builder);
        for (qsizetype offset = 0; offset < bytes.size(); offset += chunk)
            parser->feed(QByteArrayView(bytes).sliced(offset, std::min(chunk, bytes.size() - offset)));
        parser->finish();
        QCOMPARE(builder.trace().size(), whole.trace.size());
        QCOMPARE(builder.trace().timeS(builder.trace().size() - 1), whole.trace.timeS(whole.trace.size() - 1));
        QCOMPARE(builder.trace().value(1, 300), whole.trace.value(1, 300));
    }
}

// A clock that jumps in a log without an index column tells nothing about the GPU count: one
// step standing out among the first rows once read as a poll boundary (20 or 57 GPUs of 100 W).
// The count comes from the repeating polls, and the jump is an issue: a clock set forward is a
// gap, one odd timestamp among steady ones is placed between its neighbours.
void TestNvidiaSmiCsv::clockJumps_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("gpus");
    QTest::addColumn<double>("durationS");
    QTest::addColumn<int>("gaps");
    QTest::addColumn<QString>("issue");

    QTest::newRow("1 GPU, 40 polls, +1 h at poll 20") << positionalPolls(PollsSpec().withPolls(40).withJump(20, 3600)) << 40 << 1
                                                    << 3639.0 << 1 << QStringLiteral("the clock jumps forward 3601.000 s");
    QTest::newRow("1 GPU, 600 polls, +1 h at poll 300") << positionalPolls(PollsSpec().withPolls(600).withJump(300, 3600)) << 600 << 1
                                                      << 4199.0 << 1 << QStringLiteral("the clock jumps forward 3601.000 s");
    QTest::newRow("1 GPU, 60 polls, row 56 at 1970") << positionalPolls(PollsSpec().withPolls(60).withOddRow(56)) << 60 << 1 << 59.0 << 0
                                                   << QStringLiteral("reads 1970/01/01 00:00:00.000, out of step");
    QTest::newRow("1 GPU, 600 polls, row 300 at 1970") << positionalPolls(PollsSpec().withPolls(600).withOddRow(300)) << 600 << 1 << 599.0 << 0
                                                     << QStringLiteral("reads 1970/01/01 00:00:00.000, out of step");
    QTest::newRow("2 GPUs, 30 polls, +1 h at poll 15") << positionalPolls(PollsSpec().withGpus(2).withPolls(30).withJump(15, 3600))
                                                     << 30 << 2 << 3629.0 << 1 << QStringLiteral("the clock jumps forward 3601.000 s");
    QTest::newRow("8 GPUs at 100 ms, a row at 1970 inside a poll")
        << positionalPolls(PollsSpec().withGpus(8).withPolls(100, 100).withOddRow(50)) << 100 << 8 << 9.9 << 0
        << QStringLiteral("away from the first row of its poll");
    QTest::newRow("8 GPUs at 100 ms, a poll's first row at 1970")
        << positionalPolls(PollsSpec().withGpus(8).withPolls(100, 100).withOddRow(48)) << 100 << 8 << 9.9 << 0
        << QStringLiteral("reads 1970/01/01 00:00:00.000, out of step");
}

void TestNvidiaSmiCsv::clockJumps()
{
    QFETCH(QByteArray, input);
    QFETCH(int, samples);
    QFETCH(int, gpus);
    QFETCH(double, durationS);
    QFETCH(int, gaps);
    QFETCH(QString, issue);

    const LoadedLog log = loadText(input);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.channelCount(), gpus);
    QCOMPARE(log.trace.size(), qsizetype(samples));
    const TraceStats stats = analyzeTrace(log.trace);
    // Every GPU draws 100 + 10 g W: the mean of the total is the sum, whatever the gaps.
    QVERIFY2(qAbs(stats.total.meanW - (100.0 * gpus + 5.0 * gpus * (gpus - 1))) < 1e-3, qPrintable(QString::number(stats.total.meanW)));
    QVERIFY2(stats.durationS && qAbs(*stats.durationS - durationS) < 1e-3, qPrintable(QString::number(stats.durationS.value_or(-1))));
    QCOMPARE(stats.gaps, gaps);
    QVERIFY2(hasIssue(log, issue), qPrintable(issuesText(log)));
}

// A word alone on a line (a shell's or a crash's: "error", "x", "nan", "Killed", "^C") is left
// out with an issue quoting it; the rows after it are read as before. Lowercase words once read
// as a header without a power column, which dropped every later row.
void TestNvidiaSmiCsv::strayLines_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("gpus");
    QTest::addColumn<QStringList>("issues");

    QTest::newRow("1 GPU, \"error\" after row 11") << positionalPolls(PollsSpec().withPolls(100).withLineAfter(11, "error")) << 100 << 1
                                                 << QStringList{QStringLiteral("line 13: \"error\" is not a row of the log")};
    QTest::newRow("2 GPUs, x, nan, Killed, ^C")
        << positionalPolls(PollsSpec().withGpus(2).withPolls(100).withLineAfter(11, "x").withLineAfter(30, "nan").withLineAfter(40, "Killed").withLineAfter(41, "^C")) << 100 << 2
        << QStringList{QStringLiteral("line 13: \"x\" is not a row"), QStringLiteral("line 33: \"nan\" is not a row"),
                       QStringLiteral("line 44: \"Killed\" is not a row"), QStringLiteral("line 46: \"^C\" is not a row")};
    QByteArray indexed = "timestamp, index, power.draw [W]\n";
    for (int poll = 0; poll < 12; ++poll)
        indexed += QStringLiteral("2024/01/01 00:00:%1.000, 0, 100.00 W\n").arg(poll, 2, 10, QChar(u'0')).toLatin1() + (poll == 10 ? "error\n" : "");
    QTest::newRow("index column, \"error\" after row 11") << indexed << 12 << 1
                                                        << QStringList{QStringLiteral("line 13: \"error\" is not a row of the log")};
}

void TestNvidiaSmiCsv::strayLines()
{
    QFETCH(QByteArray, input);
    QFETCH(int, samples);
    QFETCH(int, gpus);
    QFETCH(QStringList, issues);

    const LoadedLog log = loadText(input);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.channelCount(), gpus);
    QCOMPARE(log.trace.size(), qsizetype(samples));
    QCOMPARE(log.issueCount, qint64(issues.size()));
    for (const QString &issue : issues) {
        const qsizetype colon = issue.indexOf(u':');
        const qint64 line = issue.mid(5, colon - 5).toLongLong();
        const QString words = issue.mid(colon + 2);
        const bool found = std::any_of(log.issues.begin(), log.issues.end(),
                                       [&](const auto &each) { return each.line == line && each.message.contains(words); });
        QVERIFY2(found, qPrintable(issue + QStringLiteral(" not among:\n") + issuesText(log)));
    }
}

// A last line without a newline is read when it is whole (every field, the last one shaped like
// the row before's) and left out with an issue when it is visibly cut.
void TestNvidiaSmiCsv::lastLineWithoutNewline_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("samples");
    QTest::addColumn<float>("lastWatts"); // GPU 0's reading in the last sample
    QTest::addColumn<QString>("issue");   // empty: no issue at all

    const QByteArray indexed = "timestamp, index, power.draw [W]\n"
                               "2024/01/01 00:00:00.000, 0, 100.00 W\n2024/01/01 00:00:01.000, 0, 101.00 W\n"
                               "2024/01/01 00:00:02.000, 0, 102.00 W\n2024/01/01 00:00:03.000, 0, 103.00 W\n"
                               "2024/01/01 00:00:04.000, 0, 104.00 W\n";
    QTest::newRow("5 rows, index column") << indexed.chopped(1) << 5 << 104.0f << QString();
    QTest::newRow("5 rows, no index column") << positionalPolls(PollsSpec().withPolls(5)).chopped(1) << 5 << 100.0f << QString();
    QTest::newRow("one row, nounits") << QByteArray("timestamp, power.draw [W]\n2024/01/01 00:00:00.000, 28.16") << 1 << 28.16f << QString();
    QTest::newRow("name last, nounits") << QByteArray("timestamp, power.draw [W], name\n"
                                                      "2024/01/01 00:00:00.000, 28.16, NVIDIA H100 80GB HBM3\n"
                                                      "2024/01/01 00:00:01.000, 29.16, NVIDIA H100 80GB HBM3")
                                        << 2 << 29.16f << QString();
    QTest::newRow("missing value last") << QByteArray(indexed + "2024/01/01 00:00:05.000, 0, [N/A]") << 6 << kMissing << QString();
    const QString cut = QStringLiteral("last line is cut off");
    QTest::newRow("cut: unit lost") << QByteArray(indexed + "2024/01/01 00:00:05.000, 0, 30") << 5 << 104.0f << cut;
    QTest::newRow("cut: decimals lost, nounits") << QByteArray("timestamp, power.draw [W]\n2024/01/01 00:00:00.000, 28.16\n"
                                                              "2024/01/01 00:00:01.000, 28.1")
                                                 << 1 << 28.16f << cut;
    QTest::newRow("cut: fields lost") << QByteArray(indexed + "2024/01/01 00:00:05.000, 0") << 5 << 104.0f << cut;
    QTest::newRow("cut: after a comma") << QByteArray(indexed + "2024/01/01 00:00:05.000, 0,") << 5 << 104.0f << cut;
    QTest::newRow("cut: [N/A] lost its bracket") << QByteArray(indexed + "2024/01/01 00:00:05.000, 0, [N/") << 5 << 104.0f << cut;
    QTest::newRow("cut: name") << QByteArray("timestamp, power.draw [W], name\n"
                                             "2024/01/01 00:00:00.000, 28.16, NVIDIA H100 80GB HBM3\n"
                                             "2024/01/01 00:00:01.000, 29.16, NVIDIA H1")
                               << 1 << 28.16f << cut;
    QTest::newRow("cut: timestamp last") << QByteArray("index, power.draw [W], timestamp\n0, 28.16 W, 2024/01/01 00:00:00.000\n"
                                                       "0, 29.16 W, 2024/01/01 00:00:01.0")
                                         << 1 << 28.16f << cut;
}

void TestNvidiaSmiCsv::lastLineWithoutNewline()
{
    QFETCH(QByteArray, input);
    QFETCH(int, samples);
    QFETCH(float, lastWatts);
    QFETCH(QString, issue);

    const LoadedLog log = loadText(input);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), qsizetype(samples));
    const float last = log.trace.value(0, log.trace.size() - 1);
    QVERIFY2(std::isnan(lastWatts) ? std::isnan(last) : last == lastWatts, qPrintable(QString::number(last)));
    if (issue.isEmpty())
        QVERIFY2(log.issueCount == 0 || (std::isnan(lastWatts) && log.issueCount == 1), qPrintable(issuesText(log)));
    else
        QVERIFY2(log.issueCount == 1 && hasIssue(log, issue), qPrintable(issuesText(log)));
}

// Lone CR line ends (old Mac tools, some serial loggers) and blanks at line ends or after the
// last row read as LF files do.
void TestNvidiaSmiCsv::lineEndings_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<double>("totalMeanW");

    // With the index column: polls of 100 + 50 W and 200 + 50 W; without: 100 + 110 W twice.
    QTest::newRow("lone CR") << QByteArray(kTwoPolls).replace('\n', '\r') << 200.0;
    QTest::newRow("lone CR, no index column") << positionalPolls(PollsSpec().withGpus(2).withPolls(2)).replace('\n', '\r') << 210.0;
    QTest::newRow("blanks at line ends") << QByteArray(kTwoPolls).replace("\n", " \t \n") << 200.0;
    QTest::newRow("blank lines at the end") << kTwoPolls + "   \n\t\n \n" << 200.0;
    QTest::newRow("CR before blanks") << QByteArray(kTwoPolls).replace("\n", "\r  \n") << 200.0;
}

void TestNvidiaSmiCsv::lineEndings()
{
    QFETCH(QByteArray, input);
    QFETCH(double, totalMeanW);

    QCOMPARE(sniffLogFormat(input).format->id, QStringLiteral("nvidia-smi-csv"));
    const LoadedLog log = loadText(input);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
    QCOMPARE(log.trace.size(), 2);
    QCOMPARE(log.trace.channelCount(), 2);
    const TraceStats stats = analyzeTrace(log.trace);
    QVERIFY2(qAbs(stats.total.meanW - totalMeanW) < 1e-3, qPrintable(QString::number(stats.total.meanW)));
}

// `--power-column power.draw.instant` picks that reading over power.draw, which is preferred
// otherwise; a name the header lacks is refused.
void TestNvidiaSmiCsv::powerColumnOption()
{
    const QByteArray both = "timestamp, index, power.draw [W], power.draw.instant [W]\n"
                            "2024/01/01 00:00:00.000, 0, 100.00 W, 90.00 W\n"
                            "2024/01/01 00:00:01.000, 0, 100.00 W, 110.00 W\n";
    QCOMPARE(loadText(both).trace.value(0, 0), 100.0f);
    LoadOptions options;
    options.powerColumn = QStringLiteral("power.draw.instant");
    const LoadedLog instant = LogLoader::loadBytes(both, QStringLiteral("inline"), options);
    QVERIFY2(instant.ok(), qPrintable(instant.error));
    QCOMPARE(instant.trace.value(0, 0), 90.0f);
    QCOMPARE(instant.trace.value(0, 1), 110.0f);
    QCOMPARE(instant.metadata.value(QStringLiteral("power_column")), QStringLiteral("power.draw.instant"));
    options.powerColumn = QStringLiteral("power.draw.average");
    const LoadedLog missing = LogLoader::loadBytes(both, QStringLiteral("inline"), options);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error.contains(QStringLiteral("no power column named \"power.draw.average\"")), qPrintable(missing.error));
}

QTEST_APPLESS_MAIN(TestNvidiaSmiCsv)
#include "tst_nvidiasmicsv.moc"
