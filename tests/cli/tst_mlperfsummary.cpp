#include "nightwattrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr double kJoulesPerWh = 3600.0;

// Printed by tests/data/mlperf/mlperf_reference.py llama2_70b_lora for result_0.txt: the trapezoid
// of node_0.txt between run_start and run_stop ("trapezoid_j"), and within each eval ("phases").
constexpr double kRunJ = 6277731.0;
constexpr double kEvalJ[] = {124934.5, 125038.5, 122728.5, 125333.0, 122549.5};

const QString kResult0 = QStringLiteral(NIGHTWATT_TEST_DATA "/mlperf/training_results_v5.0/Lenovo/results/SR780aV3-8xB200_SXM_180GB/"
                                                            "llama2_70b_lora/result_0.txt");

} // namespace

class TestMlperfSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runAndEvalPhasesMatchAnIndependentIntegration();
    void importedRunKeepsItsPhases();
};

void TestMlperfSummary::runAndEvalPhasesMatchAnIndependentIntegration()
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE),
                  {u"summary"_s,
                   kResult0,
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

// `nightwatt import result_0.txt` keeps the run's markers: `summary run:ID` reports the same
// phases, figure for figure, as `summary result_0.txt`.
void TestMlperfSummary::importedRunKeepsItsPhases()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString library = dir.filePath(u"library.sqlite"_s);
    const NightwattRun imported = runNightwatt({u"import"_s, kResult0, u"--library"_s, library}, 60000);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QString run = QString::fromUtf8(imported.out).trimmed();
    QVERIFY2(run.startsWith(u"run:"_s), imported.out.constData());

    const NightwattRun fromFile = runNightwatt({u"summary"_s, kResult0, u"--json"_s}, 60000);
    const NightwattRun fromLibrary = runNightwatt({u"summary"_s, run, u"--json"_s, u"--library"_s, library}, 60000);
    QVERIFY2(fromFile.exitCode == 0, qPrintable(fromFile.err));
    QVERIFY2(fromLibrary.exitCode == 0, qPrintable(fromLibrary.err));
    const QJsonArray filePhases = QJsonDocument::fromJson(fromFile.out).object().value(u"phases").toArray();
    const QJsonArray libraryPhases = QJsonDocument::fromJson(fromLibrary.out).object().value(u"phases").toArray();
    QVERIFY(filePhases.size() > 5); // the run, its evaluations, its blocks
    QCOMPARE(libraryPhases, filePhases);
}

QTEST_GUILESS_MAIN(TestMlperfSummary)
#include "tst_mlperfsummary.moc"
