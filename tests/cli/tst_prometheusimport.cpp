// Prometheus ranges stored in the run library (`import prom+http://...`), compared and exported
// directly, and Prometheus as a capture source, against a real Prometheus on loopback backfilled
// with tests/prometheus/powerdata.h (the 2023 range) and liveOpenMetrics (around the wall clock).

#include "../prometheus/powerdata.h"
#include "../prometheus/prometheusharness.h"

#include <QDateTime>
#include "nightwattrun.h"

#include <QFile>
#include <QSize>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtEndian>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const NightwattRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Width and height from a PNG's IHDR chunk (this test links no QtGui); 0x0 if not a PNG.
QSize pngSize(const QString &path)
{
    const QByteArray bytes = readAll(path);
    if (bytes.size() < 24 || !bytes.startsWith("\x89PNG\r\n\x1a\n") || bytes.mid(12, 4) != "IHDR")
        return {};
    return {int(qFromBigEndian<quint32>(bytes.constData() + 16)), int(qFromBigEndian<quint32>(bytes.constData() + 20))};
}

const QString kSkip = u"prometheus/promtool are not installed (Debian: apt-get install prometheus)"_s;

// The data's DCGM totals over the whole 2023 range (powerdata.h): 479 windows of 15 s at
// Pa (620 W over the four GPUs) and 480 at 2 Pa: 620 * (479 + 2 * 480) * 15 J = 620 * 21585 J.
constexpr double kDcgmWh = 620.0 * 21585.0 / 3600.0; // 3717.4167 Wh

} // namespace

class TestPrometheusImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void importListsTheRun_data();
    void importListsTheRun();
    void storedRunSummaryEqualsDirect_data();
    void storedRunSummaryEqualsDirect();
    void storesNoCredentials();
    void importFailuresStoreNothing_data();
    void importFailuresStoreNothing();
    void compareTwoRanges();
    void exportDirectAndStored(); // and compare run:ID with the same range read directly
    void captureGauge();
    void captureCounter();
    void captureErrors_data();
    void captureErrors();

private:
    QString url() const { return u"prom+http://127.0.0.1:%1"_s.arg(m_server.port()); }
    QStringList range(const QString &command, const QString &query) const;
    QString newLibrary();

    QTemporaryDir m_dir;
    testing::PrometheusServer m_server;
    testing::PrometheusServer m_basic;
    int m_libraries = 0;
    bool m_available = false;
};

void TestPrometheusImport::initTestCase()
{
    if (!testing::prometheusInstalled())
        return; // every test skips on its own
    QVERIFY(m_dir.isValid());
    const QString blocks = m_dir.filePath(u"blocks"_s);
    QString error;
    // Both data sets in one TSDB: the 2023 range and the live data never overlap in time.
    QVERIFY2(testing::backfill(testing::powerOpenMetrics(), m_dir.path(), blocks, &error), qPrintable(error));
    QVERIFY2(testing::backfill(testing::liveOpenMetrics(QDateTime::currentSecsSinceEpoch()), m_dir.path(), blocks, &error),
             qPrintable(error));
    const QString basicBlocks = m_dir.filePath(u"basic"_s);
    QVERIFY(testing::copyTree(blocks, basicBlocks));
    QVERIFY2(m_server.start(blocks, {}, &error), qPrintable(error));
    // bcrypt of "nightwatt-pw" (Python crypt, METHOD_BLOWFISH, cost 10), as in tst_prometheus.
    const QString webConfig = m_dir.filePath(u"basic-web.yml"_s);
    QFile file(webConfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("basic_auth_users:\n  dash: $2b$10$Fm/1ODDMhSy.F.OAAmF0luT6R.kTjf08HtYbTvzMpLgAdYgTJKuXS\n");
    file.close();
    QVERIFY2(m_basic.start(basicBlocks, {u"--web.config.file="_s + webConfig}, &error), qPrintable(error));
    m_available = true;
}

void TestPrometheusImport::cleanupTestCase()
{
    m_server.stop();
    m_basic.stop();
}

QStringList TestPrometheusImport::range(const QString &command, const QString &query) const
{
    return {command, url(), u"--query"_s, query, u"--from"_s, QString::number(testing::kStart), u"--to"_s, QString::number(testing::kEnd)};
}

QString TestPrometheusImport::newLibrary()
{
    return m_dir.filePath(u"library-%1.sqlite"_s.arg(++m_libraries));
}

void TestPrometheusImport::importListsTheRun_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("energyWh");
    QTest::addColumn<QString>("energyFrom");
    // The counter: 959 windows between 960 grid points, kDcgmWh.
    QTest::newRow("dcgm-counter") << u"dcgm"_s << 959 << kDcgmWh << u"energy counter"_s;
    // The gauge: 960 points, trapezoid. 479 intervals at 620 W, one from 620 to 1240 W (930 W
    // mean), 479 at 1240 W: 15 s * (479 * 620 + 930 + 479 * 1240) = 13378050 J = 3716.125 Wh.
    QTest::newRow("dcgm-power-gauge") << u"dcgm-power"_s << 960 << 3716.125 << u"power gauge"_s;
}

