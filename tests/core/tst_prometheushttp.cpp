// The Prometheus client without a Prometheus: range planning, time parsing, and how it reads
// HTTP answers a real server (or a proxy in front of it) gives, from a scripted server.

#include "prometheus/prometheusinput.h"
#include "prometheus/prometheuspoller.h"
#include "prometheus/prometheusrangeplan.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <cmath>

using namespace nightwatt;
using namespace Qt::StringLiterals;

namespace {

// A server that accepts and then does what the test says: answer a canned body, cut the answer
// off, or never answer. It records the request so its shape can be checked.
class FakeServer : public QObject
{
public:
    enum class Mode { Answer, CutOff, Silent };

    explicit FakeServer(Mode mode, QByteArray body = {}, QByteArray status = "200 OK", QByteArray type = "application/json",
                        const QHostAddress &address = QHostAddress::LocalHost)
        : m_mode(mode), m_body(std::move(body)), m_status(std::move(status)), m_type(std::move(type))
    {
        m_server.listen(address, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
    }
    QString url() const { return QStringLiteral("prom+http://%1:%2").arg(m_server.serverAddress().toString()).arg(m_server.serverPort()); }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray request() const { return m_request; }
    void setExtraHeaders(const QByteArray &headers) { m_extraHeaders = headers; }

private:
    void onData(QTcpSocket *socket)
    {
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n"))
            return;
        if (m_mode == Mode::Silent)
            return;
        const QByteArray body = m_mode == Mode::Answer ? m_body : QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[)");
        const qsizetype promised = m_mode == Mode::Answer ? body.size() : 5000;
        socket->write("HTTP/1.1 " + m_status + "\r\nContent-Type: " + m_type + "\r\nContent-Length: " + QByteArray::number(promised)
                      + "\r\n" + m_extraHeaders + "\r\n" + body);
        socket->flush();
        if (m_mode == Mode::CutOff)
            socket->disconnectFromHost();
    }

    Mode m_mode;
    QByteArray m_body;
    QByteArray m_status;
    QByteArray m_type;
    QByteArray m_extraHeaders;
    QTcpServer m_server;
    QByteArray m_request;
};

// A server that answers at once, but sends its body one byte at a time every `everyMs`.
class DrippingServer : public QObject
{
public:
    DrippingServer(QByteArray body, int everyMs) : m_body(std::move(body))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        m_timer.setInterval(everyMs);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            QObject::connect(m_socket, &QTcpSocket::readyRead, this, [this] {
                m_request += m_socket->readAll();
                if (!m_request.contains("\r\n\r\n") || m_timer.isActive())
                    return;
                m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + QByteArray::number(m_body.size()) + "\r\n\r\n");
                m_timer.start();
            });
        });
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            if (!m_socket || m_sent >= m_body.size()) {
                m_timer.stop();
                return;
            }
            m_socket->write(m_body.mid(m_sent++, 1));
        });
    }
    QString url() const { return QStringLiteral("prom+http://127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    QByteArray m_body;
    QTcpServer m_server;
    QTimer m_timer;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_request;
    qsizetype m_sent = 0;
};

// A Prometheus whose DCGM exporter is scraped every `scrapeMs`, for a GPU that draws `watts`
// all the time: its energy counter (mJ) moves only at the scrapes. It answers instant queries as
// Prometheus does: a bare selector gives the newest sample stamped with the time asked; a range
// selector (metric[W]) gives the samples within W with the times they were scraped.
class ScrapingServer : public QObject
{
public:
    ScrapingServer(qint64 scrapeMs, double watts) : m_scrapeMs(scrapeMs), m_watts(watts)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        });
    }
    QString url() const { return QStringLiteral("prom+http://127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    QByteArray sample(qint64 scrapeAtMs) const
    {
        return '[' + QByteArray::number(double(scrapeAtMs) / 1000.0, 'f', 3) + ",\"" + QByteArray::number(m_watts * double(scrapeAtMs), 'f', 3) + "\"]";
    }

    QByteArray answer(const QUrlQuery &query) const
    {
        const double atS = query.queryItemValue(u"time"_s).toDouble();
        const qint64 lastScrapeMs = qint64(std::floor(atS * 1000.0 / double(m_scrapeMs))) * m_scrapeMs;
        const QByteArray metric = R"({"__name__":"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION","Hostname":"node1","gpu":"0"})";
        static const QRegularExpression range(u"\\[(\\d+)(ms|s)\\]$"_s);
        const QRegularExpressionMatch inRange = range.match(query.queryItemValue(u"query"_s, QUrl::FullyDecoded));
        if (!inRange.hasMatch()) {
            const QByteArray value = "[" + QByteArray::number(atS, 'f', 3) + ",\"" + QByteArray::number(m_watts * double(lastScrapeMs), 'f', 3) + "\"]";
            return R"({"status":"success","data":{"resultType":"vector","result":[{"metric":)" + metric + R"(,"value":)" + value + "}]}}";
        }
        const qint64 windowMs = inRange.captured(1).toLongLong() * (inRange.captured(2) == "s"_L1 ? 1000 : 1);
        QByteArrayList values;
        for (qint64 at = lastScrapeMs; double(at) > atS * 1000.0 - double(windowMs); at -= m_scrapeMs)
            values.prepend(sample(at));
        return R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)" + metric + R"(,"values":[)" + values.join(',') + "]}]}}";
    }

    void onData(QTcpSocket *socket)
    {
        QByteArray &pending = m_pending[socket];
        pending += socket->readAll();
        qsizetype end;
        while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
            const QByteArray target = pending.left(pending.indexOf("\r\n")).split(' ').value(1);
            pending.remove(0, end + 4);
            const QByteArray body = answer(QUrlQuery(QUrl(QString::fromLatin1(target)).query(QUrl::FullyEncoded)));
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
    }

    qint64 m_scrapeMs;
    double m_watts;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

} // namespace

class TestPrometheusHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void planning();
    void timeParsing_data();
    void timeParsing();
    void httpErrors_data();
    void httpErrors();
    void answerCutOff();
    void noAnswerTimesOut();
    void requestShape();
    void crossOriginRedirectIsRefused();
    void echoedCredentialsAreMasked();
    void serverTextIsBoundedAndEscaped();
    void slowDripHitsTheDeadline();
    void seriesThatNameAlikeStayApart();
    void rangeImportSaysSeriesNameAlike();
    void pollingFasterThanScrapesKeepsTheMean();

private:
    void writeSecret(const QString &name, const QByteArray &secret, QString &path);
    PrometheusInputSpec spec(const QString &url) const;
    LoadedLog load(const PrometheusInputSpec &spec);

    QTemporaryDir m_dir;
};

PrometheusInputSpec TestPrometheusHttp::spec(const QString &url) const
{
    PrometheusInputSpec s;
    s.url = url;
    s.query = u"dcgm"_s;
    s.from = u"1699992015"_s;
    s.to = u"1700006400"_s;
    s.step = u"15s"_s;
    return s;
}

LoadedLog TestPrometheusHttp::load(const PrometheusInputSpec &s)
{
    QString error;
    const auto request = resolvePrometheusInput(s, QDateTime::currentDateTimeUtc(), &error);
    if (!request) {
        LoadedLog log;
        log.error = QStringLiteral("resolve: ") + error;
        return log;
    }
    return loadPrometheusRange(*request);
}

