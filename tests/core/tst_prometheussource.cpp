// PrometheusSource: a Prometheus query polled as a live source, against a real Prometheus on
// loopback backfilled with data around the wall clock (tests/prometheus/powerdata.h).

#include "../prometheus/powerdata.h"
#include "../prometheus/prometheusharness.h"

#include "analysis/tracestats.h"
#include "io/logloader.h"
#include "live/capturefilerecorder.h"
#include "live/prometheussource.h"
#include "prometheus/prometheusinput.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;
using namespace Qt::StringLiterals;

class TestPrometheusSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void gaugeWithHostTotals();
    void firstPollFailureFailsTheSource_data();
    void firstPollFailureFailsTheSource();
    void nonFiniteValuesAreIssues();
    void serverDiesDuringCapture();

private:
    PrometheusInputSpec spec(int port, const QString &query) const;
    bool waitForSamples(LiveSource &source, qsizetype count, int timeoutMs = 10000);

    QTemporaryDir m_dir;
    QString m_blocks;
    testing::PrometheusServer m_server;
};

void TestPrometheusSource::initTestCase()
{
    if (!testing::prometheusInstalled())
        QSKIP("prometheus/promtool are not on PATH (Debian: apt-get install --no-install-recommends prometheus)");
    QVERIFY(m_dir.isValid());
    m_blocks = m_dir.filePath(u"blocks"_s);
    QString error;
    QVERIFY2(testing::backfill(testing::liveOpenMetrics(QDateTime::currentSecsSinceEpoch()), m_dir.path(), m_blocks, &error),
             qPrintable(error));
    const QString data = m_dir.filePath(u"main"_s);
    QVERIFY(testing::copyTree(m_blocks, data));
    QVERIFY2(m_server.start(data, {}, &error), qPrintable(error));
}

PrometheusInputSpec TestPrometheusSource::spec(int port, const QString &query) const
{
    PrometheusInputSpec s;
    s.url = u"prom+http://127.0.0.1:%1"_s.arg(port);
    s.query = query;
    return s;
}

bool TestPrometheusSource::waitForSamples(LiveSource &source, qsizetype count, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (source.trace()->size() < count && source.status().isRunning() && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    return source.trace()->size() >= count;
}

void TestPrometheusSource::gaugeWithHostTotals()
{
    QString error;
    auto source = PrometheusSource::fromSpec(spec(m_server.port(), u"dcgm-power"_s), 100, &error);
    QVERIFY2(source, qPrintable(error));
    QVERIFY(source->description().contains(u"Prometheus http://127.0.0.1:%1 (dcgm-power) every 100 ms"_s.arg(m_server.port())));
    const QString path = m_dir.filePath(u"gauge.log"_s);
    CaptureFileRecorder recorder(path);
    source->addRecorder(&recorder);
    source->start();
    QVERIFY(source->status().isRunning());
    QVERIFY(waitForSamples(*source, 5));
    source->stop();
    QCOMPARE(source->status().state, LiveStatus::State::Stopped);
    QCOMPARE(source->formatId(), u"nightwatt-capture"_s);

    // Four GPUs (node1 100 + 110 W, node2 200 + 210 W) and a total per host, in every sample.
    const Trace trace = source->trace()->snapshot();
    QCOMPARE(trace.timing(), TimingKind::Points);
    QCOMPARE(trace.channelCount(), 6);
    const QStringList ids = {u"node1_gpu0"_s, u"node1_gpu1"_s, u"node2_gpu0"_s, u"node2_gpu1"_s, u"host_node1"_s, u"host_node2"_s};
    const QList<float> watts = {100, 110, 200, 210, 210, 410};
    for (int c = 0; c < 6; ++c) {
        QCOMPARE(trace.channel(c).id, ids[c]);
        QCOMPARE(trace.channel(c).role, c < 4 ? ChannelRole::Component : ChannelRole::Auxiliary);
        for (qsizetype i = 0; i < trace.size(); ++i)
            QCOMPARE(trace.values(c)[i], watts[c]);
    }
    const TraceStats stats = analyzeTrace(trace);
    QCOMPARE_LT(qAbs(stats.total.meanW - 620.0), 1e-3);

    // The -o file reads back to the same samples and says where they came from, without secrets.
    const LoadedLog log = LogLoader::loadFile(path);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, u"nightwatt-capture"_s);
    QCOMPARE(log.trace.size(), trace.size());
    QCOMPARE(log.metadata.value(u"source"_s), u"prometheus"_s);
    QCOMPARE(log.metadata.value(u"prometheus_url"_s), u"http://127.0.0.1:%1"_s.arg(m_server.port()));
    QCOMPARE_LT(qAbs(analyzeTrace(log.trace).total.meanW - 620.0), 1e-3);
}