void TestPrometheusImport::importListsTheRun()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    QFETCH(QString, query);
    QFETCH(int, samples);
    QFETCH(double, energyWh);
    QFETCH(QString, energyFrom);
    const QString library = newLibrary();
    const NightwattRun imported = runNightwatt(range(u"import"_s, query) << u"--library"_s << library);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QCOMPARE(imported.out.trimmed(), QByteArray("run:1"));

    const NightwattRun listed = runNightwatt({u"runs"_s, u"--json"_s, u"--library"_s, library});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    const QJsonArray runs = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value("id"_L1).toInt(), 1);
    QCOMPARE(run.value("kind"_L1).toString(), u"imported"_s);
    QCOMPARE(run.value("format"_L1).toString(), u"prometheus"_s);
    QCOMPARE(run.value("source_path"_L1).toString(), url());
    QCOMPARE(run.value("samples"_L1).toInt(), samples);
    QCOMPARE(run.value("duration_s"_L1).toDouble(), 14385.0); // 959 * 15 s
    QCOMPARE_LT(qAbs(run.value("energy_wh"_L1).toDouble() - energyWh), 1e-6);
    QVERIFY2(run.value("name"_L1).toString().startsWith(u"Prometheus %1 127.0.0.1:%2 2023-11-14T20:00:15Z to 2023-11-15T00:00:00Z"_s
                                                            .arg(query).arg(m_server.port())),
             qPrintable(run.value("name"_L1).toString()));

    // How the energy was worked out is kept with the run.
    const NightwattRun summary = runNightwatt({u"summary"_s, u"run:1"_s, u"--json"_s, u"--library"_s, library});
    QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
    const QJsonObject metadata = json(summary).value("input"_L1).toObject().value("metadata"_L1).toObject();
    QVERIFY2(metadata.value("energy_from"_L1).toString().startsWith(energyFrom), qPrintable(metadata.value("energy_from"_L1).toString()));
    QCOMPARE(metadata.value("preset"_L1).toString(), query);
    // Per host totals and the four GPUs, named from the Hostname and gpu labels.
    const QJsonObject channels = json(summary).value("channels"_L1).toObject();
    for (const char *id : {"node1_gpu0", "node1_gpu1", "node2_gpu0", "node2_gpu1", "host_node1", "host_node2"})
        QVERIFY2(channels.contains(QLatin1String(id)), id);
}

void TestPrometheusImport::storedRunSummaryEqualsDirect_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("dcgm") << u"dcgm"_s << QStringList{};
    QTest::newRow("rapl-1m") << u"rapl"_s << QStringList{u"--step"_s, u"1m"_s};
    QTest::newRow("nan-gauge-with-issues") << u"test_power_watts"_s << QStringList{u"--unit"_s, u"W"_s};
}

