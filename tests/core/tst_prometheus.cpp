// Prometheus range import, presets, errors, auth, TLS and live polling against a real Prometheus
// on loopback, backfilled with data this test generates (tests/prometheus/powerdata.h).

#include "../prometheus/powerdata.h"
#include "../prometheus/prometheusharness.h"

#include "analysis/tracestats.h"
#include "prometheus/prometheusinput.h"
#include "prometheus/prometheuspoller.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;
using namespace Qt::StringLiterals;

namespace {

constexpr double kSpanS = double(testing::kSamples - 1) * testing::kStepS; // 959 * 15 s = 14385 s

QString prometheusDir()
{
    return QStringLiteral(NIGHTWATT_TEST_DATA "/../prometheus");
}

double channelWh(const TraceStats &stats, const char *id)
{
    const ChannelStats *c = stats.channel(QString::fromLatin1(id));
    return c && c->energyWh ? *c->energyWh : -1.0;
}

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestPrometheus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void dcgmCounterEnergy();
    void dcgmGaugeEnergy();
    void presets_data();
    void presets();
    void customExpressionByHost();
    void nanAndInfAreIssues();
    void counterGapKeepsEnergy();
    void stepSplitting();
    void errors_data();
    void errors();
    void bearerAuth_data();
    void bearerAuth();
    void basicAuth_data();
    void basicAuth();
    void tlsWithCustomCa_data();
    void tlsWithCustomCa();
    void serverDiesBetweenRequests();
    void abortStopsTheImport();
    void livePollerCounter();
    void livePollerGauge();

private:
    PrometheusInputSpec spec(const QString &query, const QString &unit = {}) const;
    LoadedLog load(const PrometheusInputSpec &spec, int maxPoints = kPrometheusMaxPointsPerRequest);
    bool startServer(testing::PrometheusServer &server, const QString &name, const QStringList &arguments = {});

    QTemporaryDir m_dir;
    QString m_blocks;
    testing::PrometheusServer m_main;
    bool m_available = false;
};