void TestPrometheusSource::firstPollFailureFailsTheSource_data()
{
    QTest::addColumn<QString>("where"); // main or closed
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::newRow("unreachable") << u"closed"_s << u"dcgm"_s << u"connection refused"_s;
    QTest::newRow("no-series") << u"main"_s << u"kepler"_s << u"the query returned no series"_s;
}

void TestPrometheusSource::firstPollFailureFailsTheSource()
{
    QFETCH(QString, where);
    QFETCH(QString, query);
    QFETCH(QString, message);
    int port = m_server.port();
    if (where == "closed"_L1) {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QString error;
    auto source = PrometheusSource::fromSpec(spec(port, query), 50, &error);
    QVERIFY2(source, qPrintable(error));
    QSignalSpy status(source.get(), &LiveSource::statusChanged);
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(source->status().hasEnded(), 10000);
    QCOMPARE(source->status().state, LiveStatus::State::Failed);
    QVERIFY2(source->status().message.contains(message), qPrintable(source->status().message));
    QCOMPARE(source->trace()->size(), 0);
}

void TestPrometheusSource::nonFiniteValuesAreIssues()
{
    // P / (P - 100): node1 GPU 0 (100 W) divides by zero, +Inf; node1 GPU 1 110 / 10 = 11,
    // node2 GPU 0 200 / 100 = 2, node2 GPU 1 210 / 110 = 1.909 "W".
    PrometheusInputSpec s = spec(m_server.port(), u"DCGM_FI_DEV_POWER_USAGE / (DCGM_FI_DEV_POWER_USAGE - 100)"_s);
    s.unit = u"W"_s;
    QString error;
    auto source = PrometheusSource::fromSpec(s, 50, &error);
    QVERIFY2(source, qPrintable(error));
    source->start();
    QVERIFY(waitForSamples(*source, 3));
    source->stop();
    const Trace trace = source->trace()->snapshot();
    QCOMPARE(trace.channel(0).id, u"node1_gpu0"_s);
    for (qsizetype i = 0; i < trace.size(); ++i) {
        QVERIFY(isMissing(trace.values(0)[i])); // missing, never 0
        QCOMPARE(trace.values(1)[i], 11.0f);
        QCOMPARE(trace.values(2)[i], 2.0f);
        QCOMPARE(trace.values(5)[i], 2.0f + float(210.0 / 110.0)); // host_node2
    }
    // Said once, not once per poll.
    const QList<ParseIssue> issues = source->trace()->issues();
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().message, u"node1 GPU 0: the value was +Inf; left out"_s);
}

void TestPrometheusSource::serverDiesDuringCapture()
{
    // A server of its own, to kill.
    testing::PrometheusServer doomed;
    const QString data = m_dir.filePath(u"doomed"_s);
    QVERIFY(testing::copyTree(m_blocks, data));
    QString error;
    QVERIFY2(doomed.start(data, {}, &error), qPrintable(error));
    auto source = PrometheusSource::fromSpec(spec(doomed.port(), u"dcgm-power"_s), 50, &error);
    QVERIFY2(source, qPrintable(error));
    source->start();
    QVERIFY(waitForSamples(*source, 3));
    doomed.kill();
    const qsizetype before = source->trace()->size();

    // The samples so far stay; the failure is an issue and polling goes on
    // until kGiveUpPolls polls in a row have failed: 30 * 50 ms.
    QTRY_VERIFY_WITH_TIMEOUT(source->status().hasEnded(), 20000);
    QCOMPARE(source->status().state, LiveStatus::State::Failed);
    QVERIFY2(source->status().message.contains("no answer for 30 polls in a row"_L1), qPrintable(source->status().message));
    const Trace trace = source->trace()->snapshot();
    QCOMPARE_GE(trace.size(), before);
    QCOMPARE_GE(trace.size(), 3);
    const QList<ParseIssue> issues = source->trace()->issues();
    // One issue per distinct reason (an answer cut off, then refused connections), not per poll.
    QVERIFY2(!issues.isEmpty() && issues.size() <= 3, qPrintable(QString::number(issues.size())));
    for (const ParseIssue &issue : issues)
        QVERIFY2(issue.message.endsWith("; polling goes on"_L1), qPrintable(issue.message));
    QVERIFY(std::any_of(issues.cbegin(), issues.cend(), [](const ParseIssue &i) { return i.message.contains("connection refused"_L1); }));
}

QTEST_GUILESS_MAIN(TestPrometheusSource)
#include "tst_prometheussource.moc"
