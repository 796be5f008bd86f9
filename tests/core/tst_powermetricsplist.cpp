#include "formattesthelpers.h"

using namespace nightwatt;
using namespace nightwatt::testing;

namespace {

const QString kFormat = QStringLiteral("powermetrics-plist");
const QString kReal = QStringLiteral("powermetrics-plist-intel-mac-catapult.plist");

// An Apple silicon sample: `processor` keys as given, window in ns, optional stamp and gpu dict.
QByteArray applePlist(const QByteArray &processorKeys, const char *elapsedNs, const char *stamp = nullptr,
                      const QByteArray &gpuKeys = {})
{
    QByteArray doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                     "<plist version=\"1.0\">\n<dict>\n"
                     "<key>is_delta</key><true/>\n<key>elapsed_ns</key><integer>";
    doc += elapsedNs;
    doc += "</integer>\n";
    if (stamp)
        doc += QByteArray("<key>timestamp</key><date>") + stamp + "</date>\n";
    doc += "<key>processor</key><dict>\n<key>clusters</key><array><dict><key>name</key><string>E-Cluster</string></dict></array>\n"
         + processorKeys + "</dict>\n";
    if (!gpuKeys.isEmpty())
        doc += "<key>gpu</key><dict>" + gpuKeys + "</dict>\n";
    doc += "</dict>\n</plist>\n";
    return doc;
}

} // namespace

class TestPowermetricsPlist : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void realFileFigures();
    void recognisesRealFile();
};

void TestPowermetricsPlist::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("durationS");
    QTest::addColumn<double>("totalJ");
    QTest::addColumn<QStringList>("components"); // what the total is made of
    QTest::addColumn<int>("gaps");
    QTest::addColumn<int>("issues");

    // Intel, one sample: package_watts 3.03713 over elapsed_ns 4295788088:
    // 3.03713 × 4.295788088 = 13.046867 J (the plist's own package_joules: 13.0469).
    const QByteArray real = readTestData(kReal);
    const QStringList package{QStringLiteral("package")};
    QTest::newRow("real: Intel, one plist") << real << 1 << 4.295788088 << 13.046867 << package << 0 << 0;
    QTest::newRow("CRLF") << withCrlf(real) << 1 << 4.295788088 << 13.046867 << package << 0 << 0;
    QTest::newRow("BOM") << withBom(real) << 1 << 4.295788088 << 13.046867 << package << 0 << 0;
    QTest::newRow("NUL at the end") << real + '\0' << 1 << 4.295788088 << 13.046867 << package << 0 << 0;
    // A stream of three, NUL-separated, same stamp: windows follow one another.
    QTest::newRow("NUL-separated stream") << real + '\0' + real + '\0' + real << 3 << 3 * 4.295788088 << 3 * 13.046867
                                          << package << 0 << 0;
    // The sampler stopped mid-plist: the open document is an issue, the complete one loads.
    QTest::newRow("cut-off last plist") << real + '\0' + real.left(real.size() / 2) << 1 << 4.295788088 << 13.046867
                                        << package << 0 << 1;

    // Apple silicon in mW: cpu 5000, gpu 2000, ane 0 over 1 s: 7 J; Combined is not added.
    const QStringList apple{QStringLiteral("cpu"), QStringLiteral("gpu"), QStringLiteral("ane")};
    QTest::newRow("Apple, power keys")
        << applePlist("<key>cpu_power</key><real>5000</real><key>gpu_power</key><real>2000.0</real>"
                      "<key>ane_power</key><integer>0</integer><key>combined_power</key><real>7000</real>",
                      "1000000000")
        << 1 << 1.0 << 7.0 << apple << 0 << 0;
    // Energy keys in mJ over 0.5 s: cpu 2500 mJ -> 5 W, gpu (in the gpu dict) 1000 mJ -> 2 W: 3.5 J.
    const QStringList cpuGpu{QStringLiteral("cpu"), QStringLiteral("gpu")};
    QTest::newRow("Apple, energy keys") << applePlist("<key>cpu_energy</key><integer>2500</integer>", "500000000", nullptr,
                                                      "<key>gpu_energy</key><integer>1000</integer>")
                                        << 1 << 0.5 << 3.5 << cpuGpu << 0 << 0;
    // Two 1-s samples stamped 10 s apart: the second starts after a gap (duration 1 + 9 + 1).
    const QStringList cpu{QStringLiteral("cpu")};
    QTest::newRow("pause between samples")
        << applePlist("<key>cpu_power</key><real>1000</real>", "1000000000", "2024-01-01T10:00:01Z") + '\0'
               + applePlist("<key>cpu_power</key><real>3000</real>", "1000000000", "2024-01-01T10:00:11Z")
        << 2 << 11.0 << 4.0 << cpu << 1 << 0;
    QTest::newRow("no power keys") << applePlist("<key>freq_hz</key><real>1</real>", "1000000000") << 0 << 0.0 << 0.0
                                   << QStringList() << 0 << 1;
    QTest::newRow("no elapsed_ns") << applePlist("<key>cpu_power</key><real>1000</real>", "x") << 0 << 0.0 << 0.0
                                   << QStringList() << 0 << 1;
    QTest::newRow("garbage") << QByteArray("<plist><dict><key>a</key></wrong></dict></plist>") << 0 << 0.0 << 0.0
                             << QStringList() << 0 << 1;
    QTest::newRow("empty") << QByteArray() << 0 << 0.0 << 0.0 << QStringList() << 0 << 0;
}