void TestPrometheusHttp::planning()
{
    QString error;
    // 7 days: 604800 s / 10999 intervals = 54.99 s -> 55 s, one request of 10997 points.
    auto plan = planPrometheusRange(0, 604800000, 0, kPrometheusMaxPointsPerRequest, &error);
    QVERIFY(plan);
    QCOMPARE(plan->stepMs, 55000);
    QCOMPARE(plan->points, 604800 / 55 + 1);
    QCOMPARE(plan->chunks.size(), 1);
    // 1 h: the automatic step never goes below 15 s: 241 points.
    plan = planPrometheusRange(0, 3600000, 0, kPrometheusMaxPointsPerRequest, &error);
    QCOMPARE(plan->stepMs, 15000);
    QCOMPARE(plan->points, 241);
    // 24 h at 5 s asks 17281 points: 11000 + 6281 in two requests on one grid.
    plan = planPrometheusRange(0, 86400000, 5000, kPrometheusMaxPointsPerRequest, &error);
    QCOMPARE(plan->points, 17281);
    QCOMPARE(plan->chunks.size(), 2);
    QCOMPARE(plan->chunks[1].first, 11000);
    QCOMPARE(plan->chunks[1].count, 6281);
    QVERIFY(!planPrometheusRange(1000, 1000, 0, kPrometheusMaxPointsPerRequest, &error));
    QVERIFY(error.contains("empty"_L1));
    QVERIFY(!planPrometheusRange(0, 10000, 15000, kPrometheusMaxPointsPerRequest, &error));
    QVERIFY(!planPrometheusRange(0, 365LL * 86400000, 1000, kPrometheusMaxPointsPerRequest, &error));
    QVERIFY(error.contains("--step"_L1));
}

void TestPrometheusHttp::timeParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expectedMs"); // -1 = refused
    const qint64 now = 1700006400000;
    QTest::newRow("now") << u"now"_s << now;
    QTest::newRow("minus-1h") << u"-1h"_s << now - 3600000;
    QTest::newRow("now-90m") << u"now-90m"_s << now - 5400000;
    QTest::newRow("minus-1h30m") << u"-1h30m"_s << now - 5400000;
    QTest::newRow("unix") << u"1699992015"_s << qint64(1699992015000);
    QTest::newRow("unix-fraction") << u"1699992015.5"_s << qint64(1699992015500);
    QTest::newRow("rfc3339-z") << u"2023-11-14T20:00:15Z"_s << qint64(1699992015000);
    QTest::newRow("rfc3339-offset") << u"2023-11-14T21:00:15+01:00"_s << qint64(1699992015000);
    QTest::newRow("rfc3339-ms") << u"2023-11-14T20:00:15.250Z"_s << qint64(1699992015250);
    QTest::newRow("no-zone") << u"2023-11-14T20:00:15"_s << qint64(-1);
    QTest::newRow("milliseconds-by-mistake") << u"1700006400000"_s << qint64(-1);
    QTest::newRow("garbage") << u"yesterday"_s << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("bad-unit") << u"-1y"_s << qint64(-1);
}

void TestPrometheusHttp::timeParsing()
{
    QFETCH(QString, text);
    QFETCH(qint64, expectedMs);
    const auto parsed = parsePrometheusTime(text, QDateTime::fromMSecsSinceEpoch(1700006400000, Qt::UTC));
    if (expectedMs < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->toMSecsSinceEpoch(), expectedMs);
}

void TestPrometheusHttp::httpErrors_data()
{
    // Answers Prometheus 2.42 and the proxies in front of it were seen to give on Debian 12.
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("timeout-503") << QByteArray("503 Service Unavailable") << QByteArray("application/json")
                                 << QByteArray(R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})")
                                 << u"the query timed out on the server (timeout): query timed out in expression evaluation; ask for a shorter range or a larger --step"_s;
    QTest::newRow("too-many-samples-422") << QByteArray("422 Unprocessable Entity") << QByteArray("application/json")
                                          << QByteArray(R"({"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"})")
                                          << u"Prometheus rejected the query (execution): query processing would load too many samples"_s;
    QTest::newRow("forbidden-plain-403") << QByteArray("403 Forbidden") << QByteArray("text/plain") << QByteArray("Forbidden\n")
                                         << u"answered HTTP 403 (Forbidden): no credentials were given"_s;
    QTest::newRow("bad-gateway-html-502") << QByteArray("502 Bad Gateway") << QByteArray("text/html")
                                          << QByteArray("<html><body>502 Bad Gateway</body></html>\n") << u"answered HTTP 502: <html>"_s;
    QTest::newRow("not-json-200") << QByteArray("200 OK") << QByteArray("text/html") << QByteArray("<html>login</html>")
                                  << u"is not Prometheus API JSON"_s;
    QTest::newRow("malformed-sample") << QByteArray("200 OK") << QByteArray("application/json")
                                      << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,2]]}]}})")
                                      << u"has a malformed sample"_s;
}

