#include "loadhelpers.h"

#include "formats/logformat.h"
#include "formats/tracebuilder.h"

#include <QTest>

using namespace nightwatt;
using namespace nightwatt::test;

// The `nvidia-smi -q` report. The files in tests/data are written from the grammar (no real log
// of this format is kept); every figure below is worked out by hand from the numbers in them.
class TestNvidiaSmiQ : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void files_data();
    void files();
    void moduleReadingIsNeverUsed();
    void cutLastReportIsLeftOut();
    void edgeCases_data();
    void edgeCases();
    void reportIsWrittenOnceItsReadingsAreOver();
};

namespace {

const QString kV100 = QStringLiteral("nvidia-smi-q-v100-driver470.txt");
const QString kH100 = QStringLiteral("nvidia-smi-q-h100-driver550-power-loop.txt");
const QString kGh200 = QStringLiteral("nvidia-smi-q-gh200-driver535-module-na.txt");
const QString kA100x4 = QStringLiteral("nvidia-smi-q-4xa100-driver535-power-loop.txt");
const QString kA6000Cut = QStringLiteral("nvidia-smi-q-2xa6000-driver515-loop-cut.txt");

constexpr double kWhTolerance = 1e-6; // the readings are floats: a few µWh over these runs

// The line number (from 1) of the `occurrence`-th line containing `text`.
qint64 lineOf(const QByteArray &bytes, QByteArrayView text, int occurrence = 1)
{
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].contains(text) && --occurrence == 0)
            return i + 1;
    }
    return -1;
}

} // namespace

void TestNvidiaSmiQ::files_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<double>>("timesS");
    QTest::addColumn<QList<QList<float>>>("watts"); // [gpu][report]
    QTest::addColumn<double>("energyWh");           // 0: a single report has no duration
    QTest::addColumn<QString>("powerReading");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QDateTime>("clockAtZero");

    // One report: an instant.
    QTest::newRow("V100, driver 470, Power Readings")
        << kV100 << QList<double>{0} << QList<QList<float>>{{72.62f}} << 0.0 << "Power Draw" << "470.182.03"
        << QDateTime(QDate(2023, 6, 21), QTime(16, 53, 57));
    // -d POWER -l 2, newer driver: the average, not the instantaneous reading.
    // (287.41 + 290.00) / 2 × 2 s + (290.00 + 292.59) / 2 × 2 s = 577.41 + 582.59 = 1160 J.
    QTest::newRow("H100, driver 550, Average and Instantaneous")
        << kH100 << QList<double>{0, 2, 4} << QList<QList<float>>{{287.41f, 290.00f, 292.59f}} << 1160.0 / 3600 << "Average Power Draw"
        << "550.54.15" << QDateTime(QDate(2024, 3, 5), QTime(9, 41, 7));
    // Module Power Readings' Power Draw is N/A: the GPU's own 91.67 W then 93.33 W, 1 s apart.
    // (91.67 + 93.33) / 2 × 1 s = 92.5 J.
    QTest::newRow("GH200, driver 535, module N/A")
        << kGh200 << QList<double>{0, 1} << QList<QList<float>>{{91.67f, 93.33f}} << 92.5 / 3600 << "Power Draw" << "535.129.03"
        << QDateTime(QDate(2025, 2, 13), QTime(14, 2, 11));
    // Four GPUs, four reports 1 s apart; per GPU a/2 + b + c + d/2:
    // 30.675 + 245.10 + 298.70 + 150.625 = 725.10 J, 29.90 + 240 + 296 + 150 = 715.90 J,
    // 31.05 + 251.90 + 305.30 + 149.975 = 738.225 J, 29.375 + 238 + 290 + 147.40 = 704.775 J;
    // together 2884 J.
    QTest::newRow("4x A100, -d POWER -l 1")
        << kA100x4 << QList<double>{0, 1, 2, 3}
        << QList<QList<float>>{{61.35f, 245.10f, 298.70f, 301.25f},
                               {59.80f, 240.00f, 296.00f, 300.00f},
                               {62.10f, 251.90f, 305.30f, 299.95f},
                               {58.75f, 238.00f, 290.00f, 294.80f}}
        << 2884.0 / 3600 << "Power Draw" << "535.104.05" << QDateTime(QDate(2023, 11, 21), QTime(10, 15, 2));
    // Two whole reports 5 s apart (the cut third one is left out): GPU 0 (212.48 + 230.52) / 2 × 5
    // = 1107.5 J, GPU 1 (198.10 + 201.90) / 2 × 5 = 1000 J.
    QTest::newRow("2x A6000, driver 515, cut")
        << kA6000Cut << QList<double>{0, 5} << QList<QList<float>>{{212.48f, 230.52f}, {198.10f, 201.90f}} << 2107.5 / 3600
        << "Power Draw" << "515.65.01" << QDateTime(QDate(2022, 8, 22), QTime(11, 20, 45));
}

