#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run nightwatt(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    process.waitForFinished(60000);
    return {process.exitCode(), process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

QString benchmarkDir(const QString &benchmark)
{
    return QStringLiteral(NIGHTWATT_TEST_DATA "/mlperf/training_results_v5.0/Lenovo/results/SR780aV3-8xB200_SXM_180GB/") + benchmark;
}

struct ExpectedRun
{
    double timeToTrainS;
    double energyJ;    // MLCommons' rule
    double trapezoidJ; // node readings, run_start to run_stop
};

struct Expected
{
    double energyJ;
    std::vector<ExpectedRun> runs;
};

// Printed by tests/data/mlperf/mlperf_reference.py BENCHMARK_DIR (energy_j, and per run
// time_to_train_s, energy_j, trapezoid_j), an implementation apart from Nightwatt's.
const Expected kBert = {1949215.9387540054, {
    {220.176, 2000354.5395632428, 2136213.0},
    {194.526, 1778201.5872893878, 1888542.5},
    {208.13, 1879417.7864085305, 2015100.5},
    {208.046, 1899438.6998662853, 2019884.0},
    {234.008, 2136443.8586576274, 2274645.0},
    {208.267, 1890890.367797714, 2013694.5},
    {220.806, 2009285.8255317856, 2152377.5},
    {220.522, 2008976.6810896858, 2142044.5},
    {207.89, 1888955.4805799995, 2016763.0},
    {220.371, 2016408.1291947982, 2151584.5},
}};
const Expected kLlama = {6114237.986822284, {
    {655.908, 5901931.396868572, 6277731.0},
    {655.792, 5894435.55984, 6272880.5},
    {655.853, 5910924.8199414285, 6285302.5},
    {656.272, 5907762.794644492, 6287797.5},
    {743.314, 6682135.270810616, 7117336.0},
    {655.94, 5907316.9272, 6281832.5},
    {743.342, 6672284.263313788, 7104370.5},
    {656.146, 5895097.806779998, 6270120.0},
    {655.933, 5911894.143491427, 6282670.5},
    {656.065, 5894067.340814286, 6268896.5},
}};

bool within(double actual, double expected, double fraction)
{
    return qAbs(actual / expected - 1) <= fraction;
}

} // namespace

class TestMlperfCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scoresLikeMlcommons_data();
    void scoresLikeMlcommons();
    void textNamesBothFigures();
    void folderWithoutRunsIsAnError();
};

void TestMlperfCli::scoresLikeMlcommons_data()
{
    QTest::addColumn<QString>("benchmark");
    QTest::addColumn<const Expected *>("expected");
    QTest::newRow("bert") << u"bert"_s << &kBert;
    QTest::newRow("llama2_70b_lora, scaling.json") << u"llama2_70b_lora"_s << &kLlama;
}

void TestMlperfCli::scoresLikeMlcommons()
{
    QFETCH(QString, benchmark);
    QFETCH(const Expected *, expected);
    const Run run = nightwatt({u"mlperf"_s, benchmarkDir(benchmark), u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    QVERIFY2(within(root.value(u"energy_j").toDouble(), expected->energyJ, 1e-4), run.out.constData());
    const QJsonArray runs = root.value(u"runs").toArray();
    QCOMPARE(runs.size(), qsizetype(expected->runs.size()));
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QJsonObject row = runs[i].toObject();
        const ExpectedRun &want = expected->runs[size_t(i)];
        QCOMPARE(row.value(u"file").toString(), u"result_%1.txt"_s.arg(i));
        QCOMPARE(row.value(u"time_to_train_s").toDouble(), want.timeToTrainS);
        QCOMPARE(row.value(u"nodes").toInt(), 1);
        QCOMPARE(row.value(u"switches").toInt(), 0);
        QCOMPARE(row.value(u"conversion_eff").toDouble(), 0.94);
        QVERIFY2(within(row.value(u"energy_j").toDouble(), want.energyJ, 1e-4), qPrintable(row.value(u"file").toString()));
        QVERIFY2(within(row.value(u"measured_energy_j").toDouble(), want.trapezoidJ, 0.01), qPrintable(row.value(u"file").toString()));
    }
}

void TestMlperfCli::textNamesBothFigures()
{
    const Run run = nightwatt({u"mlperf"_s, benchmarkDir(u"bert"_s)});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY(text.contains(u"MLCommons J"_s));
    QVERIFY(text.contains(u"measured J"_s));
    QVERIFY2(text.contains(u"result_9.txt"_s), qPrintable(text));
    QVERIFY2(text.contains(u"1949216 J"_s), qPrintable(text));
}

void TestMlperfCli::folderWithoutRunsIsAnError()
{
    QTemporaryDir dir;
    const Run run = nightwatt({u"mlperf"_s, dir.path()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"no result_N.txt"_s), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestMlperfCli)
#include "tst_mlperfcli.moc"