void TestPrometheusImport::storedRunSummaryEqualsDirect()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    QFETCH(QString, query);
    QFETCH(QStringList, extra);
    const QString library = newLibrary();
    const NightwattRun direct = runNightwatt(range(u"summary"_s, query) + extra << u"--json"_s);
    QVERIFY2(direct.exitCode == 0, qPrintable(direct.err));
    const NightwattRun imported = runNightwatt(range(u"import"_s, query) + extra << u"--library"_s << library);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const NightwattRun stored = runNightwatt({u"summary"_s, u"run:1"_s, u"--json"_s, u"--library"_s, library});
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));

    // Everything but the input's name is the same: figures, channels, issues, metadata.
    QJsonObject a = json(direct);
    QJsonObject b = json(stored);
    QJsonObject inputA = a.value("input"_L1).toObject();
    QJsonObject inputB = b.value("input"_L1).toObject();
    QCOMPARE(inputA.value("path"_L1).toString(), u"http://127.0.0.1:%1"_s.arg(m_server.port()));
    QCOMPARE(inputB.value("path"_L1).toString(), u"run:1"_s);
    inputA.remove("path"_L1);
    inputB.remove("path"_L1);
    a.insert("input"_L1, inputA);
    b.insert("input"_L1, inputB);
    if (a != b) {
        qWarning("direct: %s", QJsonDocument(a).toJson().constData());
        qWarning("stored: %s", QJsonDocument(b).toJson().constData());
    }
    QVERIFY(a == b);
}

void TestPrometheusImport::storesNoCredentials()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    // The unauthenticated server ignores credentials, so the import succeeds with all of them.
    const QString library = newLibrary();
    const QString tokenFile = m_dir.filePath(u"token"_s);
    QFile token(tokenFile);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("tok-5ecret-value-1234\n");
    token.close();
    QStringList arguments = range(u"import"_s, u"scaphandre"_s);
    arguments[1] = u"prom+http://dash-user@127.0.0.1:%1"_s.arg(m_server.port());
    arguments << u"--bearer-token-file"_s << tokenFile << u"--header"_s << u"X-Scope-OrgID=tenant-5ecret-value"_s
              << u"--library"_s << library;
    const NightwattRun imported = runNightwatt(arguments);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));

    const NightwattRun listed = runNightwatt({u"runs"_s, u"--json"_s, u"--library"_s, library});
    const QJsonObject run = QJsonDocument::fromJson(listed.out).array().at(0).toObject();
    QCOMPARE(run.value("source_path"_L1).toString(), url()); // no "dash-user@"
    // Scaphandre 200 W for 959 windows of 15 s: 2877000 J.
    QCOMPARE_LT(qAbs(run.value("energy_wh"_L1).toDouble() - 2877000.0 / 3600.0), 1e-6);
    // Nowhere in the library file (nor its journal) is there a secret or the user.
    QByteArray bytes = readAll(library);
    bytes += readAll(library + u"-wal"_s);
    QVERIFY(bytes.size() > 0);
    QVERIFY(!bytes.contains("5ecret"));
    QVERIFY(!bytes.contains("dash-user"));

    // A password in the address is refused before anything is sent or stored.
    arguments[1] = u"prom+http://dash:pw-5ecret@127.0.0.1:%1"_s.arg(m_server.port());
    const NightwattRun refused = runNightwatt(arguments);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("a password in the address"_L1), qPrintable(refused.err));
    QVERIFY(!refused.err.contains("5ecret"_L1));
}