void TestNvidiaSmiQ::files()
{
    QFETCH(QString, file);
    QFETCH(QList<double>, timesS);
    QFETCH(QList<QList<float>>, watts);
    QFETCH(double, energyWh);
    QFETCH(QString, powerReading);
    QFETCH(QString, driver);
    QFETCH(QDateTime, clockAtZero);

    const QByteArray bytes = readData(file);
    const SniffResult sniffed = sniffLogFormat(bytes);
    QVERIFY(sniffed.format);
    QCOMPARE(sniffed.format->id, QStringLiteral("nvidia-smi-q"));
    const LoadedLog log = LogLoader::loadFile(dataPath(file));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-q"));
    QCOMPARE(log.trace.size(), timesS.size());
    QCOMPARE(log.trace.channelCount(), int(watts.size()));
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.clockAtZero(), clockAtZero);
    for (qsizetype i = 0; i < timesS.size(); ++i)
        QCOMPARE(log.trace.timeS(i), timesS[i]);
    for (int gpu = 0; gpu < watts.size(); ++gpu) {
        QCOMPARE(log.trace.channel(gpu).id, QStringLiteral("gpu%1").arg(gpu));
        for (qsizetype i = 0; i < timesS.size(); ++i)
            QCOMPARE(log.trace.value(gpu, i), watts[gpu][i]);
    }
    const TraceStats stats = analyzeTrace(log.trace);
    if (energyWh == 0) {
        QVERIFY(!stats.total.energyWh || *stats.total.energyWh == 0);
    } else {
        QVERIFY(stats.total.energyWh);
        QVERIFY2(qAbs(*stats.total.energyWh - energyWh) < kWhTolerance, qPrintable(QString::number(*stats.total.energyWh, 'g', 10)));
    }
    QCOMPARE(log.metadata.value(QStringLiteral("power_reading")), powerReading);
    QCOMPARE(log.metadata.value(QStringLiteral("driver_version")), driver);
    QCOMPARE(log.metadata.value(QStringLiteral("gpu_count")), QString::number(watts.size()));
    if (file != kA6000Cut)
        QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
}

// Grace Hopper's module reading (CPU, GPU and memory together) is a number on some systems: it
// is neither taken for the GPU's reading nor added to it.
void TestNvidiaSmiQ::moduleReadingIsNeverUsed()
{
    QByteArray bytes = readData(kGh200);
    const qsizetype module = bytes.indexOf("Module Power Readings");
    QVERIFY(module > 0);
    const qsizetype na = bytes.indexOf("N/A", bytes.indexOf("Power Draw", module));
    bytes.replace(na, 3, "186.88 W");
    const LoadedLog log = loadText(bytes);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.channelCount(), 1);
    QCOMPARE(log.trace.value(0, 0), 91.67f);
    QCOMPARE(log.trace.value(0, 1), 93.33f);
    QCOMPARE(log.metadata.value(QStringLiteral("gpu0_name")), QStringLiteral("NVIDIA GH200 480GB"));
    QCOMPARE(log.metadata.value(QStringLiteral("gpu0_bus_id")), QStringLiteral("00000009:01:00.0"));
}