bool TestPrometheus::startServer(testing::PrometheusServer &server, const QString &name, const QStringList &arguments)
{
    const QString data = m_dir.filePath(name);
    if (!testing::copyTree(m_blocks, data)) {
        qWarning("cannot copy the blocks to %s", qPrintable(data));
        return false;
    }
    QString error;
    if (!server.start(data, arguments, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void TestPrometheus::initTestCase()
{
    if (!testing::prometheusInstalled())
        QSKIP("prometheus/promtool are not on PATH (Debian: apt-get install --no-install-recommends prometheus; scripts/dev installs it)");
    QVERIFY(m_dir.isValid());
    m_blocks = m_dir.filePath(QStringLiteral("blocks"));
    QString error;
    QVERIFY2(testing::backfill(testing::powerOpenMetrics(), m_dir.path(), m_blocks, &error), qPrintable(error));
    QVERIFY(startServer(m_main, QStringLiteral("main")));
    m_available = true;
}

void TestPrometheus::cleanupTestCase()
{
    m_main.stop();
}

PrometheusInputSpec TestPrometheus::spec(const QString &query, const QString &unit) const
{
    PrometheusInputSpec s;
    s.url = QStringLiteral("prom+http://127.0.0.1:%1").arg(m_main.port());
    s.query = query;
    s.unit = unit;
    s.from = QString::number(testing::kStart);
    s.to = QString::number(testing::kEnd);
    s.step = QStringLiteral("15s");
    return s;
}

LoadedLog TestPrometheus::load(const PrometheusInputSpec &s, int maxPoints)
{
    QString error;
    auto request = resolvePrometheusInput(s, QDateTime::currentDateTimeUtc(), &error);
    if (!request) {
        LoadedLog log;
        log.error = QStringLiteral("resolve: ") + error;
        return log;
    }
    request->maxPointsPerRequest = maxPoints;
    return loadPrometheusRange(*request);
}

void TestPrometheus::dcgmCounterEnergy()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const LoadedLog log = load(spec(u"dcgm"_s));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, u"prometheus"_s);
    QCOMPARE(log.trace.timing(), TimingKind::Windowed);
    QCOMPARE(log.trace.clockAtZero().toSecsSinceEpoch(), testing::kStart);
    QCOMPARE(log.trace.size(), qsizetype(testing::kSamples - 1)); // one window between neighbours
    QStringList ids;
    for (int c = 0; c < log.trace.channelCount(); ++c)
        ids.append(log.trace.channel(c).id);
    QCOMPARE(ids, QStringList({u"node1_gpu0"_s, u"node1_gpu1"_s, u"node2_gpu0"_s, u"node2_gpu1"_s, u"host_node1"_s, u"host_node2"_s}));
    QCOMPARE(log.trace.channel(0).label, u"node1 GPU 0"_s);
    QCOMPARE(log.trace.channel(4).role, ChannelRole::Auxiliary);
    QCOMPARE(log.metadata.value(u"counter_resets"_s), u"1"_s);
    QCOMPARE(log.metadata.value(u"requests"_s), u"1"_s);
    QCOMPARE(log.metadata.value(u"hosts"_s), u"node1, node2"_s);
    QVERIFY(log.metadata.value(u"energy_from"_s).contains("counter"_L1));
    QCOMPARE(log.issueCount, 0);

    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.method, EnergyMethod::WindowedSum);
    QCOMPARE(*stats.durationS, kSpanS);
    // The windows cover samples 1..959: 479 at Pa, 480 at 2 Pa, 15 s each:
    // E = 15 * (479 + 960) * Pa = 21585 Pa J = 5.995833 Pa Wh.
    const double whPerPa = 21585.0 / 3600.0;
    QCOMPARE_LT(qAbs(channelWh(stats, "node1_gpu0") - 100 * whPerPa), 1e-6);
    // node2 GPU 1 (Pa = 210) restarted its counter at sample 600: counted from zero, nothing lost.
    QCOMPARE_LT(qAbs(channelWh(stats, "node2_gpu1") - 210 * whPerPa), 1e-6);
    QCOMPARE_LT(qAbs(channelWh(stats, "host_node1") - (100 + 110) * whPerPa), 1e-6); // 1259.125 Wh
    QCOMPARE_LT(qAbs(channelWh(stats, "host_node2") - (200 + 210) * whPerPa), 1e-6); // 2458.2917 Wh
    // Total = the four GPUs only (host totals are auxiliary): 620 Pa -> 3717.4167 Wh.
    QCOMPARE(stats.total.components.size(), 4);
    QCOMPARE_LT(qAbs(*stats.total.energyWh - 620 * whPerPa), 1e-6);
}

void TestPrometheus::dcgmGaugeEnergy()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const LoadedLog log = load(spec(u"dcgm-power"_s));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.size(), qsizetype(testing::kSamples));
    QVERIFY(log.metadata.value(u"energy_from"_s).contains("gauge"_L1));
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.method, EnergyMethod::Trapezoid);
    // Trapezoid: 479 intervals at Pa, one at 1.5 Pa, 479 at 2 Pa: 15 * 1438.5 Pa J = 21577.5 Pa J.
    QCOMPARE_LT(qAbs(*stats.total.energyWh - 620 * 21577.5 / 3600.0), 1e-6); // 3716.125 Wh
}

