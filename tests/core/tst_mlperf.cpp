#include "analysis/phases.h"
#include "formats/logformat.h"
#include "formats/mlperfrun.h"
#include "io/logloader.h"
#include "loadhelpers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;
using namespace nightwatt::test;

class TestMlperf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realRunIsOneTraceWithItsPhases();
    void realRunEnergyMatchesAnIndependentIntegration();
    void folderOrNodeFileOpensTheSameRun();
    void quirksOfPublishedSubmissions();
    void rankCopiesOfAnEventCountOnce();
    void otherLogsAreNotTakenForMlperf();
    void benchmarkScoreDropsFastestAndSlowest();
};

namespace {

const QString kLlama = QStringLiteral("mlperf/training_results_v5.0/Lenovo/results/SR780aV3-8xB200_SXM_180GB/llama2_70b_lora");

// From tests/data/mlperf/mlperf_reference.py on llama2_70b_lora, run 0: trapezoid of node_0.txt
// between run_start and run_stop, and within each eval phase.
constexpr double kLlamaRun0TrapezoidJ = 6277731.0;
constexpr double kLlamaRun0EvalJ[] = {124934.5, 125038.5, 122728.5, 125333.0, 122549.5};

constexpr double kJoulesPerWh = 3600.0;

QList<PhaseFigures> phasesOf(const LoadedLog &log, MarkerKind kind)
{
    QList<PhaseFigures> out;
    const TraceStats whole = analyzeTrace(log.trace);
    for (const PhaseFigures &phase : analyzePhases(log.trace, whole)) {
        if (phase.kind == kind)
            out.append(phase);
    }
    return out;
}

double energyJ(const PhaseFigures &phase)
{
    return phase.energyWh.value_or(-1) * kJoulesPerWh;
}

// An MLLOG line as the loggers write it; `rank` >= 0 adds the "N: " prefix of multi-rank logs.
QByteArray mllog(double timeS, const char *key, const QByteArray &value = "null", const QByteArray &metadata = "{}", int rank = -1)
{
    constexpr qint64 kBaseMs = 1700000000000;
    QByteArray line = rank >= 0 ? QByteArray::number(rank) + ": " : QByteArray();
    line += ":::MLLOG {\"namespace\": \"\", \"time_ms\": " + QByteArray::number(kBaseMs + qint64(timeS * 1000))
            + ", \"event_type\": \"POINT_IN_TIME\", \"key\": \"" + key + "\", \"value\": " + value + ", \"metadata\": " + metadata
            + "}\n";
    return line;
}

bool write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

void TestMlperf::realRunIsOneTraceWithItsPhases()
{
    const LoadedLog log = LogLoader::loadFile(dataPath(kLlama + QStringLiteral("/result_0.txt")));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("mlperf"));
    QCOMPARE(log.trace.channelCount(), 1);
    QCOMPARE(log.trace.channel(0).id, QStringLiteral("node0"));
    QCOMPARE(log.trace.channel(0).role, ChannelRole::Component);
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(phasesOf(log, MarkerKind::Run).size(), 1);
    QCOMPARE(phasesOf(log, MarkerKind::Init).size(), 1);
    const QList<PhaseFigures> evals = phasesOf(log, MarkerKind::Eval);
    QCOMPARE(evals.size(), qsizetype(std::size(kLlamaRun0EvalJ)));
    QCOMPARE(evals.first().label, QStringLiteral("eval 1"));
    QCOMPARE(evals.last().label, QStringLiteral("eval 5"));
    QVERIFY(phasesOf(log, MarkerKind::Block).size() >= evals.size());
    // The run phase is time to train: run_stop - run_start of result_0.txt.
    QCOMPARE(qRound(phasesOf(log, MarkerKind::Run).first().durationS * 1000), 655908);
    QCOMPARE(log.metadata.value(QStringLiteral("mlperf.time_to_train_s")), QStringLiteral("655.908"));
}

void TestMlperf::realRunEnergyMatchesAnIndependentIntegration()
{
    const LoadedLog log = LogLoader::loadFile(dataPath(kLlama + QStringLiteral("/result_0.txt")));
    QVERIFY2(log.ok(), qPrintable(log.error));
    const PhaseFigures run = phasesOf(log, MarkerKind::Run).first();
    QVERIFY2(qAbs(energyJ(run) / kLlamaRun0TrapezoidJ - 1) < 0.01, qPrintable(QString::number(energyJ(run))));
    const QList<PhaseFigures> evals = phasesOf(log, MarkerKind::Eval);
    for (qsizetype i = 0; i < evals.size(); ++i)
        QVERIFY2(qAbs(energyJ(evals[i]) / kLlamaRun0EvalJ[i] - 1) < 0.01, qPrintable(evals[i].label));
}

