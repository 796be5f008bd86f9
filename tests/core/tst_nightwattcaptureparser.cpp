#include "formats/logformat.h"
#include "formats/nightwattcaptureparser.h"
#include "io/logloader.h"

#include <QTest>

using namespace nightwatt;

class TestNightwattCaptureParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reads_data();
    void reads();
    void writerRoundTrip();
    void markersRoundTrip();
    void readsMarkers_data();
    void readsMarkers();
    void sniff();
};

namespace {
const QByteArray kHead = "nightwatt-capture\t1\nclock\t2026-11-27T10:00:00.000Z\ntiming\twindowed\n"
                         "channel\tpackage0\tcomponent\tCPU package 0\nchannel\tdram0\tauxiliary\tDRAM (package 0)\n";
}

void TestNightwattCaptureParser::reads_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("lastPackageW"); // NaN = missing
    QTest::addColumn<int>("issues");
    QTest::addColumn<QString>("error");

    QTest::newRow("two samples") << kHead + "sample\t0\t0.5\t50\t3\nsample\t0.5\t0.25\t12\t-\n" << 2 << 12.0 << 0 << QString();
    QTest::newRow("missing value") << kHead + "sample\t0\t1\t-\t3\n" << 1 << qQNaN() << 0 << QString();
    QTest::newRow("short row: rest missing") << kHead + "sample\t0\t1\t\n" << 0 << 0.0 << 0
                                             << QStringLiteral("no usable power samples (every power figure was missing or invalid)");
    QTest::newRow("CRLF") << QByteArray(kHead + "sample\t0\t1\t7\t1\n").replace("\n", "\r\n") << 1 << 7.0 << 0 << QString();
    QTest::newRow("BOM") << "\xEF\xBB\xBF" + kHead + "sample\t0\t1\t7\t1\n" << 1 << 7.0 << 0 << QString();
    QTest::newRow("NUL tail") << kHead + "sample\t0\t1\t7\t1\n" + QByteArray(100, '\0') << 1 << 7.0 << 0 << QString();
    QTest::newRow("cut-off last line") << kHead + "sample\t0\t1\t7\t1\nsample\t1\t1\t12" << 1 << 7.0 << 1 << QString();
    QTest::newRow("non-number") << kHead + "sample\t0\t1\tabc\t1\nsample\t1\t1\t8\t1\n" << 2 << 8.0 << 1 << QString();
    QTest::newRow("negative power") << kHead + "sample\t0\t1\t-5\t1\n" << 1 << qQNaN() << 1 << QString();
    QTest::newRow("too many values") << kHead + "sample\t0\t1\t9\t1\t99\n" << 1 << 9.0 << 1 << QString();
    QTest::newRow("bad time") << kHead + "sample\tx\t1\t9\t1\nsample\t1\t1\t10\t1\n" << 1 << 10.0 << 1 << QString();
    QTest::newRow("unknown records said once") << kHead + "future\t1\nfuture\t2\nsample\t0\t1\t9\t1\n" << 1 << 9.0 << 1 << QString();
    QTest::newRow("header only") << kHead << 0 << 0.0 << 0
                                 << QStringLiteral("no usable power samples (every power figure was missing or invalid)");
    QTest::newRow("garbage") << QByteArray("hello\n") << 0 << 0.0 << 0
                             << QStringLiteral("not a power log Nightwatt knows (tried: ");
}

void TestNightwattCaptureParser::reads()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, lastPackageW);
    QFETCH(int, issues);
    QFETCH(QString, error);

    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("capture.txt"));
    if (!error.isEmpty()) {
        QVERIFY2(log.error.startsWith(error), qPrintable(log.error));
        return;
    }
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("nightwatt-capture"));
    QCOMPARE(log.trace.size(), samples);
    QCOMPARE(log.issueCount, issues);
    QCOMPARE(log.trace.timing(), TimingKind::Windowed);
    QCOMPARE(log.trace.clockAtZero(), QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC));
    const int package = log.trace.indexOf(QStringLiteral("package0"));
    QCOMPARE(log.trace.channel(package).role, ChannelRole::Component);
    QCOMPARE(log.trace.channel(log.trace.indexOf(QStringLiteral("dram0"))).role, ChannelRole::Auxiliary);
    const float last = log.trace.value(package, samples - 1);
    if (qIsNaN(lastPackageW))
        QVERIFY(isMissing(last));
    else
        QCOMPARE(last, float(lastPackageW));
}

void TestNightwattCaptureParser::writerRoundTrip()
{
    const ChannelInfo cpu{QStringLiteral("cpu"), QStringLiteral("CPU\twith tab"), ChannelRole::Component};
    const ChannelInfo total{QStringLiteral("psys"), QStringLiteral("Platform"), ChannelRole::ReportedTotal};
    const std::vector<float> values{12.3456789f, kMissing};
    const QByteArray bytes = NightwattCaptureWriter::header() + NightwattCaptureWriter::timing(TimingKind::Points)
        + NightwattCaptureWriter::meta(QStringLiteral("source"), QStringLiteral("rapl")) + NightwattCaptureWriter::channel(cpu)
        + NightwattCaptureWriter::channel(total) + NightwattCaptureWriter::sample(1.5, 0, values);
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("x"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.channel(0).label, QStringLiteral("CPU with tab"));
    QCOMPARE(log.trace.channel(1).role, ChannelRole::ReportedTotal);
    QCOMPARE(log.trace.value(0, 0), 12.3456789f); // 9 significant digits: a float survives exactly
    QVERIFY(isMissing(log.trace.value(1, 0)));
    QCOMPARE(log.trace.timeS(0), 1.5);
    QCOMPARE(log.metadata.value(QStringLiteral("source")), QStringLiteral("rapl"));
}

