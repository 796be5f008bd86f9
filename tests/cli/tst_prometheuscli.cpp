// `nightwatt summary prom+http://...` and `nightwatt prometheus` against a real Prometheus on
// loopback, backfilled with tests/prometheus/powerdata.h.

#include "../prometheus/powerdata.h"
#include "../prometheus/prometheusharness.h"
#include "nightwattrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPrometheusCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void summaryJson();
    void summaryText();
    void errors_data();
    void errors();
    void presets();
    void watch();
    void help();

private:
    QStringList range(const QString &query) const;

    QTemporaryDir m_dir;
    testing::PrometheusServer m_server;
    bool m_available = false;
};

void TestPrometheusCli::initTestCase()
{
    if (!testing::prometheusInstalled())
        return; // the tests that need a server skip one by one; help and presets still run
    const QString blocks = m_dir.filePath(u"blocks"_s);
    QString error;
    QVERIFY2(testing::backfill(testing::powerOpenMetrics(), m_dir.path(), blocks, &error), qPrintable(error));
    QVERIFY2(m_server.start(blocks, {}, &error), qPrintable(error));
    m_available = true;
}

void TestPrometheusCli::cleanupTestCase()
{
    m_server.stop();
}

QStringList TestPrometheusCli::range(const QString &query) const
{
    return {u"summary"_s, u"prom+http://127.0.0.1:%1"_s.arg(m_server.port()), u"--query"_s, query,
            u"--from"_s, QString::number(testing::kStart), u"--to"_s, QString::number(testing::kEnd)};
}

void TestPrometheusCli::summaryJson()
{
    if (!m_available)
        QSKIP("prometheus/promtool are not installed (Debian: apt-get install prometheus)");
    const NightwattRun run = runNightwatt(range(u"dcgm"_s) << u"--json"_s);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    const QJsonObject input = root.value("input"_L1).toObject();
    QCOMPARE(input.value("format"_L1).toString(), u"prometheus"_s);
    QCOMPARE(input.value("path"_L1).toString(), u"http://127.0.0.1:%1"_s.arg(m_server.port()));
    QVERIFY(input.value("metadata"_L1).toObject().value("energy_from"_L1).toString().contains("counter"_L1));
    // Automatic step: 14385 s / 10999 < 15 s, so 15 s; 959 windows.
    QCOMPARE(input.value("samples"_L1).toInt(), 959);
    QCOMPARE(input.value("duration_s"_L1).toDouble(), 14385.0);
    // Four GPUs, Pa summing to 620 W, for 479 windows at Pa and 480 at 2 Pa: 620 * 21585 J.
    const QJsonObject total = root.value("total"_L1).toObject();
    QCOMPARE_LT(qAbs(total.value("energy_wh"_L1).toDouble() - 620 * 21585.0 / 3600.0), 1e-6);
    QCOMPARE(total.value("components"_L1).toArray().size(), 4);
    const QJsonObject channels = root.value("channels"_L1).toObject();
    QCOMPARE_LT(qAbs(channels.value("host_node2"_L1).toObject().value("energy_wh"_L1).toDouble() - 410 * 21585.0 / 3600.0), 1e-6);
    // The scenario takes the run's mean power and length: 3717.4167 Wh over 239.75 min.
    const QJsonObject scenario = root.value("scenario"_L1).toObject();
    QCOMPARE_LT(qAbs(scenario.value("runtime_min"_L1).toDouble() - 239.75), 1e-9);
    QCOMPARE_LT(qAbs(scenario.value("wh_per_run"_L1).toDouble() - 620 * 21585.0 / 3600.0), 1e-3);
}