void TestPowermetricsPlist::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, samples);
    QFETCH(double, durationS);
    QFETCH(double, totalJ);
    QFETCH(QStringList, components);
    QFETCH(int, gaps);
    QFETCH(int, issues);

    for (const qsizetype chunk : {bytes.size() + 1, qsizetype(1000)}) {
        const auto parsed = parseInChunks(kFormat, bytes, chunk);
        QCOMPARE(parsed->trace().size(), qsizetype(samples));
        QCOMPARE(parsed->builder.issueCount(), qint64(issues));
        if (samples == 0)
            continue;
        QCOMPARE(parsed->trace().timing(), TimingKind::Windowed);
        const TraceStats stats = analyzeTrace(parsed->trace());
        NW_COMPARE_NEAR(*stats.durationS, durationS, 1e-5);
        NW_COMPARE_NEAR(*stats.total.energyWh * 3600.0, totalJ, 1e-4);
        QCOMPARE(stats.total.components, components);
        QCOMPARE(stats.gaps, gaps);
    }
}

void TestPowermetricsPlist::realFileFigures()
{
    const LoadedLog log = LogLoader::loadBytes(readTestData(kReal), kReal);
    QVERIFY(log.ok());
    QCOMPARE(log.metadata.value(QStringLiteral("machine_model")), QStringLiteral("MacBookPro11,3"));
    QCOMPARE(log.metadata.value(QStringLiteral("os_version")), QStringLiteral("13D65"));
    // Stamped 2014-06-13T17:07:20Z at the end of its 4.296-s window (as in the text output).
    QCOMPARE(log.trace.clockAtZero().toUTC(), QDateTime(QDate(2014, 6, 13), QTime(17, 7, 15, 704), Qt::UTC));
    // package_joules in the same plist: 13.0469 J.
    NW_COMPARE_NEAR(*analyzeTrace(log.trace).total.energyWh * 3600.0, 13.0469, 1e-3);
}

void TestPowermetricsPlist::recognisesRealFile()
{
    const QByteArray bytes = readTestData(kReal);
    const SniffResult sniffed = sniffLogFormat(bytes);
    QVERIFY(sniffed.format);
    QCOMPARE(sniffed.format->id, kFormat);
    QVERIFY(sniffed.format->sniff(bytes) >= 60);
}

QTEST_APPLESS_MAIN(TestPowermetricsPlist)
#include "tst_powermetricsplist.moc"