void TestPrometheus::presets_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("components");
    QTest::addColumn<double>("expectedWh");
    QTest::addColumn<TimingKind>("timing");
    QTest::addColumn<QString>("metric");     // --metric override
    QTest::addColumn<QString>("groupLabel"); // --group-label override
    // RAPL: 50 W package + 5 W dram per host over 14385 s, minus 250 J that node1's package
    // counter wrap loses (a wrap reads as a reset from zero): 2 * 55 * 14385 - 250 = 1582100 J.
    QTest::newRow("rapl") << u"rapl"_s
                          << QStringList{u"node1_dram_0"_s, u"node1_package_0"_s, u"node2_dram_0"_s, u"node2_package_0"_s}
                          << 1582100.0 / 3600.0 << TimingKind::Windowed << QString() << QString();
    // Only the dram counters: 2 hosts * 5 W * 14385 s = 143850 J.
    QTest::newRow("rapl-dram-only") << u"rapl"_s << QStringList{u"node1_0"_s, u"node2_0"_s} << 143850.0 / 3600.0
                                    << TimingKind::Windowed << u"node_rapl_dram_joules_total"_s << QString();
    // DCGM grouped by another label (UUID "GPU-<host><gpu>" here): it names the channels.
    QTest::newRow("dcgm-by-uuid") << u"dcgm"_s << QStringList{u"gpu_10_gpu0"_s, u"gpu_11_gpu1"_s, u"gpu_20_gpu0"_s, u"gpu_21_gpu1"_s}
                                  << 620 * 21585.0 / 3600.0 << TimingKind::Windowed << QString() << u"UUID"_s;
    // Scaphandre: 200 W for 14385 s = 2877000 J, from the uJ counter or the uW gauge.
    QTest::newRow("scaphandre") << u"scaphandre"_s << QStringList{u"node1"_s} << 2877000.0 / 3600.0 << TimingKind::Windowed << QString() << QString();
    QTest::newRow("scaphandre-power") << u"scaphandre-power"_s << QStringList{u"node1"_s} << 2877000.0 / 3600.0 << TimingKind::Points << QString() << QString();
    // Kepler: package 40 + dram 4 + GPU 100 W (core is inside package and left out) = 144 W.
    QTest::newRow("kepler") << u"kepler"_s << QStringList{u"node1_cpu_dram"_s, u"node1_cpu_package"_s, u"node1_gpu_gpu0"_s}
                            << 144.0 * kSpanS / 3600.0 << TimingKind::Windowed << QString() << QString();
}

void TestPrometheus::presets()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QFETCH(QString, preset);
    QFETCH(QStringList, components);
    QFETCH(double, expectedWh);
    QFETCH(TimingKind, timing);
    QFETCH(QString, metric);
    QFETCH(QString, groupLabel);
    PrometheusInputSpec s = spec(preset);
    if (!metric.isEmpty())
        s.metrics = {metric};
    s.groupLabel = groupLabel;
    const LoadedLog log = load(s);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.timing(), timing);
    const TraceStats stats = analyzeTrace(log.trace);
    QStringList sorted = stats.total.components;
    sorted.sort();
    QCOMPARE(sorted, components);
    QCOMPARE_LT(qAbs(*stats.total.energyWh - expectedWh), 1e-3);
}

void TestPrometheus::customExpressionByHost()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const LoadedLog log = load(spec(u"sum by (Hostname) (DCGM_FI_DEV_POWER_USAGE)"_s, u"W"_s));
    QVERIFY2(log.ok(), qPrintable(log.error));
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE(stats.total.components, QStringList({u"node1"_s, u"node2"_s}));
    QCOMPARE(log.metadata.value(u"preset"_s), u"custom"_s);
    // Same trapezoid as dcgmGaugeEnergy, per host: node1 Pa = 210, node2 Pa = 410.
    QCOMPARE_LT(qAbs(channelWh(stats, "node1") - 210 * 21577.5 / 3600.0), 1e-6);
    QCOMPARE_LT(qAbs(*stats.total.energyWh - 620 * 21577.5 / 3600.0), 1e-6);
    // A '+' in PromQL must reach the server as '+', not as a space.
    const LoadedLog plus = load(spec(u"DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"} + 1"_s, u"W"_s));
    QVERIFY2(plus.ok(), qPrintable(plus.error));
    QCOMPARE(plus.trace.value(0, 0), 101.0f); // node1 GPU 0 at sample 0: 100 W + 1
}