// The copy was taken while nvidia-smi wrote the third report: GPU 0's reading is there, GPU 1's
// is not. The report is left out with an issue on its banner line, the two before it stay.
void TestNvidiaSmiQ::cutLastReportIsLeftOut()
{
    const QByteArray bytes = readData(kA6000Cut);
    const LoadedLog log = loadText(bytes);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), qsizetype(2));
    QCOMPARE(log.issueCount, qint64(1));
    QVERIFY2(log.issues.first().message.contains(QStringLiteral("report cut off before the power readings of GPU 00000000:1C:00.0")),
             qPrintable(issuesText(log)));
    QCOMPARE(log.issues.first().line, lineOf(bytes, "NVSMI LOG", 3));
}

void TestNvidiaSmiQ::edgeCases_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<float>>("gpu0");   // GPU 0's readings; NaN = missing
    QTest::addColumn<int>("timing");          // TimingKind
    QTest::addColumn<QString>("issue");       // empty: none at all
    QTest::addColumn<qint64>("issueLine");    // -1: not checked

    const QByteArray h100 = readData(kH100);
    const QByteArray v100 = readData(kV100);
    const float na = kMissing;
    const auto points = int(TimingKind::Points);

    QTest::newRow("CRLF") << QByteArray(h100).replace("\n", "\r\n") << QList<float>{287.41f, 290.00f, 292.59f} << points << QString() << qint64(-1);
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF") + h100 << QList<float>{287.41f, 290.00f, 292.59f} << points << QString() << qint64(-1);
    // Both averages missing: the instantaneous reading is the next best.
    QByteArray noAverage = h100;
    noAverage.replace("Average Power Draw                : 290.00 W", "Average Power Draw                : [N/A]");
    QTest::newRow("average missing, instantaneous used")
        << noAverage << QList<float>{287.41f, 288.12f, 292.59f} << points << QString() << qint64(-1);
    // Neither: that reading is missing (never 0 W), said once with where it first happened.
    QByteArray unknown = noAverage;
    unknown.replace("Instantaneous Power Draw          : 288.12 W", "Instantaneous Power Draw          : Unknown");
    QTest::newRow("reading Unknown")
        << unknown << QList<float>{287.41f, na, 292.59f} << points << QStringLiteral("power draw is missing (\"[N/A]\") in 1 reading(s)")
        << lineOf(unknown, "[N/A]");
    // Three reports pasted without their banner lines: each Timestamp starts the next one.
    QByteArray noBanner = h100;
    noBanner.replace("==============NVSMI LOG==============\n", "");
    QTest::newRow("no banner lines") << noBanner << QList<float>{287.41f, 290.00f, 292.59f} << points << QString() << qint64(-1);
    // No Timestamp lines (copied from a terminal without them): readings without a time axis.
    QByteArray untimed = h100;
    for (const char *stamp : {"Tue Mar  5 09:41:07 2024", "Tue Mar  5 09:41:09 2024", "Tue Mar  5 09:41:11 2024"})
        untimed.replace(QByteArray("Timestamp                                 : ").append(stamp).append('\n'), "");
    QTest::newRow("no Timestamp lines") << untimed << QList<float>{287.41f, 290.00f, 292.59f} << int(TimingKind::None) << QString()
                                        << qint64(-1);
    QByteArray badClock = h100;
    badClock.replace("Tue Mar  5 09:41:09 2024", "Tue Mar 55 09:41:09 2024");
    QTest::newRow("bad Timestamp") << badClock << QList<float>{287.41f, 292.59f} << points
                                   << QStringLiteral("Timestamp \"Tue Mar 55 09:41:09 2024\" is not a date")
                                   << lineOf(badClock, "Mar 55");
    // Clocks set back an hour (daylight saving ends) between the second and third report.
    QByteArray back = h100;
    back.replace("09:41:11", "08:41:11");
    QTest::newRow("clock goes back") << back << QList<float>{287.41f, 290.00f, 292.59f} << points
                                     << QStringLiteral("the clock goes back 3598.000 s") << lineOf(back, "NVSMI LOG", 3);
    // `nvidia-smi -q -i 0` on a 4-GPU machine: one GPU of the four; kept, and said.
    QByteArray subset = v100;
    subset.replace("Attached GPUs                             : 1", "Attached GPUs                             : 4");
    QTest::newRow("one of four attached GPUs") << subset << QList<float>{72.62f} << points
                                               << QStringLiteral("the report shows 1 of the 4 attached GPUs") << lineOf(subset, "NVSMI LOG");
    // The final line ends without a newline: whole, it counts; cut inside the number, it does not.
    const qsizetype afterDraw = v100.indexOf("72.62 W") + 7;
    QTest::newRow("last line whole, no newline") << v100.first(afterDraw) << QList<float>{72.62f} << points << QString() << qint64(-1);
    // Cut in "72.6", then the next run appended with `>>`: its first newline ends the cut line.
    const QByteArray appended = v100.first(afterDraw - 3) + QByteArray(v100).replace("16:53:57", "16:54:02");
    QTest::newRow("cut report, then another appended")
        << appended << QList<float>{na, 72.62f} << points << QStringLiteral("GPU 0 Power Draw \"72.6\" is not a figure in W")
        << lineOf(appended, "Power Draw");
}

