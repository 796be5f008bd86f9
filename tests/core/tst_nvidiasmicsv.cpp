#include "loadhelpers.h"

#include "formats/logformat.h"
#include "formats/tracebuilder.h"

#include <QDateTime>
#include <QTest>

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