void TestPrometheus::nanAndInfAreIssues()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const LoadedLog log = load(spec(u"test_power_watts"_s, u"W"_s));
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.issueCount, 2);
    QVERIFY2(log.issues[0].message.contains("2 values were NaN or infinite"_L1), qPrintable(log.issues[0].message));
    QVERIFY2(log.issues[1].message.contains("1 negative power values"_L1), qPrintable(log.issues[1].message));
    for (qsizetype i : {10, 20, 30})
        QVERIFY(isMissing(log.trace.value(0, i)));
    // 959 intervals minus the six touching samples 10, 20 and 30, each 10 W * 15 s: 953 * 150 J.
    const TraceStats stats = analyzeTrace(log.trace);
    QCOMPARE_LT(qAbs(*stats.total.energyWh - 953 * 150.0 / 3600.0), 1e-9);
}

void TestPrometheus::counterGapKeepsEnergy()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const LoadedLog log = load(spec(u"test_energy_joules_total"_s, u"J"_s));
    QVERIFY2(log.ok(), qPrintable(log.error));
    // Grid points 200..219 still see sample 199 (5 min lookback), 220..239 see nothing, 240 sees
    // the counter 41 samples on: that increase is spread over the 21 windows 219..239.
    QCOMPARE(log.issueCount, 1);
    QVERIFY2(log.issues[0].message.contains("1 gaps without samples (300 s in all)"_L1), qPrintable(log.issues[0].message));
    QCOMPARE(log.trace.value(0, 198), 10.0f);              // window [t198, t199)
    QCOMPARE(log.trace.value(0, 199), 0.0f);               // the stale value repeats: no increase
    QCOMPARE(log.trace.value(0, 218), 0.0f);
    QCOMPARE(log.trace.value(0, 225), float(41 * 150.0 / (21 * 15))); // 6150 J over 315 s
    // Nothing is lost: 10 W over 14385 s = 143850 J.
    QCOMPARE_LT(qAbs(*analyzeTrace(log.trace).total.energyWh - 143850.0 / 3600.0), 1e-6);
}

void TestPrometheus::stepSplitting()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const LoadedLog single = load(spec(u"dcgm"_s));
    QVERIFY2(single.ok(), qPrintable(single.error));
    // 960 points at 100 per request: ten requests, the very same trace.
    const LoadedLog tenRequests = load(spec(u"dcgm"_s), 100);
    QVERIFY2(tenRequests.ok(), qPrintable(tenRequests.error));
    QCOMPARE(tenRequests.metadata.value(u"requests"_s), u"10"_s);
    QCOMPARE(tenRequests.trace.size(), single.trace.size());
    for (int c = 0; c < single.trace.channelCount(); ++c) {
        const auto a = single.trace.values(c);
        const auto b = tenRequests.trace.values(c);
        QVERIFY(std::equal(a.begin(), a.end(), b.begin(), b.end()));
    }
    // A 1 s step asks 14386 points per series, over Prometheus' 11,000: two requests. The counter
    // telescopes, so the energy is the same 620 Pa Wh as at 15 s.
    PrometheusInputSpec fine = spec(u"dcgm"_s);
    fine.step = u"1s"_s;
    const LoadedLog oneSecond = load(fine);
    QVERIFY2(oneSecond.ok(), qPrintable(oneSecond.error));
    QCOMPARE(oneSecond.metadata.value(u"requests"_s), u"2"_s);
    QCOMPARE(oneSecond.trace.size(), qsizetype(14385));
    QCOMPARE_LT(qAbs(*analyzeTrace(oneSecond.trace).total.energyWh - 620 * 21585.0 / 3600.0), 1e-6);
}

