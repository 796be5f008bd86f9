// Every format must read the same trace, issues and metadata whether its bytes arrive at once,
// one at a time or in random chunks (a pipe, a growing log, a mapped file split into blocks).
// The fuzz targets in tests/fuzz check the same on generated input; inputs they found that broke
// a parser are the "fuzz-" rows below.
#include "parserecord.h"

#include "formats/logformat.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace nightwatt;
using namespace nightwatt::testsupport;

class TestChunkedParsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameTraceInAnyChunking_data();
    void sameTraceInAnyChunking();
    void splitBomIsStillStripped();
    void nullInputIsAnEmptyLog();
};

namespace {

// Large real logs still get every random split; one call per byte would only make them slow.
constexpr qsizetype kByteByByteLimit = 256 * 1024;

QByteArray readTestFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

} // namespace

void TestChunkedParsing::sameTraceInAnyChunking_data()
{
    QTest::addColumn<QByteArray>("bytes");

    // Every real log, including ones added later for other formats.
    const QDir data(QStringLiteral(NIGHTWATT_TEST_DATA));
    for (const QFileInfo &file : data.entryInfoList(QDir::Files, QDir::Name)) {
        if (file.fileName() != u"PROVENANCE.md")
            QTest::newRow(qPrintable(file.fileName())) << readTestFile(file.filePath());
    }

    const QByteArray sample = "*** Sampled system activity (Tue Aug 16 23:39:54 2022 +0200) (5006.24ms elapsed) ***\n"
                              "CPU Power: 6196 mW\nGPU Power: 21 mW\n"
                              "*** Sampled system activity (Tue Aug 16 23:39:59 2022 +0200) (5001.10ms elapsed) ***\n"
                              "CPU Power: 6000 mW\nGPU Power: 30 mW\n";
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one newline") << QByteArray("\n");
    QTest::newRow("header only") << QByteArray("Machine model: Mac14,10\nOS version: 25D125\n");
    QTest::newRow("two windows") << sample;
    QTest::newRow("CRLF") << QByteArray(sample).replace("\n", "\r\n");
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF") + sample;
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF");
    QTest::newRow("half a BOM") << QByteArray("\xEF\xBB");
    QTest::newRow("NUL tail") << sample + QByteArray(300, '\0');
    QTest::newRow("cut-off last line") << sample.chopped(4);
    QTest::newRow("bare power lines") << QByteArray("CPU Power: 100 mW\nGPU Power: 5 mW\nCPU Power: 120 mW\nGPU Power: 6 mW");
    QTest::newRow("non-numbers") << QByteArray("CPU Power: lots mW\nGPU Power: -5 mW\nCPU Power: nan mW\nCPU Power: 1e999 mW\n");
    QTest::newRow("garbage") << QByteArray("\x01\xFFW\n\n\r\r\n:W\n*** Sampled system activity (\n");
    // Found by fuzz_perf_stat: an energy reading whose event token has no "energy-" in it.
    QTest::newRow("fuzz: perf stat event without energy-")
        << QByteArray::fromBase64("IyBncHUgICAgIGZiICAgYmFyMSAgIGNjcG0gCiMgSWR4ICAgICAgICA0ICAgICAgMSAgICAgIDAgCiAgICAxICAgICAgNCAgICAg"
                                  "IEpvdWxlcyBwb3dlciBKb3VsZXMgcG93ZXIvZW5lcmd5LXBrZy8KICAgIDNneS1jIDEgICAgICAwIAogICAgNyAgICAgIDQgICAg"
                                  "ICAxICAgICAgMAo=");
}

// Found by fuzz_nvidia_smi_csv under UBSan: input with no bytes behind it (a null view) reached
// memchr with a null pointer. Every format must take it as an empty log.
void TestChunkedParsing::nullInputIsAnEmptyLog()
{
    for (const LogFormat &format : logFormats()) {
        const ParseRecord record = parseWhole(format, QByteArrayView());
        QVERIFY2(record.trace.size() == 0, qPrintable(format.id));
    }
}

void TestChunkedParsing::sameTraceInAnyChunking()
{
    QFETCH(QByteArray, bytes);
    for (const LogFormat &format : logFormats()) {
        const ParseRecord whole = parseWhole(format, bytes);
        QString difference;
        if (bytes.size() <= kByteByByteLimit) {
            difference = firstDifference(whole, parseInChunks(format, bytes, byteByByte(bytes.size())));
            QVERIFY2(difference.isEmpty(), qPrintable(format.id + QStringLiteral(", byte by byte: ") + difference));
        }
        // Seeds and chunk limits are arbitrary; several of each vary where the cuts fall. Chunks of
        // one or two bytes add little to the byte-by-byte pass, so they get one seed, and only
        // where that pass was skipped (the fuzz targets cut at random points all day anyway).
        for (quint64 seed = 1; seed <= 3; ++seed) {
            for (qsizetype maxChunk : {2, 7, 64, 4096}) {
                if (maxChunk == 2 && (seed > 1 || bytes.size() <= kByteByByteLimit))
                    continue;
                difference = firstDifference(whole, parseInChunks(format, bytes, randomChunkSizes(bytes.size(), seed, maxChunk)));
                QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("%1, seed %2, chunks up to %3 bytes: %4")
                                                              .arg(format.id, QString::number(seed), QString::number(maxChunk), difference)));
            }
        }
    }
}

void TestChunkedParsing::splitBomIsStillStripped()
{
    // A BOM cut after its first and second byte must not become the start of the first line:
    // "CPU Power: 2500 mW" reads as 2.5 W, and the bad GPU figure is still reported on line 2.
    const QByteArray bytes = "\xEF\xBB\xBF" "CPU Power: 2500 mW\nGPU Power: bad mW\n";
    const LogFormat *format = logFormatById(QStringLiteral("powermetrics-text"));
    QVERIFY(format);
    const ParseRecord record = parseInChunks(*format, bytes, {1, 1, 5});
    QCOMPARE(record.trace.size(), qsizetype(1));
    QCOMPARE(record.trace.channelCount(), 2);
    QCOMPARE(record.trace.channel(0).id, QStringLiteral("cpu"));
    QCOMPARE(record.trace.value(0, 0), 2.5f);
    QVERIFY(isMissing(record.trace.value(1, 0))); // missing, never 0
    QCOMPARE(record.issueCount, qint64(1));
    QCOMPARE(record.issues.first().line, qint64(2));
}

QTEST_APPLESS_MAIN(TestChunkedParsing)
#include "tst_chunkedparsing.moc"
