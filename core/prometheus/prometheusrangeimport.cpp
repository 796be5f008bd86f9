#include "prometheus/prometheusrangeimport.h"

#include "prometheus/prometheusapi.h"
#include "prometheus/prometheustraceassembler.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace nightwatt {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

} // namespace

PrometheusRangeImport::PrometheusRangeImport(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
}

PrometheusRangeImport::~PrometheusRangeImport()
{
    if (QNetworkReply *reply = m_reply.data())
        reply->abort();
}

void PrometheusRangeImport::start(const PrometheusRangeRequest &request)
{
    abort();
    m_request = request;
    m_result = {};
    m_result.path = request.connection.displayUrl();
    m_result.formatId = QStringLiteral("prometheus");
    m_warnings.clear();
    m_next = 0;
    m_running = true;
    QString error;
    const auto plan = planPrometheusRange(request.from.toMSecsSinceEpoch(), request.to.toMSecsSinceEpoch(),
                                          request.stepMs, request.maxPointsPerRequest, &error);
    if (!plan) {
        // Reported from the event loop so a caller always sees finished() after start() returns.
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    m_plan = *plan;
    m_assembler = std::make_unique<PrometheusTraceAssembler>(m_plan, request.query);
    QTimer::singleShot(0, this, &PrometheusRangeImport::sendNext);
}

void PrometheusRangeImport::abort()
{
    if (!m_running)
        return;
    m_running = false;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_result.cancelled = true;
    m_assembler.reset();
    Q_EMIT finished();
}

void PrometheusRangeImport::sendNext()
{
    if (!m_running)
        return;
    const auto &chunk = m_plan.chunks[m_next];
    const PrometheusConnection::Parameters parameters = {
        {QStringLiteral("query"), m_request.query.expression},
        {QStringLiteral("start"), seconds(m_plan.timeMs(chunk.first))},
        {QStringLiteral("end"), seconds(m_plan.timeMs(chunk.first + chunk.count - 1))},
        {QStringLiteral("step"), seconds(m_plan.stepMs)},
    };
    QString error;
    QNetworkReply *reply = m_request.connection.get(*m_network, QStringLiteral("/api/v1/query_range"), parameters, &error);
    if (!reply) {
        fail(error);
        return;
    }
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &PrometheusRangeImport::onReply);
}

void PrometheusRangeImport::onReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply || !m_running)
        return;
    reply->deleteLater();
    const PrometheusReply answer = readPrometheusReply(reply, m_request.connection);
    if (!answer.ok()) {
        QString message = answer.error;
        if (m_next > 0)
            message += QStringLiteral(" (after %1 of %2 requests)").arg(m_next).arg(m_plan.chunks.size());
        fail(message);
        return;
    }
    for (const QString &w : answer.warnings) {
        if (!m_warnings.contains(w))
            m_warnings.append(w);
    }
    QList<PrometheusSeries> series;
    QString error;
    if (!parsePrometheusResult(answer.data, series, &error)) {
        fail(error);
        return;
    }
    m_assembler->add(series);
    ++m_next;
    Q_EMIT progress(m_next, int(m_plan.chunks.size()));
    if (!m_running)
        return;
    if (m_next < m_plan.chunks.size())
        sendNext();
    else
        complete();
}

void PrometheusRangeImport::fail(const QString &message)
{
    m_running = false;
    m_result.error = message;
    m_assembler.reset();
    Q_EMIT finished();
}

void PrometheusRangeImport::complete()
{
    m_running = false;
    m_assembler->finish(m_result);
    m_assembler.reset();
    for (const QString &w : std::as_const(m_warnings)) {
        ++m_result.issueCount;
        m_result.issues.append({0, QStringLiteral("Prometheus warning: ") + w});
    }
    auto &meta = m_result.metadata;
    meta.insert(QStringLiteral("source"), QStringLiteral("prometheus"));
    meta.insert(QStringLiteral("prometheus_url"), m_request.connection.displayUrl());
    meta.insert(QStringLiteral("query"), m_request.query.expression);
    meta.insert(QStringLiteral("preset"), m_request.query.presetId.isEmpty() ? QStringLiteral("custom") : m_request.query.presetId);
    meta.insert(QStringLiteral("from"), QDateTime::fromMSecsSinceEpoch(m_plan.fromMs, Qt::UTC).toString(Qt::ISODate));
    meta.insert(QStringLiteral("to"), QDateTime::fromMSecsSinceEpoch(m_plan.lastMs(), Qt::UTC).toString(Qt::ISODate));
    meta.insert(QStringLiteral("requests"), QString::number(m_plan.chunks.size()));
    Q_EMIT finished();
}

} // namespace nightwatt