void TestPrometheusCli::summaryText()
{
    if (!m_available)
        QSKIP("prometheus/promtool are not installed (Debian: apt-get install prometheus)");
    const NightwattRun run = runNightwatt(range(u"sum by (instance) (scaph_host_power_microwatts)"_s) << u"--unit"_s << u"uW"_s << u"--step"_s << u"1m"_s);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains("(prometheus)"_L1), qPrintable(text));
    QVERIFY(text.contains("power gauge: integrated over time (trapezoid)"_L1));
    // 200 W flat: 200.00 W mean on the one host channel.
    QVERIFY2(text.contains(QRegularExpression(u"node1\\s+200\\.00 W mean"_s)), qPrintable(text));
}

void TestPrometheusCli::errors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-series") << QStringList{u"--unit"_s, u"W"_s} << u"no_such_metric"_s << 2 << u"the query returned no series"_s;
    QTest::newRow("bad-promql") << QStringList{u"--unit"_s, u"W"_s} << u"sum("_s << 2 << u"Prometheus rejected the query (bad_data)"_s;
    QTest::newRow("no-unit") << QStringList{} << u"up"_s << 1 << u"needs --unit"_s;
    QTest::newRow("bad-time") << QStringList{u"--from"_s, u"yesterday"_s} << u"dcgm"_s << 1 << u"--from wants RFC 3339"_s;
    QTest::newRow("missing-token-file") << QStringList{u"--bearer-token-file"_s, u"/nonexistent/token"_s} << u"dcgm"_s << 1 << u"cannot read the secret file"_s;
}

void TestPrometheusCli::errors()
{
    if (!m_available)
        QSKIP("prometheus/promtool are not installed (Debian: apt-get install prometheus)");
    QFETCH(QStringList, extra);
    QFETCH(QString, query);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const NightwattRun run = runNightwatt(range(query) + extra);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.startsWith("nightwatt: "_L1) && run.err.contains(message), qPrintable(run.err));
}

void TestPrometheusCli::presets()
{
    const NightwattRun run = runNightwatt({u"prometheus"_s, u"presets"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray presets = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(presets.size(), 7);
    QCOMPARE(presets.at(0).toObject().value("metrics"_L1).toArray().at(0).toString(), u"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"_s);
    QCOMPARE(presets.at(0).toObject().value("unit"_L1).toString(), u"mJ"_s);
    // A Prometheus option on a plain file is a usage error.
    const NightwattRun misuse = runNightwatt({u"summary"_s, u"some.log"_s, u"--query"_s, u"dcgm"_s});
    QCOMPARE(misuse.exitCode, 1);
    QVERIFY2(misuse.err.contains("need a prom+http:// input"_L1), qPrintable(misuse.err));
}

void TestPrometheusCli::watch()
{
    if (!m_available)
        QSKIP("prometheus/promtool are not installed (Debian: apt-get install prometheus)");
    // Pinned with @ to a time in the data: sample 532 (second half, 2 Pa): 200 + 220 + 400 + 420 W.
    const NightwattRun run = runNightwatt({u"prometheus"_s, u"watch"_s, u"prom+http://127.0.0.1:%1"_s.arg(m_server.port()), u"--query"_s,
                               u"DCGM_FI_DEV_POWER_USAGE @ 1700000000"_s, u"--unit"_s, u"W"_s, u"--interval"_s, u"100ms"_s,
                               u"--count"_s, u"2"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].endsWith("node1_gpu0=200.00  node1_gpu1=220.00  node2_gpu0=400.00  node2_gpu1=420.00  total=1240.00 W"_L1),
             qPrintable(lines[0]));
}

void TestPrometheusCli::help()
{
    const NightwattRun run = runNightwatt({u"summary"_s, u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY(text.contains("--bearer-token-file"_L1));
    QVERIFY(text.contains("$NIGHTWATT_PROMETHEUS_TOKEN"_L1));
    QVERIFY(text.contains("$NIGHTWATT_PROMETHEUS_PASSWORD"_L1));
    QVERIFY(text.contains("scaphandre-power"_L1));
}

QTEST_GUILESS_MAIN(TestPrometheusCli)
#include "tst_prometheuscli.moc"
