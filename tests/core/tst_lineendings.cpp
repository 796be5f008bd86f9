// How a line ends must not change what a line format reads: LF, CRLF or a lone CR (old Mac
// editors, some serial loggers), blanks before the end, and a last line without any end at all
// (formats.md, cross-cutting rule 1: kept when whole, dropped with an issue when visibly cut).
#include "loadhelpers.h"

#include "formats/nightwattcaptureparser.h"

#include <QTest>

using namespace nightwatt;
using namespace nightwatt::test;

class TestLineEndings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameTraceWhateverTheLineEnds_data();
    void sameTraceWhateverTheLineEnds();
    void wholeLastLineWithoutNewlineIsKept_data();
    void wholeLastLineWithoutNewlineIsKept();
    void visiblyCutLastLineIsDroppedWithAnIssue_data();
    void visiblyCutLastLineIsDroppedWithAnIssue();
};

namespace {

QByteArray captureLog()
{
    using namespace NightwattCaptureWriter;
    const ChannelInfo cpu{QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component};
    const ChannelInfo total{QStringLiteral("total"), QStringLiteral("Total"), ChannelRole::ReportedTotal};
    QByteArray bytes = header() + timing(TimingKind::Windowed) + channel(cpu) + channel(total);
    for (int i = 0; i < 5; ++i) {
        const float values[] = {10.0f + float(i), 20.5f + float(i)};
        bytes += sample(i, 1.0, values);
    }
    return bytes;
}

// One input of each line format, as it was written (LF or CRLF, a newline at the end).
void addFormatRows()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("formatId");
    const struct
    {
        const char *file;
        const char *formatId;
    } files[] = {
        {"powermetrics-m1-macbookair10_1-codecarbon.txt", "powermetrics-text"},
        {"powermetrics-m4-mac16_6-macos15-binsquare.txt", "powermetrics-text"},
        {"macmon-pipe-8gb-mac-codecarbon.jsonl", "macmon-jsonl"},
        {"codecarbon-emissions-m1-macos-codecarbon-examples.csv", "codecarbon-csv"},
        {"carbontracker-stdout-a30-slurm-excerpts-carbon-cost-kaggle.txt", "carbontracker"},
        {"intel-power-gadget-pandas-reexport-codecarbon.csv", "intel-power-gadget-csv"},
        {"intel-power-gadget-mac-quoted-codecarbon.csv", "intel-power-gadget-csv"},
        {"turbostat-xeon6126-2socket-telegraf.tsv", "turbostat"},
        {"perf-stat-energy-pkg-cores-locale-comma-nnbsp-MSc-Thesis.txt", "perf-stat"},
        {"nvidia-smi-table-p100-driver470-predator-prey.txt", "nvidia-smi-table"},
        {"nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv", "nvidia-smi-csv"},
        {"rapl-vs-wallplug-threadripper1950x-codecarbon-cpu-load-profiling.csv", "csv"},
    };
    for (const auto &file : files)
        QTest::newRow(file.file) << readData(QString::fromLatin1(file.file)) << QString::fromLatin1(file.formatId);
    // dmon as it prints, a blank before each line end (the real logs here have no power column).
    QTest::newRow("nvidia-smi dmon") << QByteArray("# gpu    pwr  gtemp    sm \n# Idx      W      C     % \n    0     60     40     0 \n"
                                                   "    1     70     41     0 \n    0     80     40     5 \n    1     75     41     5 \n")
                                     << QStringLiteral("nvidia-smi-dmon");
    QTest::newRow("nightwatt capture") << captureLog() << QStringLiteral("nightwatt-capture");
    QTest::newRow("powermetrics, one bare line") << QByteArray("CPU Power: 1234 mW\n") << QStringLiteral("powermetrics-text");
}

QByteArray withLfEnds(QByteArray bytes)
{
    return bytes.replace("\r\n", "\n");
}

QByteArray withoutFinalNewline(QByteArray bytes)
{
    while (bytes.endsWith('\n') || bytes.endsWith('\r') || bytes.endsWith(' '))
        bytes.chop(1);
    return bytes;
}