void TestMlperf::folderOrNodeFileOpensTheSameRun()
{
    const LoadedLog fromLog = LogLoader::loadFile(dataPath(kLlama + QStringLiteral("/result_0.txt")));
    for (const QString &other : {QStringLiteral("/power/result_0"), QStringLiteral("/power/result_0/node_0.txt")}) {
        const LoadedLog log = LogLoader::loadFile(dataPath(kLlama + other));
        QVERIFY2(log.ok(), qPrintable(other + QStringLiteral(": ") + log.error));
        QCOMPARE(log.formatId, QStringLiteral("mlperf"));
        QCOMPARE(log.trace.size(), fromLog.trace.size());
        QCOMPARE(log.trace.markers(), fromLog.trace.markers());
    }
}

// Two nodes on offset clocks (one every 2 s, each line written twice, its stop marker equal to its
// start, no conversion_eff), a switch logged 5 h off the nodes' clock, one given only as an estimate.
void TestMlperf::quirksOfPublishedSubmissions()
{
    QTemporaryDir dir;
    const QString bench = dir.path() + QStringLiteral("/bench");
    QByteArray training;
    training += mllog(0.2, "init_start") + mllog(1, "init_stop") + mllog(1, "run_start");
    training += mllog(1, "block_start", "null", "{\"first_epoch_num\": 1}") + mllog(5, "block_stop");
    training += mllog(5, "eval_start") + mllog(6, "eval_stop");
    training += mllog(6, "block_start", "null", "{\"first_epoch_num\": 2}") + mllog(8, "block_stop");
    training += mllog(8, "eval_start") + mllog(9, "eval_stop") + mllog(9, "run_stop");
    QByteArray node0 = mllog(0, "power_measurement_start") + mllog(0, "conversion_eff", "0.9");
    for (int s = 1; s <= 10; ++s)
        node0 += mllog(s, "power_reading", "100.0");
    node0 += mllog(10, "power_measurement_stop");
    QByteArray node1 = mllog(0, "power_measurement_start") + mllog(0, "power_measurement_stop");
    for (double s = 0.5; s < 9; s += 2)
        node1 += mllog(s, "power_reading", "200.0").repeated(2);
    QByteArray sw0 = mllog(18000, "power_measurement_start");
    for (int s = 1; s <= 10; ++s)
        sw0 += mllog(18000 + s, "power_reading", "50.0");
    sw0 += mllog(18010, "power_measurement_stop");
    const QByteArray sw1 = mllog(0, "power_measurement_start") + mllog(0, "conversion_eff", "0.95")
                           + mllog(0, "interconnect_power_est", "30.0") + mllog(10, "power_measurement_stop");
    QVERIFY(write(bench + QStringLiteral("/result_3.txt"), training));
    QVERIFY(write(bench + QStringLiteral("/power/result_3/node_0.txt"), node0));
    QVERIFY(write(bench + QStringLiteral("/power/result_3/node_1.txt"), node1));
    QVERIFY(write(bench + QStringLiteral("/power/result_3/sw_0.txt"), sw0));
    QVERIFY(write(bench + QStringLiteral("/power/result_3/sw_1.txt"), sw1));

    const LoadedLog log = LogLoader::loadFile(bench + QStringLiteral("/result_3.txt"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.channelCount(), 4);
    QVERIFY(hasIssue(log, QStringLiteral("sw_0.txt: its readings lie 5.0 h from the nodes'")));
    QVERIFY(hasIssue(log, QStringLiteral("node_1.txt: 5 line(s) repeat an earlier line exactly")));
    QVERIFY(hasIssue(log, QStringLiteral("node_1.txt: power_measurement_stop is not after power_measurement_start")));

    // The switch on another clock adds nothing to the run, not zeros.
    const TraceStats whole = analyzeTrace(log.trace);
    QVERIFY(!whole.channel(QStringLiteral("switch0")));
    QCOMPARE(whole.total.components,
             (QStringList{QStringLiteral("node0"), QStringLiteral("node1"), QStringLiteral("switch1")}));

    // By hand, from run_start (1 s) to run_stop (9 s): node 0 100 W for 8 s, node 1 200 W until
    // its last reading at 8.5 s, the switch estimate 30 W for 8 s.
    const PhaseFigures run = phasesOf(log, MarkerKind::Run).first();
    QCOMPARE(qRound(energyJ(run) * 1000), 800000 + 1500000 + 240000);
    const QList<PhaseFigures> evals = phasesOf(log, MarkerKind::Eval);
    QCOMPARE(evals.size(), 2);
    QCOMPARE(qRound(energyJ(evals[0]) * 1000), 100000 + 200000 + 30000);
    QCOMPARE(qRound(energyJ(evals[1]) * 1000), 100000 + 100000 + 30000);
    const QList<PhaseFigures> blocks = phasesOf(log, MarkerKind::Block);
    QCOMPARE(blocks.size(), 2);
    QCOMPARE(blocks[1].label, QStringLiteral("block 2"));

    // MLCommons' rule, time to train 8 s: node 0 100 W x 0.9, node 1 200 W (its window ends at its
    // last reading), switch 0 50 W on its own clock, switch 1 30 W x 0.95.
    QCOMPARE(log.metadata.value(QStringLiteral("mlperf.energy_j")).toDouble(), 720.0 + 1600.0 + 400.0 + 228.0);
    QCOMPARE(log.metadata.value(QStringLiteral("mlperf.nodes")), QStringLiteral("2"));
    QCOMPARE(log.metadata.value(QStringLiteral("mlperf.switches")), QStringLiteral("2"));
    // The nodes differ (0.9 and the absent 1.0): no single factor to show.
    QVERIFY(!log.metadata.contains(QStringLiteral("mlperf.conversion_eff")));
}

void TestMlperf::rankCopiesOfAnEventCountOnce()
{
    QByteArray bytes;
    for (int rank = 0; rank < 3; ++rank)
        bytes += mllog(0.1 * rank, "init_start", "null", "{}", rank);
    bytes += mllog(1, "init_stop", "null", "{}", 0) + mllog(1, "run_start", "null", "{}", 0);
    for (int eval = 0; eval < 2; ++eval) {
        for (int rank = 0; rank < 3; ++rank)
            bytes += mllog(2 + 2 * eval, "eval_start", "null", "{}", rank);
        for (int rank = 0; rank < 3; ++rank)
            bytes += mllog(3 + 2 * eval, "eval_stop", "null", "{}", rank);
    }
    bytes += mllog(6, "run_stop", "null", "{}", 0).repeated(3);
    for (int s = 0; s <= 7; ++s)
        bytes += mllog(s, "power_reading", "10.0");
    const LoadedLog log = loadText(bytes);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("mlperf"));
    QCOMPARE(phasesOf(log, MarkerKind::Eval).size(), 2);
    QCOMPARE(phasesOf(log, MarkerKind::Run).size(), 1);
    const QList<PhaseFigures> init = phasesOf(log, MarkerKind::Init);
    QCOMPARE(init.size(), 1);
    QCOMPARE(init.first().durationS, 1.0);
}