void TestPrometheusImport::importFailuresStoreNothing_data()
{
    QTest::addColumn<QString>("server"); // main, basic, or closed
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-credentials") << u"basic"_s << QStringList{} << 2 << u"HTTP 401 (Unauthorized): no credentials were given"_s;
    QTest::newRow("wrong-password") << u"basic"_s << QStringList{u"--basic-user"_s, u"dash"_s, u"--basic-password-file"_s, u"PASSWORD"_s}
                                    << 2 << u"HTTP 401 (Unauthorized): the credentials given were refused"_s;
    QTest::newRow("unreachable") << u"closed"_s << QStringList{} << 2 << u"connection refused"_s;
    QTest::newRow("bad-promql") << u"main"_s << QStringList{u"--query"_s, u"sum("_s, u"--unit"_s, u"W"_s} << 2
                                << u"Prometheus rejected the query (bad_data)"_s;
    QTest::newRow("empty-result") << u"main"_s << QStringList{u"--query"_s, u"no_such_metric"_s, u"--unit"_s, u"W"_s} << 2
                                  << u"the query returned no series"_s;
    QTest::newRow("timeout") << u"main"_s << QStringList{u"--query"_s, u"dcgm"_s, u"--timeout"_s, u"0.001"_s} << 2 << u"did not answer within"_s;
    QTest::newRow("bad-time") << u"main"_s << QStringList{u"--to"_s, u"tomorrow"_s} << 1 << u"--to wants RFC 3339"_s;
}

void TestPrometheusImport::importFailuresStoreNothing()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    QFETCH(QString, server);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString library = newLibrary();
    const QString passwordFile = m_dir.filePath(u"wrong-password"_s);
    QFile password(passwordFile);
    QVERIFY(password.open(QIODevice::WriteOnly));
    password.write("wrong-pw-5ecret");
    password.close();
    extra.replaceInStrings(u"PASSWORD"_s, passwordFile);

    int port = m_server.port();
    if (server == "basic"_L1) {
        port = m_basic.port();
    } else if (server == "closed"_L1) {
        QTcpServer probe; // a port nobody listens on once the probe closes
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QStringList arguments = range(u"import"_s, u"dcgm"_s) + extra << u"--library"_s << library;
    arguments[1] = u"prom+http://127.0.0.1:%1"_s.arg(port);
    const NightwattRun run = runNightwatt(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.startsWith("nightwatt: "_L1) && run.err.contains(message), qPrintable(run.err));
    QVERIFY(!run.err.contains("5ecret"_L1));
    QVERIFY(run.out.isEmpty()); // no run id
    const NightwattRun listed = runNightwatt({u"runs"_s, u"--json"_s, u"--library"_s, library});
    QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), 0);
}

