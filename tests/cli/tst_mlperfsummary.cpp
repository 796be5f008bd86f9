#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr double kJoulesPerWh = 3600.0;

// Printed by tests/data/mlperf/mlperf_reference.py llama2_70b_lora for result_0.txt: the trapezoid
// of node_0.txt between run_start and run_stop ("trapezoid_j"), and within each eval ("phases").
constexpr double kRunJ = 6277731.0;
constexpr double kEvalJ[] = {124934.5, 125038.5, 122728.5, 125333.0, 122549.5};

} // namespace

class TestMlperfSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runAndEvalPhasesMatchAnIndependentIntegration();
};

void TestMlperfSummary::runAndEvalPhasesMatchAnIndependentIntegration()
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                  {u"summary"_s,
                   QStringLiteral(NIGHTWATT_TEST_DATA "/mlperf/training_results_v5.0/Lenovo/results/SR780aV3-8xB200_SXM_180GB/"
                                                      "llama2_70b_lora/result_0.txt"),
                   u"--json"_s});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardError(), QByteArray());
    const QJsonObject root = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QCOMPARE(root.value(u"input").toObject().value(u"format").toString(), u"mlperf"_s);
    QList<double> evalJ;
    int runs = 0;
    for (const QJsonValue &value : root.value(u"phases").toArray()) {
        const QJsonObject phase = value.toObject();
        const double joules = phase.value(u"energy_wh").toDouble(-1) * kJoulesPerWh;
        if (phase.value(u"kind").toString() == u"run") {
            ++runs;
            QVERIFY2(qAbs(joules / kRunJ - 1) < 0.01, qPrintable(QString::number(joules)));
        } else if (phase.value(u"kind").toString() == u"eval") {
            evalJ.append(joules);
        }
    }
    QCOMPARE(runs, 1);
    QCOMPARE(evalJ.size(), qsizetype(std::size(kEvalJ)));
    for (qsizetype i = 0; i < evalJ.size(); ++i)
        QVERIFY2(qAbs(evalJ[i] / kEvalJ[i] - 1) < 0.01, qPrintable(u"eval %1: %2 J"_s.arg(i + 1).arg(evalJ[i])));
}

QTEST_GUILESS_MAIN(TestMlperfSummary)
#include "tst_mlperfsummary.moc"
