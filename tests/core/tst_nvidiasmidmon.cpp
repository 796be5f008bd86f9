#include "loadhelpers.h"

#include "formats/logformat.h"

#include <QTest>

#include <cmath>

using namespace nightwatt;
using namespace nightwatt::test;

namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

// `nvidia-smi dmon -s pu` on two GPUs, as the driver prints it (fixed width, trailing space).
const QByteArray kPlain = "# gpu    pwr  gtemp  mtemp     sm    mem    enc    dec \n"
                          "# Idx      W      C      C      %      %      %      % \n"
                          "    0     60     40      -      0      0      0      0 \n"
                          "    1     70     41      -      0      0      0      0 \n"
                          "    0     80     40      -      5      1      0      0 \n"
                          "    1      -     41      -      5      1      0      0 \n";

// `-o DT`: a date and time column before the others.
const QByteArray kDateTime = "#Date       Time        gpu    pwr  gtemp \n"
                             "#YYYYMMDD   HH:MM:SS    Idx      W      C \n"
                             " 20240104   13:54:35      0    100     40 \n"
                             " 20240104   13:54:35      1     50     40 \n"
                             " 20240104   13:54:36      0    200     40 \n"
                             " 20240104   13:54:36      1     50     40 \n"
                             " 20240104   13:54:37      0    100     40 \n"
                             " 20240104   13:54:37      1     50     40 \n";

} // namespace

class TestNvidiaSmiDmon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loads_data();
    void loads();
};

void TestNvidiaSmiDmon::loads_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("channels");
    QTest::addColumn<TimingKind>("timing");
    QTest::addColumn<double>("totalMeanW");
    QTest::addColumn<double>("totalWh");
    QTest::addColumn<QString>("issue");

    // Both real dmon logs were recorded without -s p: refused, naming the missing column.
    QTest::newRow("real -s mutc -o TD (A10)") << readData(QStringLiteral("nvidia-smi-dmon-TD-mutc-a10-xuesongtap.txt"))
                                              << QStringLiteral("no power column") << 0 << 0 << TimingKind::None << kUnknown << kUnknown << QString();
    QTest::newRow("real -s m, 8 GPUs (A100)") << readData(QStringLiteral("nvidia-smi-dmon-s-m-8gpu-a100-xuesongtap.txt"))
                                              << QStringLiteral("no power column") << 0 << 0 << TimingKind::None << kUnknown << kUnknown << QString();

    // No time column: sample means only. gpu0 (60 + 80) / 2 = 70 W, gpu1 70 W ("-" is missing).
    QTest::newRow("no time, '-' missing") << kPlain << QString() << 2 << 2 << TimingKind::None << 140.0 << kUnknown
                                         << QStringLiteral("pwr is missing (\"-\") in 1 row(s)");
    // gpu0: (100 + 200) / 2 + (200 + 100) / 2 = 300 J; gpu1: 100 J; 400 J over 2 s = 200 W.
    QTest::newRow("-o DT") << kDateTime << QString() << 3 << 2 << TimingKind::Points << 200.0 << 400.0 / 3600 << QString();
    QByteArray crlf = kDateTime;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF") << crlf << QString() << 3 << 2 << TimingKind::Points << 200.0 << 400.0 / 3600 << QString();
    // The header every screenful and blank lines pasted in between change nothing.
    QByteArray repeated = kDateTime;
    repeated.insert(repeated.indexOf(" 20240104   13:54:36      0"), "\n#Date       Time        gpu    pwr  gtemp \n"
                                                                   "#YYYYMMDD   HH:MM:SS    Idx      W      C \n\n");
    QTest::newRow("repeated header, blank lines") << repeated << QString() << 3 << 2 << TimingKind::Points << 200.0 << 400.0 / 3600 << QString();
    // -o T only, across midnight: 23:59:59, 00:00:00, 00:00:01 are 0, 1, 2 s; 100 W x 2 s.
    QTest::newRow("-o T across midnight") << QByteArray("#Time        gpu    pwr \n#HH:MM:SS    Idx      W \n"
                                                        " 23:59:59      0    100 \n 00:00:00      0    100 \n 00:00:01      0    100 \n")
                                          << QString() << 3 << 1 << TimingKind::Points << 100.0 << 200.0 / 3600 << QString();
    // The last poll loses its GPU-1 row to a cut: that poll is left out. 2 polls remain.
    QTest::newRow("cut-off last line") << QByteArray(kDateTime.chopped(kDateTime.size() - kDateTime.lastIndexOf(" 20240104   13:54:37      1")) + " 20240104   13:54:37      1     5")
                                       << QString() << 2 << 2 << TimingKind::Points << 200.0 << 200.0 / 3600 << QStringLiteral("last line is cut off");
    QTest::newRow("header only") << kPlain.first(kPlain.indexOf("    0")) << QStringLiteral("header but no data rows") << 0 << 0
                                 << TimingKind::None << kUnknown << kUnknown << QString();
    QTest::newRow("not a number") << QByteArray("# gpu    pwr \n# Idx      W \n    0     6x \n    0     60 \n")
                                  << QString() << 2 << 1 << TimingKind::None << 60.0 << kUnknown << QStringLiteral("\"6x\" is not a number");
}

void TestNvidiaSmiDmon::loads()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QFETCH(int, samples);
    QFETCH(int, channels);
    QFETCH(TimingKind, timing);
    QFETCH(double, totalMeanW);
    QFETCH(double, totalWh);
    QFETCH(QString, issue);

    QCOMPARE(sniffLogFormat(input).format->id, QStringLiteral("nvidia-smi-dmon"));
    const LoadedLog log = loadText(input);
    if (!error.isEmpty()) {
        QVERIFY(!log.ok());
        QVERIFY2(log.error.contains(error), qPrintable(log.error));
        return;
    }
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nvidia-smi-dmon"));
    QCOMPARE(log.trace.size(), qsizetype(samples));
    QCOMPARE(log.trace.channelCount(), channels);
    QCOMPARE(log.trace.timing(), timing);
    const TraceStats stats = analyzeTrace(log.trace);
    QVERIFY2(qAbs(stats.total.meanW - totalMeanW) < 1e-6, qPrintable(QString::number(stats.total.meanW)));
    if (std::isnan(totalWh))
        QVERIFY(!stats.total.energyWh);
    else
        QVERIFY(stats.total.energyWh && qAbs(*stats.total.energyWh - totalWh) < 1e-9);
    if (issue.isEmpty())
        QVERIFY2(log.issueCount == 0, qPrintable(issuesText(log)));
    else
        QVERIFY2(hasIssue(log, issue), qPrintable(issuesText(log)));
}

QTEST_APPLESS_MAIN(TestNvidiaSmiDmon)
#include "tst_nvidiasmidmon.moc"