void TestPrometheusImport::compareTwoRanges()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    // First half: samples 0..479, 479 windows at Pa (620 W). Second half: samples 480..959,
    // 479 windows at 2 Pa (1240 W; node2 GPU 1's counter reset at 600 is counted from zero).
    // Both last 479 * 15 = 7185 s.
    const qint64 half = testing::kStart + qint64(testing::kHalf) * testing::kStepS;
    const QString first = url() + u",from=%1,to=%2,label=first"_s.arg(testing::kStart).arg(half - testing::kStepS);
    const QString second = url() + u",from=%1,to=%2,label=second"_s.arg(half).arg(testing::kEnd);
    const NightwattRun run = runNightwatt({u"compare"_s, first, second, u"--query"_s, u"dcgm"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject root = json(run);
    const QJsonArray scenarios = root.value("scenarios"_L1).toArray();
    QCOMPARE(scenarios.size(), 2);
    QCOMPARE_LT(qAbs(scenarios.at(0).toObject().value("scenario"_L1).toObject().value("mean_power_w"_L1).toDouble() - 620.0), 1e-6);
    QCOMPARE_LT(qAbs(scenarios.at(1).toObject().value("scenario"_L1).toObject().value("mean_power_w"_L1).toDouble() - 1240.0), 1e-6);
    const QJsonObject delta = root.value("deltas"_L1).toArray().at(0).toObject();
    QCOMPARE(delta.value("label"_L1).toString(), u"second"_s);
    const QJsonObject power = delta.value("scenario"_L1).toObject().value("mean_power_w"_L1).toObject();
    QCOMPARE_LT(qAbs(power.value("absolute"_L1).toDouble() - 620.0), 1e-6);
    QCOMPARE_LT(qAbs(power.value("percent"_L1).toDouble() - 100.0), 1e-6);
    // Energy per run: 620 W more for 7185 s = 1237.4167 Wh more.
    const QJsonObject energy = delta.value("scenario"_L1).toObject().value("wh_per_run"_L1).toObject();
    QCOMPARE_LT(qAbs(energy.value("absolute"_L1).toDouble() - 620.0 * 7185.0 / 3600.0), 1e-3);

    // A per-scenario setting that is neither Prometheus' nor a scenario's is still an error.
    const NightwattRun bad = runNightwatt({u"compare"_s, first, url() + u",colour=red"_s, u"--query"_s, u"dcgm"_s});
    QCOMPARE(bad.exitCode, 1);
}

void TestPrometheusImport::exportDirectAndStored()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    const QString png = m_dir.filePath(u"direct.png"_s);
    const NightwattRun direct = runNightwatt(range(u"export"_s, u"dcgm"_s) << u"--png"_s << png << u"--view"_s << u"chart"_s);
    QVERIFY2(direct.exitCode == 0, qPrintable(direct.err));
    QCOMPARE(pngSize(png), QSize(1200, 600));

    const QString library = newLibrary();
    QCOMPARE(runNightwatt(range(u"import"_s, u"dcgm"_s) << u"--library"_s << library).exitCode, 0);
    const QString stored = m_dir.filePath(u"stored.png"_s);
    const NightwattRun fromRun = runNightwatt({u"export"_s, u"run:1"_s, u"--png"_s, stored, u"--view"_s, u"chart"_s}, environmentWithLibrary(library));
    QVERIFY2(fromRun.exitCode == 0, qPrintable(fromRun.err));
    QCOMPARE(pngSize(stored), QSize(1200, 600));

    // The stored run against the same range read directly: the same figures, no change.
    const NightwattRun compared = runNightwatt({u"compare"_s, u"run:1"_s, url(), u"--query"_s, u"dcgm"_s, u"--from"_s, QString::number(testing::kStart),
                                    u"--to"_s, QString::number(testing::kEnd), u"--library"_s, library, u"--json"_s});
    QVERIFY2(compared.exitCode == 0, qPrintable(compared.err));
    const QJsonObject root = json(compared);
    QCOMPARE_LT(qAbs(root.value("scenarios"_L1).toArray().at(0).toObject().value("total"_L1).toObject().value("energy_wh"_L1).toDouble() - kDcgmWh), 1e-6);
    const QJsonObject delta = root.value("deltas"_L1).toArray().at(0).toObject().value("scenario"_L1).toObject();
    QCOMPARE(delta.value("wh_per_run"_L1).toObject().value("absolute"_L1).toDouble(), 0.0);
    QCOMPARE(delta.value("mean_power_w"_L1).toObject().value("absolute"_L1).toDouble(), 0.0);

    const NightwattRun failed = runNightwatt(range(u"export"_s, u"no_such_metric"_s) << u"--unit"_s << u"W"_s << u"--png"_s << png);
    QCOMPARE(failed.exitCode, 2);
    QVERIFY2(failed.err.contains("the query returned no series"_L1), qPrintable(failed.err));
}