void TestMlperf::otherLogsAreNotTakenForMlperf()
{
    const QFileInfoList files = QDir(dataPath(QString())).entryInfoList(QDir::Files);
    QVERIFY(files.size() > 10);
    for (const QFileInfo &file : files) {
        QFile f(file.filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const SniffResult sniffed = sniffLogFormat(f.read(kSniffBytes));
        QVERIFY2(!sniffed.format || sniffed.format->id != QStringLiteral("mlperf"), qPrintable(file.fileName()));
    }
    QFile training(dataPath(kLlama + QStringLiteral("/result_0.txt")));
    QVERIFY(training.open(QIODevice::ReadOnly));
    QCOMPARE(sniffLogFormat(training.read(kSniffBytes)).format->id, QStringLiteral("mlperf"));
}

void TestMlperf::benchmarkScoreDropsFastestAndSlowest()
{
    QCOMPARE(mlperfBenchmarkEnergyJ({{3, 30}, {1, 1000}, {2, 20}, {4, 40}, {5, 5000}}, 1.5), (30.0 + 20.0 + 40.0) / 3 * 1.5);
    QVERIFY(!mlperfBenchmarkEnergyJ({{1, 10}, {2, 20}}, 1));
}

QTEST_GUILESS_MAIN(TestMlperf)
#include "tst_mlperf.moc"
