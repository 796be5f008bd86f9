#include "nightwattrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'700'000'000;

// A training run logged once a second for 600 s: 50 W idle, 200 W training from 100 s to 500 s
// (two epochs, each followed by an evaluation at 260 W inside it), 80 W after.
QByteArray powerLog()
{
    QByteArray log = "timestamp,power_w\n";
    for (int i = 0; i <= 600; ++i) {
        const bool eval = (i > 250 && i < 300) || (i > 450 && i < 500);
        const int watts = i < 100 ? 50 : i >= 500 ? 80 : eval ? 260 : 200;
        log += QByteArray::number(kStart + i) + ',' + QByteArray::number(watts) + '\n';
    }
    return log;
}

QByteArray markerLine(qint64 afterStartS, const char *event, const char *label)
{
    return QByteArray::number(kStart + afterStartS) + ',' + event + ',' + label + '\n';
}

QByteArray trainingMarkers(qint64 shiftS = 0)
{
    return "time,event,label\n" + markerLine(shiftS + 100, "start", "run") + markerLine(shiftS + 100, "start", "epoch 1")
         + markerLine(shiftS + 250, "stop", "epoch 1") + markerLine(shiftS + 250, "start", "eval")
         + markerLine(shiftS + 300, "stop", "eval") + markerLine(shiftS + 300, "start", "epoch 2")
         + markerLine(shiftS + 450, "stop", "epoch 2") + markerLine(shiftS + 450, "start", "eval")
         + markerLine(shiftS + 500, "stop", "eval") + markerLine(shiftS + 500, "stop", "run");
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

QJsonObject phaseLabelled(const QJsonArray &phases, const QString &label)
{
    for (const auto &phase : phases) {
        if (phase.toObject().value("label"_L1).toString() == label)
            return phase.toObject();
    }
    return {};
}

} // namespace

class TestPhasesCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void summaryJsonHasPhases();
    void summaryTextHasAPhasesTable();
    void phaseWithoutReadingsHasNoFigures();
    void runtimeFromPhase();
    void runtimeFromAMissingPhaseIsAnError();
    void markersOnAnotherClockAreAWarning();
    void unreadableMarkerFileIsAnError();
    void compareTrainingOnlyAgainstTheWholeRun();
    void comparePhaseGlobSumsTheEvaluations();
    void compareUnknownPhaseIsAnError();
    void exportReadsTheMarkers();
    void exportedReportListsThePhases();

private:
    QTemporaryDir m_dir;
    QString m_log;
    QString m_markers;
};

void TestPhasesCli::init()
{
    QVERIFY(m_dir.isValid());
    m_log = writeFile(m_dir, u"power.csv"_s, powerLog());
    m_markers = writeFile(m_dir, u"markers.csv"_s, trainingMarkers());
    QVERIFY(!m_log.isEmpty() && !m_markers.isEmpty());
}

void TestPhasesCli::summaryJsonHasPhases()
{
    const NightwattRun run = runNightwatt({u"summary"_s, m_log, u"--markers"_s, m_markers, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    const QJsonArray phases = root.value("phases"_L1).toArray();
    QCOMPARE(phases.size(), 5);
    const QJsonObject epoch1 = phaseLabelled(phases, u"epoch 1"_s);
    QCOMPARE(epoch1.value("kind"_L1).toString(), u"epoch"_s);
    QCOMPARE(epoch1.value("start_s"_L1).toDouble(), 100.0);
    QCOMPARE(epoch1.value("end_s"_L1).toDouble(), 250.0);
    QCOMPARE(epoch1.value("duration_s"_L1).toDouble(), 150.0);
    QCOMPARE(epoch1.value("mean_w"_L1).toDouble(), 200.0);
    QCOMPARE(qRound(epoch1.value("energy_wh"_L1).toDouble() * 1000), 8333);
    QCOMPARE(epoch1.value("coverage"_L1).toDouble(), 1.0);
    const double share = epoch1.value("share"_L1).toDouble();
    QVERIFY(share > 0.25 && share < 0.35);
    const QJsonObject run1 = phaseLabelled(phases, u"run"_s);
    QCOMPARE(run1.value("kind"_L1).toString(), u"run"_s);
    QCOMPARE(run1.value("duration_s"_L1).toDouble(), 400.0);
    QCOMPARE(root.value("markers"_L1).toObject().value("issue_count"_L1).toInt(-1), 0);

    const NightwattRun without = runNightwatt({u"summary"_s, m_log, u"--json"_s});
    QCOMPARE(QJsonDocument::fromJson(without.out).object().value("phases"_L1).toArray().size(), 0);
}

void TestPhasesCli::summaryTextHasAPhasesTable()
{
    const NightwattRun run = runNightwatt({u"summary"_s, m_log, u"--markers"_s, m_markers});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains("\nPhases\n"_L1), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(u"epoch 1 +200.00 W mean, 8.333 Wh \\(\\d+.\\d %\\), 2.50 min from 0:01:40 to 0:04:10"_s)),
             qPrintable(text));
}