void TestNvidiaSmiQ::edgeCases()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<float>, gpu0);
    QFETCH(int, timing);
    QFETCH(QString, issue);
    QFETCH(qint64, issueLine);

    const LoadedLog log = loadText(input);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-q"));
    QCOMPARE(int(log.trace.timing()), timing);
    QCOMPARE(log.trace.size(), gpu0.size());
    for (qsizetype i = 0; i < gpu0.size(); ++i) {
        if (isMissing(gpu0[i]))
            QVERIFY2(isMissing(log.trace.value(0, i)), qPrintable(QString::number(log.trace.value(0, i))));
        else
            QCOMPARE(log.trace.value(0, i), gpu0[i]);
    }
    if (issue.isEmpty()) {
        QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
        return;
    }
    QCOMPARE(log.issueCount, qint64(1));
    QVERIFY2(log.issues.first().message.contains(issue), qPrintable(issuesText(log)));
    if (issueLine >= 0)
        QCOMPARE(log.issues.first().line, issueLine);
}

// Live (`capture -- nvidia-smi -q -l 1`): a report is on the chart as soon as its readings are
// over, not a poll interval later when the next report begins.
void TestNvidiaSmiQ::reportIsWrittenOnceItsReadingsAreOver()
{
    const QByteArray bytes = readData(kA100x4);
    const qsizetype second = bytes.indexOf("NVSMI LOG", bytes.indexOf("NVSMI LOG") + 1);
    // The first report up to the section after the last GPU's readings ("Power Samples").
    const qsizetype lastGpu = bytes.lastIndexOf("GPU 00000000:4E:00.0", second);
    const qsizetype afterReadings = bytes.indexOf("    Power Samples", lastGpu);
    QVERIFY(lastGpu > 0 && afterReadings > lastGpu && afterReadings < second);

    TraceBuilder builder;
    std::unique_ptr<LogParser> parser = logFormatById(QStringLiteral("nvidia-smi-q"))->create();
    parser->setSink(&builder);
    parser->feed(QByteArrayView(bytes).first(afterReadings));
    QCOMPARE(builder.trace().size(), qsizetype(0)); // GPU 3's readings may go on
    parser->feed(QByteArrayView(bytes).sliced(afterReadings, bytes.indexOf('\n', afterReadings) + 1 - afterReadings));
    QCOMPARE(builder.trace().size(), qsizetype(1));
    QCOMPARE(builder.trace().value(3, 0), 58.75f);
}

QTEST_APPLESS_MAIN(TestNvidiaSmiQ)
#include "tst_nvidiasmiq.moc"