void TestPrometheusHttp::httpErrors()
{
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    FakeServer fake(FakeServer::Mode::Answer, body, status, type);
    PrometheusInputSpec s = spec(fake.url());
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains(expected), qPrintable(log.error));
}

void TestPrometheusHttp::answerCutOff()
{
    FakeServer fake(FakeServer::Mode::CutOff);
    PrometheusInputSpec s = spec(fake.url());
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains("closed the connection before answering"_L1), qPrintable(log.error));
}

void TestPrometheusHttp::noAnswerTimesOut()
{
    FakeServer fake(FakeServer::Mode::Silent);
    PrometheusInputSpec s = spec(fake.url());
    s.timeout = u"300ms"_s;
    QElapsedTimer clock;
    clock.start();
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains("did not answer within 0.3 s"_L1), qPrintable(log.error));
    QCOMPARE_LT(clock.elapsed(), 5000);
}

void TestPrometheusHttp::requestShape()
{
    // An empty matrix: the request still goes out, and its shape is what Mimir/Cortex expect.
    FakeServer fake(FakeServer::Mode::Answer, R"({"status":"success","data":{"resultType":"matrix","result":[]}})");
    PrometheusInputSpec s = spec(fake.url() + u"/api/prom"_s);
    s.headers = {u"X-Scope-OrgID=team-a"_s};
    s.basicUser = u"dash"_s;
    s.basicPasswordFile = m_dir.filePath(u"shape-password"_s);
    QFile file(s.basicPasswordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("pw\n");
    file.close();
    const LoadedLog log = load(s);
    QVERIFY(log.error.contains("the query returned no series"_L1));
    const QByteArray request = fake.request();
    QVERIFY2(request.startsWith("GET /api/prom/api/v1/query_range?query=DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION&start=1699992015.000&end=1700006400.000&step=15.000 "),
             request.constData());
    QVERIFY(request.contains("X-Scope-OrgID: team-a\r\n"));
    QVERIFY(request.contains(QByteArray(QByteArray("Authorization: Basic ") + QByteArray("dash:pw").toBase64() + "\r\n")));
}

void TestPrometheusHttp::writeSecret(const QString &name, const QByteArray &secret, QString &path)
{
    path = m_dir.filePath(name);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(secret + '\n');
}

// The server at 127.0.0.1 sends the client on to 127.0.0.2: that is another origin, so nothing
// goes there, and the error names both addresses.
void TestPrometheusHttp::crossOriginRedirectIsRefused()
{
    FakeServer elsewhere(FakeServer::Mode::Answer, R"({"status":"success","data":{"resultType":"matrix","result":[]}})", "200 OK",
                         "application/json", QHostAddress(QStringLiteral("127.0.0.2")));
    if (elsewhere.port() == 0)
        QSKIP("cannot listen on 127.0.0.2 here");
    const QString target = QStringLiteral("http://127.0.0.2:%1/api/v1/query_range").arg(elsewhere.port());
    FakeServer fake(FakeServer::Mode::Answer, {}, "302 Found", "text/plain");
    fake.setExtraHeaders("Location: " + target.toLatin1() + "\r\n");
    PrometheusInputSpec s = spec(fake.url());
    s.headers = {u"X-Scope-OrgID=team-secret"_s};
    writeSecret(u"redirect-token"_s, "token-for-127-0-0-1", s.bearerTokenFile);
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY2(elsewhere.request().isEmpty(), elsewhere.request().constData());
    QVERIFY2(log.error.contains(u"http://127.0.0.1:%1"_s.arg(fake.port())) && log.error.contains(u"http://127.0.0.2:%1"_s.arg(elsewhere.port())),
             qPrintable(log.error));
    QVERIFY2(log.error.contains("another origin"_L1), qPrintable(log.error));

    // Basic auth the same way.
    FakeServer elsewhere2(FakeServer::Mode::Answer, R"({"status":"success","data":{"resultType":"matrix","result":[]}})", "200 OK",
                          "application/json", QHostAddress(QStringLiteral("127.0.0.2")));
    FakeServer fake2(FakeServer::Mode::Answer, {}, "302 Found", "text/plain");
    fake2.setExtraHeaders("Location: http://127.0.0.2:" + QByteArray::number(elsewhere2.port()) + "/api/v1/query_range\r\n");
    s = spec(fake2.url());
    s.basicUser = u"dash"_s;
    writeSecret(u"redirect-password"_s, "hunter2", s.basicPasswordFile);
    QVERIFY(!load(s).ok());
    QVERIFY2(elsewhere2.request().isEmpty(), elsewhere2.request().constData());
}

// A server (or a proxy) that echoes the request's Authorization header into its error: the
// message keeps neither the password nor its Basic-auth form.
void TestPrometheusHttp::echoedCredentialsAreMasked()
{
    const QByteArray pair = QByteArray("dash:hunter2").toBase64();
    FakeServer fake(FakeServer::Mode::Answer, R"({"status":"error","errorType":"bad_data","error":"unexpected header value )" + pair + R"("})",
                    "400 Bad Request");
    PrometheusInputSpec s = spec(fake.url());
    s.basicUser = u"dash"_s;
    writeSecret(u"echo-password"_s, "hunter2", s.basicPasswordFile);
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY(fake.request().contains(pair)); // it was sent, and echoed
    QVERIFY2(!log.error.contains(QString::fromLatin1(pair)) && !log.error.contains("hunter2"_L1), qPrintable(log.error));
    QVERIFY2(log.error.contains("unexpected header value ***"_L1), qPrintable(log.error));
}

// An error text with terminal escape sequences and 5 MB of garbage: the message quotes a short,
// escaped excerpt.
void TestPrometheusHttp::serverTextIsBoundedAndEscaped()
{
    const QByteArray garbage = "\x1b]0;pwned\x07\x1b[2J" + QByteArray(5'000'000, 'A');
    for (const QByteArray &body : {QByteArray(R"({"status":"error","errorType":"execution","error":")" + QByteArray(garbage).replace("\x1b", "\\u001b").replace("\x07", "\\u0007") + R"("})"),
                                   garbage}) {
        FakeServer fake(FakeServer::Mode::Answer, body, "422 Unprocessable Entity", "application/json");
        const LoadedLog log = load(spec(fake.url()));
        QVERIFY(!log.ok());
        QVERIFY2(log.error.size() < 400, qPrintable(QString::number(log.error.size())));
        QVERIFY2(!log.error.contains(QChar(0x1b)) && !log.error.contains(QChar(0x07)), qPrintable(log.error));
        QVERIFY2(log.error.contains("\\x1b]0;pwned\\x07\\x1b[2JAAA"_L1), qPrintable(log.error));
    }
}

// --timeout is a deadline for the whole request: a server that drips its answer a byte at a time
// does not hold the client past it.
void TestPrometheusHttp::slowDripHitsTheDeadline()
{
    // 63 bytes every 50 ms: about 3 s for the whole answer, which would be a good one.
    DrippingServer drip(R"({"status":"success","data":{"resultType":"matrix","result":[]}})", 50);
    PrometheusInputSpec s = spec(drip.url());
    s.timeout = u"1s"_s;
    const LoadedLog log = load(s);
    QVERIFY(!log.ok());
    QVERIFY2(log.error.contains("did not answer within 1 s"_L1), qPrintable(log.error));
}

// Two series of one GPU that differ only in instance (one exporter scraped by two jobs): live
// polling gives them two names and says so, rather than two channels called the same.
void TestPrometheusHttp::seriesThatNameAlikeStayApart()
{
    FakeServer fake(FakeServer::Mode::Answer,
                    R"({"status":"success","data":{"resultType":"vector","result":[)"
                    R"({"metric":{"Hostname":"node1","gpu":"0","instance":"a:9400"},"value":[1700000000,"100"]},)"
                    R"({"metric":{"Hostname":"node1","gpu":"0","instance":"b:9400"},"value":[1700000000,"100"]}]}})");
    PrometheusInputSpec s = spec(fake.url());
    s.query = u"dcgm-power"_s;
    QString error;
    const auto request = resolvePrometheusInput(s, QDateTime::currentDateTimeUtc(), &error);
    QVERIFY2(request, qPrintable(error));
    PrometheusPoller poller(request->connection, request->query);
    std::optional<PrometheusLiveSamples> got;
    connect(&poller, &PrometheusPoller::samplesReady, this, [&](const PrometheusLiveSamples &samples) { got = samples; });
    poller.start();
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    poller.stop();
    QCOMPARE(got->channels.size(), 2);
    QVERIFY(got->channels[0].id != got->channels[1].id);
    QVERIFY2(got->channels[0].label != got->channels[1].label, qPrintable(got->channels[1].label));
    QVERIFY2(got->problems.join(u'\n').contains("name alike"_L1), qPrintable(got->problems.join(u'\n')));
}

// The range import names the second of two series that differ only in instance apart, and says
// so in the words live polling uses.
void TestPrometheusHttp::rangeImportSaysSeriesNameAlike()
{
    FakeServer fake(FakeServer::Mode::Answer,
                    R"({"status":"success","data":{"resultType":"matrix","result":[)"
                    R"({"metric":{"Hostname":"node1","gpu":"0","instance":"a:9400"},"values":[[1700000000,"100"],[1700000015,"100"]]},)"
                    R"({"metric":{"Hostname":"node1","gpu":"0","instance":"b:9400"},"values":[[1700000000,"100"],[1700000015,"100"]]}]}})");
    PrometheusInputSpec s = spec(fake.url());
    s.query = u"dcgm-power"_s;
    s.from = u"1700000000"_s;
    s.to = u"1700000015"_s;
    const LoadedLog log = load(s);
    QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
    QCOMPARE(log.trace.channelCount(), 2);
    QStringList issues;
    for (const auto &issue : log.issues)
        issues.append(issue.message);
    QVERIFY2(issues.join(u'\n').contains("name alike"_L1), qPrintable(issues.join(u'\n')));
}

// A GPU drawing 500 W, scraped every 300 ms, polled every 100 ms: every reading is the mean
// power between two scrapes, never the whole increase in one short poll and zero in the next,
// and the poll interval is raised to the scrape interval, saying so.
void TestPrometheusHttp::pollingFasterThanScrapesKeepsTheMean()
{
    constexpr double kWatts = 500.0;
    ScrapingServer server(300, kWatts);
    PrometheusInputSpec s = spec(server.url());
    QString error;
    const auto request = resolvePrometheusInput(s, QDateTime::currentDateTimeUtc(), &error);
    QVERIFY2(request, qPrintable(error));
    PrometheusPoller poller(request->connection, request->query);
    poller.setIntervalMs(100);
    QList<float> readings;
    QStringList notices;
    connect(&poller, &PrometheusPoller::samplesReady, this, [&](const PrometheusLiveSamples &samples) { readings.append(samples.valuesW.value(0)); });
    connect(&poller, &PrometheusPoller::notice, this, [&](const QString &message) { notices.append(message); });
    poller.start();
    QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= 12, 20000);
    poller.stop();
    double sum = 0;
    QStringList shown;
    for (const float watts : std::as_const(readings)) {
        shown.append(QString::number(watts));
        sum += watts;
    }
    const double mean = sum / double(readings.size());
    QVERIFY2(std::abs(mean - kWatts) <= 0.01 * kWatts, qPrintable(shown.join(u' ')));
    for (const float watts : std::as_const(readings))
        QVERIFY2(std::abs(watts - kWatts) <= 0.01 * kWatts, qPrintable(shown.join(u' ')));
    QCOMPARE(poller.intervalMs(), 300);
    QVERIFY2(notices.join(u'\n').contains("faster than the server scrapes"_L1), qPrintable(notices.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestPrometheusHttp)
#include "tst_prometheushttp.moc"