void TestPhasesCli::phaseWithoutReadingsHasNoFigures()
{
    // The log reads once a second; "blink" lasts 0.4 s between two readings, and "warm-up" began
    // 15.5 s before the first one (as an MLPerf init does).
    const QString markers = writeFile(m_dir, u"short.csv"_s,
                                      "time,event,label\n" + QByteArray::number(kStart) + ".3,start,blink\n" + QByteArray::number(kStart)
                                          + ".7,stop,blink\n" + QByteArray::number(kStart - 16) + ".5,start,warm-up\n"
                                          + markerLine(10, "stop", "warm-up"));
    const NightwattRun json = runNightwatt({u"summary"_s, m_log, u"--markers"_s, markers, u"--json"_s});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject blink = phaseLabelled(QJsonDocument::fromJson(json.out).object().value("phases"_L1).toArray(), u"blink"_s);
    QVERIFY(blink.value("mean_w"_L1).isNull());
    QVERIFY(blink.value("energy_wh"_L1).isNull());
    QCOMPARE(blink.value("coverage"_L1).toDouble(-1), 0.0);

    const NightwattRun text = runNightwatt({u"summary"_s, m_log, u"--markers"_s, markers});
    QCOMPARE(text.exitCode, 0);
    const QString out = QString::fromUtf8(text.out);
    QVERIFY2(out.contains(QRegularExpression(u"blink +— no reading inside \\(shorter than the log's sampling\\)"_s)), qPrintable(out));
    QVERIFY2(out.contains(u"from -0:00:15 to 0:00:10"_s), qPrintable(out));
}

void TestPhasesCli::runtimeFromPhase()
{
    const auto runtimeMin = [&](const QStringList &extra) {
        const NightwattRun run = runNightwatt(QStringList{u"summary"_s, m_log, u"--markers"_s, m_markers, u"--json"_s} + extra);
        return QJsonDocument::fromJson(run.out).object().value("scenario"_L1).toObject().value("runtime_min"_L1).toDouble(-1);
    };
    QCOMPARE(runtimeMin({}), 10.0);
    QCOMPARE(runtimeMin({u"--runtime-from-phase"_s, u"run"_s}), 400.0 / 60.0);
    QCOMPARE(runtimeMin({u"--runtime-from-phase"_s, u"eval*"_s}), 100.0 / 60.0);
}

void TestPhasesCli::runtimeFromAMissingPhaseIsAnError()
{
    const NightwattRun run = runNightwatt({u"summary"_s, m_log, u"--markers"_s, m_markers, u"--runtime-from-phase"_s, u"train"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("no phase matches \"train\" (phases: run, epoch 1, eval, epoch 2)"_L1), qPrintable(run.err));
}

void TestPhasesCli::markersOnAnotherClockAreAWarning()
{
    const QString shifted = writeFile(m_dir, u"utc.csv"_s, trainingMarkers(5 * 3600));
    const NightwattRun run = runNightwatt({u"summary"_s, m_log, u"--markers"_s, shifted});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(shifted + u": warning: the markers lie 4 h 51 min after the log's end"_s), qPrintable(run.err));
}

void TestPhasesCli::unreadableMarkerFileIsAnError()
{
    const NightwattRun missing = runNightwatt({u"summary"_s, m_log, u"--markers"_s, m_dir.filePath(u"none.csv"_s)});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("cannot read the marker file"_L1), qPrintable(missing.err));
    const NightwattRun notMarkers = runNightwatt({u"summary"_s, m_log, u"--markers"_s, m_log});
    QCOMPARE(notMarkers.exitCode, 2);
    QVERIFY2(notMarkers.err.contains(m_log + u":1: not a marker file"_s), qPrintable(notMarkers.err));
}

namespace {

QJsonObject scenarioOf(const QJsonObject &comparison, int index)
{
    return comparison.value("scenarios"_L1).toArray().at(index).toObject().value("scenario"_L1).toObject();
}

} // namespace