void TestPrometheus::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("url"); // empty = the test server
    QTest::addColumn<QString>("expected");
    const QString refused = u"prom+http://127.0.0.1:%1"_s.arg(freePort());
    QTest::newRow("no-series") << u"no_such_metric"_s << u"W"_s << QString() << u"the query returned no series"_s;
    QTest::newRow("bad-data") << u"sum(DCGM_FI_DEV_POWER_USAGE"_s << u"W"_s << QString() << u"(bad_data)"_s;
    QTest::newRow("execution") << u"DCGM_FI_DEV_POWER_USAGE * on(Hostname) DCGM_FI_DEV_POWER_USAGE"_s << u"W"_s << QString() << u"(execution)"_s;
    QTest::newRow("string-expression") << u"\"text\""_s << u"W"_s << QString() << u"(bad_data)"_s;
    QTest::newRow("refused") << u"dcgm"_s << QString() << refused << u"connection refused"_s;
    QTest::newRow("wrong-prefix") << u"dcgm"_s << QString() << u"/nope"_s << u"HTTP 404"_s;
    QTest::newRow("expression-without-unit") << u"up"_s << QString() << QString() << u"needs --unit"_s;
    QTest::newRow("bad-unit") << u"up"_s << u"kWh"_s << QString() << u"unknown unit"_s;
    QTest::newRow("no-scheme") << u"dcgm"_s << QString() << u"http://127.0.0.1:9"_s << u"prom+http://"_s;
    QTest::newRow("password-in-url") << u"dcgm"_s << QString() << u"prom+http://u:secret@127.0.0.1:9"_s << u"--basic-password-file"_s;
}

void TestPrometheus::errors()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QFETCH(QString, query);
    QFETCH(QString, unit);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    PrometheusInputSpec s = spec(query, unit);
    if (url.startsWith(u'/'))
        s.url += url;
    else if (!url.isEmpty())
        s.url = url;
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(expected), qPrintable(log.error));
    QVERIFY2(!log.error.contains("secret"_L1), qPrintable(log.error));
}

void TestPrometheus::bearerAuth_data()
{
    QTest::addColumn<QString>("token"); // empty = none
    QTest::addColumn<QString>("expected"); // empty = success
    QTest::newRow("no-token") << QString() << u"no credentials were given"_s;
    QTest::newRow("wrong-token") << u"wrong-token-4711"_s << u"credentials given were refused"_s;
    QTest::newRow("right-token") << u"s3cret-token-0815"_s << QString();
}

void TestPrometheus::bearerAuth()
{
    if (!m_available)
        QSKIP("no Prometheus");
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    QVERIFY2(!python.isEmpty(), "python3 is needed for the bearer-token proxy (scripts/dev installs it)");
    QFETCH(QString, token);
    QFETCH(QString, expected);
    const int port = freePort();
    QProcess proxy;
    proxy.start(python, {prometheusDir() + u"/bearer_proxy.py"_s, QString::number(port), m_main.url(), u"s3cret-token-0815"_s});
    QVERIFY(proxy.waitForStarted());
    const auto proxyUp = [port] {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, quint16(port));
        return probe.waitForConnected(100);
    };
    QTRY_VERIFY_WITH_TIMEOUT(proxyUp(), 10000);

    PrometheusInputSpec s = spec(u"dcgm"_s);
    s.url = u"prom+http://127.0.0.1:%1"_s.arg(port);
    if (!token.isEmpty()) {
        s.bearerTokenFile = m_dir.filePath(u"token"_s);
        QFile file(s.bearerTokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(token.toUtf8() + '\n'); // editors add a newline; it is not part of the token
    }
    const LoadedLog log = load(s);
    proxy.kill();
    proxy.waitForFinished();
    if (expected.isEmpty()) {
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE_LT(qAbs(*analyzeTrace(log.trace).total.energyWh - 620 * 21585.0 / 3600.0), 1e-6);
        return;
    }
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains("HTTP 401"_L1) && log.error.contains(expected), qPrintable(log.error));
    QVERIFY2(!log.error.contains("4711"_L1) && !log.error.contains("0815"_L1), qPrintable(log.error));
}