QString traceProblem(const LoadedLog &expected, const LoadedLog &actual)
{
    if (!actual.ok())
        return QStringLiteral("not loaded: ") + actual.error;
    if (actual.trace.size() != expected.trace.size() || actual.trace.channelCount() != expected.trace.channelCount())
        return QStringLiteral("%1 samples in %2 channels, not %3 in %4; issues:\n%5")
            .arg(actual.trace.size())
            .arg(actual.trace.channelCount())
            .arg(expected.trace.size())
            .arg(expected.trace.channelCount())
            .arg(issuesText(actual));
    for (int c = 0; c < actual.trace.channelCount(); ++c) {
        for (qsizetype i = 0; i < actual.trace.size(); ++i) {
            const float a = actual.trace.value(c, i), e = expected.trace.value(c, i);
            if (!(a == e || (std::isnan(a) && std::isnan(e))))
                return QStringLiteral("channel %1, sample %2: %3, not %4").arg(c).arg(i).arg(a).arg(e);
        }
    }
    if (actual.issueCount != expected.issueCount)
        return QStringLiteral("%1 issues, not %2:\n%3").arg(actual.issueCount).arg(expected.issueCount).arg(issuesText(actual));
    return {};
}

} // namespace

void TestLineEndings::sameTraceWhateverTheLineEnds_data()
{
    addFormatRows();
}

void TestLineEndings::sameTraceWhateverTheLineEnds()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, formatId);
    const LoadedLog expected = loadText(input, formatId);
    QVERIFY2(expected.ok(), qPrintable(expected.error));
    const QByteArray lf = withLfEnds(input);

    QByteArray loneCr = lf;
    loneCr.replace('\n', '\r');
    QVERIFY2(traceProblem(expected, loadText(loneCr, formatId)).isEmpty(), qPrintable(traceProblem(expected, loadText(loneCr, formatId))));
    // Sniffed as well: the format is still recognised (the nvidia-smi CSV sniffer looks for LF).
    if (formatId != QStringLiteral("nvidia-smi-csv"))
        QCOMPARE(loadText(loneCr).formatId, formatId);

    QByteArray blanks = lf;
    blanks.replace("\n", "  \t \n");
    QVERIFY2(traceProblem(expected, loadText(blanks, formatId)).isEmpty(), qPrintable(traceProblem(expected, loadText(blanks, formatId))));
    QByteArray blanksCrLf = lf;
    blanksCrLf.replace("\n", " \r\n");
    QVERIFY2(traceProblem(expected, loadText(blanksCrLf, formatId)).isEmpty(),
             qPrintable(traceProblem(expected, loadText(blanksCrLf, formatId))));
}

void TestLineEndings::wholeLastLineWithoutNewlineIsKept_data()
{
    addFormatRows();
}

void TestLineEndings::wholeLastLineWithoutNewlineIsKept()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, formatId);
    if (formatId == QStringLiteral("nvidia-smi-csv"))
        QSKIP("the nvidia-smi CSV reader decides on its last line itself");
    const LoadedLog expected = loadText(input, formatId);
    QVERIFY2(expected.ok(), qPrintable(expected.error));
    const QByteArray unterminated = withoutFinalNewline(input);
    QVERIFY2(traceProblem(expected, loadText(unterminated, formatId)).isEmpty(), qPrintable(traceProblem(expected, loadText(unterminated, formatId))));
    QByteArray loneCr = withLfEnds(unterminated);
    loneCr.replace('\n', '\r');
    QVERIFY2(traceProblem(expected, loadText(loneCr, formatId)).isEmpty(), qPrintable(traceProblem(expected, loadText(loneCr, formatId))));
}

void TestLineEndings::visiblyCutLastLineIsDroppedWithAnIssue_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("formatId");
    QTest::addColumn<qsizetype>("samples");
    const QByteArray capture = captureLog();
    // "sample 4 1 14 24.5": the last value is gone.
    QTest::newRow("capture, a value missing") << capture.first(capture.lastIndexOf('\t')) << QStringLiteral("nightwatt-capture") << qsizetype(4);
    QTest::newRow("powermetrics, a bare line cut in its unit") << QByteArray("CPU Power: 1234 mW\nCPU Power: 1200 m") << QStringLiteral("powermetrics-text")
                                                               << qsizetype(1);
    const QByteArray perf = withoutFinalNewline(readData(QStringLiteral("perf-stat-energy-pkg-cores-locale-comma-nnbsp-MSc-Thesis.txt")));
    const LoadedLog perfRuns = loadText(perf, QStringLiteral("perf-stat"));
    QTest::newRow("perf, elapsed line cut") << perf.chopped(9) << QStringLiteral("perf-stat") << perfRuns.trace.size() - 1;
}

void TestLineEndings::visiblyCutLastLineIsDroppedWithAnIssue()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, formatId);
    QFETCH(qsizetype, samples);
    const LoadedLog loaded = loadText(input, formatId);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.trace.size(), samples);
    QVERIFY2(hasIssue(loaded, QStringLiteral("cut off")), qPrintable(issuesText(loaded)));
}

QTEST_GUILESS_MAIN(TestLineEndings)
#include "tst_lineendings.moc"
