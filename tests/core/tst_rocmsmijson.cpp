#include "formattesthelpers.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("rocm-smi-json");
const QString kMi100 = QStringLiteral("rocm-smi-json-mi100x6-telegraf-rocm571.json");

// A newer ROCm snapshot of one two-die MI250X (written for this test): the second die has no figure.
QByteArray mi250Snapshot(const char *watts)
{
    return QByteArray("{\"card0\": {\"GPU ID\": \"0x740c\", \"Current Socket Graphics Package Power (W)\": \"") + watts
         + "\"}, \"card1\": {\"GPU ID\": \"0x740c\", \"Current Socket Graphics Package Power (W)\": \"N/A (Secondary die)\"}}\n";
}

double energyJ(const TraceStats &stats)
{
    return *stats.total.energyWh * 3600.0;
}

} // namespace

class TestRocmSmiJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognisesRealFile();
    void mi100SnapshotHasSixGpus();
    void appendedSnapshotsWithInterval();
    void secondaryDieIsMissingNotZero();
    void withoutPowerIsRefused();
    void cutOffSnapshotIsLeftOut();
};

void TestRocmSmiJson::recognisesRealFile()
{
    const QString problem = recognitionProblem(kMi100, kFormat);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestRocmSmiJson::mi100SnapshotHasSixGpus()
{
    const QByteArray bytes = readTestData(kMi100);
    for (const QByteArray &variant : {bytes, withCrlf(bytes), withBom(bytes)}) {
        for (const qsizetype chunk : {variant.size() + 1, qsizetype(1), qsizetype(77)}) {
            const auto parsed = parseInChunks(kFormat, variant, chunk);
            QCOMPARE(parsed->trace().size(), qsizetype(1));
            QCOMPARE(parsed->builder.issueCount(), qint64(0));
            // No time in a snapshot and no interval given: means only.
            QCOMPARE(parsed->trace().timing(), TimingKind::None);
            const TraceStats stats = analyzeTrace(parsed->trace());
            // "Average Graphics Package Power (W)" of card0..card5: 39 + 37 + 35 + 39 + 39 + 40 = 229 W;
            // "Max Graphics Package Power (W)" (290.0, the cap) is never read.
            QCOMPARE(stats.total.components.size(), qsizetype(6));
            NW_COMPARE_NEAR(stats.total.meanW, 229.0, 1e-9);
            NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("gpu2")), 35.0, 1e-9);
            NW_COMPARE_NEAR(channelMeanW(stats, QStringLiteral("gpu5")), 40.0, 1e-9);
        }
    }
}

void TestRocmSmiJson::appendedSnapshotsWithInterval()
{
    // A polling loop appends snapshots, with its own noise between them.
    QByteArray real = readTestData(kMi100);
    QByteArray second = real;
    second.replace("\"Average Graphics Package Power (W)\": \"39.0\"", "\"Average Graphics Package Power (W)\": \"139.0\"");
    const QByteArray bytes = real + "WARNING: one of the devices is busy\n$ rocm-smi -P --json >> log\n" + second;
    LoadOptions options;
    options.intervalMs = 2000;
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("polled"), options);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.issueCount, qint64(0));
    QCOMPARE(log.trace.size(), qsizetype(2));
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    const TraceStats stats = analyzeTrace(log.trace);
    // Three cards read 39 W in the first snapshot and 139 W in the second: 229 W then 529 W,
    // 2 s apart: (229 + 529) / 2 × 2 = 758 J.
    NW_COMPARE_NEAR(energyJ(stats), 758.0, 1e-6);
    // Without an interval the snapshots are kept, without timing.
    const LoadedLog untimed = LogLoader::loadBytes(bytes, QStringLiteral("polled"));
    QCOMPARE(untimed.trace.size(), qsizetype(2));
    QCOMPARE(untimed.trace.timing(), TimingKind::None);
    QVERIFY(untimed.metadata.value(QStringLiteral("timing")).contains(QStringLiteral("--interval-ms")));
}

void TestRocmSmiJson::secondaryDieIsMissingNotZero()
{
    const QByteArray bytes = mi250Snapshot("310.0") + mi250Snapshot("290.0");
    QVERIFY(sniffLogFormat(bytes).format && sniffLogFormat(bytes).format->id == kFormat);
    const auto parsed = parseInChunks(kFormat, bytes, 5);
    QCOMPARE(parsed->trace().size(), qsizetype(2));
    QCOMPARE(parsed->builder.issueCount(), qint64(0));
    const TraceStats stats = analyzeTrace(parsed->trace());
    // The package figure is the first die's: (310 + 290) / 2 = 300 W; the second die adds nothing.
    NW_COMPARE_NEAR(stats.total.meanW, 300.0, 1e-9);
    const ChannelStats *secondDie = stats.channel(QStringLiteral("gpu1"));
    QVERIFY(!secondDie || secondDie->samples == 0);
    QVERIFY(parsed->builder.metadata().value(QStringLiteral("secondary_die")).contains(QStringLiteral("card1")));
}

void TestRocmSmiJson::withoutPowerIsRefused()
{
    const QByteArray bytes = "{\"card0\": {\"GPU ID\": \"0x738c\", \"Temperature (Sensor edge) (C)\": \"31.0\"}}\n";
    const auto parsed = parseInChunks(kFormat, bytes, 9);
    QCOMPARE(parsed->trace().size(), qsizetype(0));
    QVERIFY2(parsed->refusal.contains(QStringLiteral("power")), qPrintable(parsed->refusal));
    QVERIFY(parsed->refusal.contains(QStringLiteral("--showpower")));
}

void TestRocmSmiJson::cutOffSnapshotIsLeftOut()
{
    const QByteArray real = readTestData(kMi100);
    const QByteArray bytes = real + real.first(real.size() / 2);
    const auto parsed = parseInChunks(kFormat, bytes, 1000);
    QCOMPARE(parsed->trace().size(), qsizetype(1));
    QCOMPARE(parsed->builder.issueCount(), qint64(1));
    // The file's first line is empty and its object starts on line 2: so does the copy's,
    // counted from the end of the first.
    QCOMPARE(parsed->builder.issues().first().line, qint64(real.count('\n') + 2));
}

QTEST_APPLESS_MAIN(TestRocmSmiJson)
#include "tst_rocmsmijson.moc"