void TestPrometheus::basicAuth_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QString() << QString() << u"HTTP 401 (Unauthorized): no credentials"_s;
    QTest::newRow("wrong-password") << u"dash"_s << u"not-it-9999"_s << u"HTTP 401 (Unauthorized): the credentials given were refused"_s;
    QTest::newRow("right") << u"dash"_s << u"nightwatt-pw"_s << QString();
}

void TestPrometheus::basicAuth()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, expected);
    static testing::PrometheusServer server; // one server for every row
    if (server.port() == 0) {
        // bcrypt of "nightwatt-pw" (Python crypt, METHOD_BLOWFISH, cost 10).
        const QString config = m_dir.filePath(u"basic-web.yml"_s);
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("basic_auth_users:\n  dash: $2b$10$Fm/1ODDMhSy.F.OAAmF0luT6R.kTjf08HtYbTvzMpLgAdYgTJKuXS\n");
        file.close();
        QVERIFY(startServer(server, u"basic"_s, {u"--web.config.file="_s + config}));
    }
    PrometheusInputSpec s = spec(u"scaphandre"_s);
    s.url = u"prom+http://127.0.0.1:%1"_s.arg(server.port());
    s.basicUser = user;
    if (!password.isEmpty()) {
        s.basicPasswordFile = m_dir.filePath(u"password"_s);
        QFile file(s.basicPasswordFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(password.toUtf8());
    }
    const LoadedLog log = load(s);
    if (qstrcmp(QTest::currentDataTag(), "right") == 0)
        server.stop();
    if (expected.isEmpty()) {
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE_LT(qAbs(*analyzeTrace(log.trace).total.energyWh - 2877000.0 / 3600.0), 1e-6);
        return;
    }
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(expected), qPrintable(log.error));
    QVERIFY2(!log.error.contains("9999"_L1), qPrintable(log.error));
}

void TestPrometheus::tlsWithCustomCa_data()
{
    QTest::addColumn<QString>("caFile"); // empty = the system's CAs only
    QTest::addColumn<QString>("expected"); // empty = success
    QTest::newRow("system-cas-only") << QString() << u"(for a private CA give it with --cacert)"_s;
    QTest::newRow("not-a-certificate") << u"/dev/null"_s << u"/dev/null: no PEM certificate could be read (--cacert)"_s;
    QTest::newRow("custom-ca") << prometheusDir() + u"/tls-test-cert.pem"_s << QString();
}

void TestPrometheus::tlsWithCustomCa()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QFETCH(QString, caFile);
    QFETCH(QString, expected);
    static testing::PrometheusServer server; // one https server for every row
    if (server.port() == 0) {
        const QString config = m_dir.filePath(u"tls-web.yml"_s);
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("tls_server_config:\n  cert_file: %1/tls-test-cert.pem\n  key_file: %1/tls-test-key.pem\n")
                       .arg(prometheusDir()).toUtf8());
        file.close();
        QVERIFY(startServer(server, u"tls"_s, {u"--web.config.file="_s + config}));
    }
    PrometheusInputSpec s = spec(u"scaphandre"_s);
    s.url = u"prom+https://127.0.0.1:%1"_s.arg(server.port());
    s.caFile = caFile;
    const LoadedLog log = load(s);
    if (qstrcmp(QTest::currentDataTag(), "custom-ca") == 0)
        server.stop();
    if (expected.isEmpty()) {
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE_LT(qAbs(*analyzeTrace(log.trace).total.energyWh - 2877000.0 / 3600.0), 1e-6);
        return;
    }
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(expected), qPrintable(log.error));
}