// Every kind, an instant, a label with a tab, and times that are not round in binary read back
// exactly as written: a capture's file and its run in the library hold the same markers.
void TestNightwattCaptureParser::markersRoundTrip()
{
    const QList<Marker> markers = {
        {MarkerKind::Run, QStringLiteral("run"), 0.1, 1.0 / 3.0 + 100.0},
        {MarkerKind::Init, QStringLiteral("init"), 0.1, 0.7},
        {MarkerKind::Epoch, QStringLiteral("epoch 1"), 0.7, 12.000001},
        {MarkerKind::Block, QStringLiteral("block 1"), 0.7, 50.0},
        {MarkerKind::Eval, QStringLiteral("eval 1"), 50.0, 50.0},
        {MarkerKind::Marker, QStringLiteral("checkpoint"), 2.0 / 3.0, std::nullopt},
        {MarkerKind::Marker, QStringLiteral("loss\tspike"), 1e-7, std::nullopt},
    };
    QByteArray bytes = kHead + "sample\t0\t1\t7\t1\n";
    for (const Marker &marker : markers)
        bytes += NightwattCaptureWriter::marker(marker);
    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("capture.txt"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.issueCount, 0);
    QList<Marker> expected = markers;
    expected.last().label = QStringLiteral("loss spike");
    QCOMPARE(log.trace.markers(), expected);
}

void TestNightwattCaptureParser::readsMarkers_data()
{
    QTest::addColumn<QByteArray>("records");
    QTest::addColumn<QString>("labels"); // of the markers read, joined by "|"
    QTest::addColumn<QString>("issue"); // the one issue expected, or empty

    QTest::newRow("phase and instant") << QByteArray("marker\tepoch\t1\t2\tepoch 1\nmarker\tmarker\t1.5\t-\tsaved\n")
                                       << QStringLiteral("epoch 1|saved") << QString();
    QTest::newRow("unknown kind kept as a marker") << QByteArray("marker\tbatch\t1\t2\tbatch 9\n") << QStringLiteral("batch 9")
                                                   << QStringLiteral("marker of unknown kind \"batch\"; kept as a plain marker");
    QTest::newRow("too few fields") << QByteArray("marker\tepoch\t1\t2\n") << QString()
                                    << QStringLiteral("marker record needs a kind, a start, an end (or \"-\") and a label; ignored");
    QTest::newRow("bad start") << QByteArray("marker\tepoch\tsoon\t2\tepoch 1\n") << QString()
                               << QStringLiteral("marker start or end is not a valid number; ignored");
    QTest::newRow("infinite end") << QByteArray("marker\tepoch\t1\tinf\tepoch 1\n") << QString()
                                  << QStringLiteral("marker start or end is not a valid number; ignored");
    QTest::newRow("ends before it starts") << QByteArray("marker\tepoch\t5\t2\tepoch 1\n") << QString()
                                           << QStringLiteral("marker ends before it starts; ignored");
    QTest::newRow("cut-off last line") << QByteArray("marker\tepoch\t1\t2\tepoch 1\nmarker\tepoch\t2\t3\tepo")
                                       << QStringLiteral("epoch 1")
                                       << QStringLiteral("last line is cut off (no newline at end of file); ignored");
}

// Marker records between samples; a bad one is left out with an issue naming its line, and the
// samples around it are kept.
void TestNightwattCaptureParser::readsMarkers()
{
    QFETCH(QByteArray, records);
    QFETCH(QString, labels);
    QFETCH(QString, issue);
    const LoadedLog log = LogLoader::loadBytes(QByteArray(kHead + "sample\t0\t1\t7\t1\n" + records), QStringLiteral("capture.txt"));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), 1);
    QStringList read;
    for (const Marker &marker : log.trace.markers())
        read.append(marker.label);
    QCOMPARE(read.join(u'|'), labels);
    QCOMPARE(log.issueCount, issue.isEmpty() ? 0 : 1);
    if (!issue.isEmpty()) {
        QCOMPARE(log.issues.first().message, issue);
        QVERIFY(log.issues.first().line > 6);
    }
}

void TestNightwattCaptureParser::sniff()
{
    QCOMPARE(NightwattCaptureParser::sniff("nightwatt-capture\t1\n"), 100);
    QCOMPARE(NightwattCaptureParser::sniff("\xEF\xBB\xBFnightwatt-capture\t1\n"), 100);
    QCOMPARE(NightwattCaptureParser::sniff("time,cpu W\n"), 0);
    QCOMPARE(sniffLogFormat(NightwattCaptureWriter::header()).format->id, QStringLiteral("nightwatt-capture"));
}

QTEST_APPLESS_MAIN(TestNightwattCaptureParser)
#include "tst_nightwattcaptureparser.moc"