void TestPhasesCli::compareTrainingOnlyAgainstTheWholeRun()
{
    const NightwattRun run = runNightwatt({u"compare"_s, m_log + u",markers="_s + m_markers + u",phase=run"_s, m_log, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!run.err.contains("warning"_L1), qPrintable(run.err));
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    const QJsonObject training = scenarioOf(root, 0);
    QCOMPARE(training.value("runtime_min"_L1).toDouble(), 400.0 / 60.0);
    const double trainingW = training.value("mean_power_w"_L1).toDouble();
    QVERIFY2(trainingW > 205 && trainingW < 220, qPrintable(QString::number(trainingW)));
    const QJsonObject whole = scenarioOf(root, 1);
    QCOMPARE(whole.value("runtime_min"_L1).toDouble(), 10.0);
    QVERIFY(whole.value("mean_power_w"_L1).toDouble() < trainingW);

    const NightwattRun epochs = runNightwatt({u"compare"_s, m_log + u",markers="_s + m_markers + u",phase=epoch 1"_s,
                                  m_log + u",markers="_s + m_markers + u",phase=epoch 2"_s, u"--json"_s});
    QCOMPARE(epochs.exitCode, 0);
    const QJsonObject epochRoot = QJsonDocument::fromJson(epochs.out).object();
    QCOMPARE(scenarioOf(epochRoot, 0).value("mean_power_w"_L1).toDouble(), 200.0);
    QCOMPARE(scenarioOf(epochRoot, 1).value("runtime_min"_L1).toDouble(), 2.5);
}

void TestPhasesCli::comparePhaseGlobSumsTheEvaluations()
{
    const NightwattRun run = runNightwatt({u"compare"_s, m_log + u",markers="_s + m_markers + u",phase=eval*"_s,
                               m_log + u",markers="_s + m_markers + u",phase=eval"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    const QJsonArray phases = root.value("scenarios"_L1).toArray().at(0).toObject().value("phases"_L1).toArray();
    double energyWh = 0;
    for (const auto &phase : phases) {
        if (phase.toObject().value("label"_L1).toString() == "eval"_L1)
            energyWh += phase.toObject().value("energy_wh"_L1).toDouble();
    }
    const QJsonObject evals = scenarioOf(root, 0);
    QCOMPARE(evals.value("runtime_min"_L1).toDouble(), 100.0 / 60.0);
    QCOMPARE(evals.value("mean_power_w"_L1).toDouble(), energyWh * 3600.0 / 100.0);
    QVERIFY(evals.value("mean_power_w"_L1).toDouble() > 250);
    QCOMPARE(scenarioOf(root, 1).value("mean_power_w"_L1).toDouble(), evals.value("mean_power_w"_L1).toDouble());
}

void TestPhasesCli::compareUnknownPhaseIsAnError()
{
    const NightwattRun run = runNightwatt({u"compare"_s, m_log + u",markers="_s + m_markers + u",phase=test"_s, m_log});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("no phase matches \"test\""_L1), qPrintable(run.err));
    const NightwattRun noMarkers = runNightwatt({u"compare"_s, m_log + u",phase=run"_s, m_log});
    QCOMPARE(noMarkers.exitCode, 1);
    QVERIFY2(noMarkers.err.contains("the run has no phases"_L1), qPrintable(noMarkers.err));
}

void TestPhasesCli::exportReadsTheMarkers()
{
    const QString png = m_dir.filePath(u"run.png"_s);
    const QString shifted = writeFile(m_dir, u"utc.csv"_s, trainingMarkers(5 * 3600));
    const NightwattRun run = runNightwatt({u"export"_s, m_log, u"--markers"_s, shifted, u"--view"_s, u"chart"_s, u"--png"_s, png});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(shifted + u": warning: the markers lie 4 h 51 min after the log's end"_s), qPrintable(run.err));
    QVERIFY(QFile::exists(png));

    const NightwattRun notMarkers = runNightwatt({u"export"_s, m_log, u"--markers"_s, m_log, u"--png"_s, png});
    QCOMPARE(notMarkers.exitCode, 2);
    QVERIFY2(notMarkers.err.contains(m_log + u":1: not a marker file"_s), qPrintable(notMarkers.err));
}

void TestPhasesCli::exportedReportListsThePhases()
{
    const QString svgPath = m_dir.filePath(u"report.svg"_s);
    const NightwattRun run = runNightwatt({u"export"_s, m_log, u"--markers"_s, m_markers, u"--svg"_s, svgPath});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile file(svgPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    // The phases table under the figures, in the panel's words: epoch 1 is 200 W for 150 s (the
    // figure and its unit are kept together by a narrow no-break space).
    for (const QString &words : {u">Phases<"_s, u">epoch 1<"_s, u">epoch 2<"_s, u">eval<"_s, u">200.0\u202fW<"_s})
        QVERIFY2(svg.contains(words), qPrintable(words));
}

QTEST_GUILESS_MAIN(TestPhasesCli)
#include "tst_phasescli.moc"