void TestPrometheus::serverDiesBetweenRequests()
{
    if (!m_available)
        QSKIP("no Prometheus");
    testing::PrometheusServer server;
    QVERIFY(startServer(server, u"dying"_s));
    PrometheusInputSpec s = spec(u"dcgm"_s);
    s.url = u"prom+http://127.0.0.1:%1"_s.arg(server.port());
    QString error;
    auto request = resolvePrometheusInput(s, QDateTime::currentDateTimeUtc(), &error);
    QVERIFY(request);
    request->maxPointsPerRequest = 100; // ten requests
    PrometheusRangeImport import;
    QSignalSpy finished(&import, &PrometheusRangeImport::finished);
    connect(&import, &PrometheusRangeImport::progress, this, [&server](int done, int total) {
        QCOMPARE(total, 10);
        if (done == 1)
            server.kill();
    });
    import.start(*request);
    QVERIFY(finished.wait(20000));
    const LoadedLog log = import.takeResult();
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains("(after 1 of 10 requests)"_L1), qPrintable(log.error));
    QVERIFY2(log.error.contains("connection refused"_L1) || log.error.contains("closed the connection"_L1), qPrintable(log.error));
}

void TestPrometheus::abortStopsTheImport()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QString error;
    auto request = resolvePrometheusInput(spec(u"dcgm"_s), QDateTime::currentDateTimeUtc(), &error);
    QVERIFY(request);
    request->maxPointsPerRequest = 100;
    PrometheusRangeImport import;
    QSignalSpy finished(&import, &PrometheusRangeImport::finished);
    QSignalSpy progress(&import, &PrometheusRangeImport::progress);
    connect(&import, &PrometheusRangeImport::progress, &import, [&import](int done) {
        if (done == 2)
            import.abort();
    });
    import.start(*request);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!import.isRunning());
    QVERIFY(import.result().cancelled);
    QCOMPARE(progress.size(), 2); // no request after the abort
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
}

void TestPrometheus::livePollerCounter()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QString error;
    const auto request = resolvePrometheusInput(spec(u"dcgm"_s), QDateTime::currentDateTimeUtc(), &error);
    QVERIFY(request);
    PrometheusPoller poller(request->connection, request->query);
    // Each poll sees the data 15 s later, starting at sample 100.
    int polls = 0;
    poller.setClock([&polls] { return QDateTime::fromSecsSinceEpoch(testing::kStart + (100 + polls++) * testing::kStepS, Qt::UTC); });
    poller.setIntervalMs(20);
    QSignalSpy samples(&poller, &PrometheusPoller::samplesReady);
    poller.start();
    QVERIFY(samples.wait(10000)); // the first poll only primes the counters
    poller.stop();
    const auto live = samples.first().first().value<PrometheusLiveSamples>();
    QCOMPARE(live.windowS, 15.0);
    QCOMPARE(live.channels.size(), 4);
    QCOMPARE(live.channels[0].id, u"node1_gpu0"_s);
    // Sample 101's counter step is P * 15 s: P = Pa (first half) for every GPU.
    QCOMPARE(live.valuesW, QList<float>({100.0f, 110.0f, 200.0f, 210.0f}));
}

void TestPrometheus::livePollerGauge()
{
    if (!m_available)
        QSKIP("no Prometheus");
    QString error;
    const auto request = resolvePrometheusInput(spec(u"dcgm-power"_s), QDateTime::currentDateTimeUtc(), &error);
    QVERIFY(request);
    PrometheusPoller poller(request->connection, request->query);
    poller.setClock([] { return QDateTime::fromSecsSinceEpoch(testing::kStart + 500 * testing::kStepS, Qt::UTC); });
    QSignalSpy samples(&poller, &PrometheusPoller::samplesReady);
    poller.start();
    QVERIFY(samples.wait(10000));
    poller.stop();
    const auto live = samples.first().first().value<PrometheusLiveSamples>();
    QCOMPARE(live.windowS, 0.0);
    QCOMPARE(live.valuesW, QList<float>({200.0f, 220.0f, 400.0f, 420.0f})); // second half: 2 Pa
}

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