void TestPrometheusImport::captureGauge()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    const QString out = m_dir.filePath(u"gauge-capture.log"_s);
    const NightwattRun run = runNightwatt({u"capture"_s, u"--source"_s, url(), u"--query"_s, u"dcgm-power"_s, u"--interval-ms"_s, u"200"_s,
                               u"--duration"_s, u"2"_s, u"-o"_s, out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("Prometheus http://127.0.0.1:"_L1), qPrintable(run.err));

    // The file reads back as a nightwatt-capture log with the data's powers, exactly.
    const NightwattRun summary = runNightwatt({u"summary"_s, out, u"--json"_s});
    QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
    const QJsonObject root = json(summary);
    const QJsonObject input = root.value("input"_L1).toObject();
    QCOMPARE(input.value("format"_L1).toString(), u"nightwatt-capture"_s);
    // About 2 s / 200 ms = 10 polls; a loaded machine may manage fewer.
    QVERIFY2(input.value("samples"_L1).toInt() >= 4, qPrintable(QString::number(input.value("samples"_L1).toInt())));
    QCOMPARE(input.value("metadata"_L1).toObject().value("source"_L1).toString(), u"prometheus"_s);
    QVERIFY(input.value("metadata"_L1).toObject().value("energy_from"_L1).toString().startsWith("power gauge"_L1));
    const QJsonObject channels = root.value("channels"_L1).toObject();
    // node1 100 + 110 W, node2 200 + 210 W (powerdata.h before kHalf).
    const QList<std::pair<const char *, double>> expected = {{"node1_gpu0", 100}, {"node1_gpu1", 110}, {"node2_gpu0", 200},
                                                             {"node2_gpu1", 210}, {"host_node1", 210}, {"host_node2", 410}};
    for (const auto &[id, watts] : expected) {
        const double mean = channels.value(QLatin1String(id)).toObject().value("mean_w"_L1).toDouble();
        QVERIFY2(qAbs(mean - watts) < 1e-3, qPrintable(u"%1: %2 W"_s.arg(QLatin1String(id)).arg(mean)));
    }
    QCOMPARE_LT(qAbs(root.value("total"_L1).toObject().value("mean_w"_L1).toDouble() - 620.0), 1e-3);
}

void TestPrometheusImport::captureCounter()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    const QString out = m_dir.filePath(u"counter-capture.log"_s);
    const NightwattRun run = runNightwatt({u"capture"_s, u"--source"_s, url(), u"--query"_s, u"dcgm"_s, u"--interval-ms"_s, u"300"_s,
                               u"--duration"_s, u"3"_s, u"-o"_s, out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const NightwattRun summary = runNightwatt({u"summary"_s, out, u"--json"_s});
    QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
    const QJsonObject root = json(summary);
    QVERIFY(root.value("input"_L1).toObject().value("samples"_L1).toInt() >= 4);
    QVERIFY(root.value("input"_L1).toObject().value("metadata"_L1).toObject().value("energy_from"_L1).toString().startsWith("energy counter"_L1));
    // The counters grow every 0.1 s, so an increase between polls is off by at most 0.1 s of
    // power at each end: over about 3 s the mean is within a few percent of 620 W.
    const double mean = root.value("total"_L1).toObject().value("mean_w"_L1).toDouble();
    QVERIFY2(qAbs(mean - 620.0) < 0.1 * 620.0, qPrintable(QString::number(mean)));
}

void TestPrometheusImport::captureErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-credentials") << QStringList{u"--source"_s, u"BASIC"_s, u"--query"_s, u"dcgm"_s} << 3 << u"HTTP 401 (Unauthorized)"_s;
    QTest::newRow("empty-result") << QStringList{u"--source"_s, u"MAIN"_s, u"--query"_s, u"nothing_here"_s, u"--unit"_s, u"W"_s} << 3
                                  << u"the query returned no series"_s;
    QTest::newRow("bad-promql") << QStringList{u"--source"_s, u"MAIN"_s, u"--query"_s, u"sum("_s, u"--unit"_s, u"W"_s} << 3 << u"bad_data"_s;
    QTest::newRow("no-query") << QStringList{u"--source"_s, u"MAIN"_s} << 1 << u"no query"_s;
    QTest::newRow("query-without-prometheus") << QStringList{u"--source"_s, u"rapl"_s, u"--query"_s, u"dcgm"_s} << 1
                                              << u"need --source prom+http://"_s;
}

void TestPrometheusImport::captureErrors()
{
    if (!m_available)
        QSKIP(qPrintable(kSkip));
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    arguments.replaceInStrings(u"BASIC"_s, u"prom+http://127.0.0.1:%1"_s.arg(m_basic.port()));
    arguments.replaceInStrings(u"MAIN"_s, url());
    const NightwattRun run = runNightwatt(QStringList{u"capture"_s} + arguments << u"--interval-ms"_s << u"100"_s << u"--duration"_s << u"5"_s);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestPrometheusImport)
#include "tst_prometheusimport.moc"
