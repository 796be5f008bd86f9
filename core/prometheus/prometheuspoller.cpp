#include "prometheus/prometheuspoller.h"

#include "prometheus/prometheusapi.h"
#include "prometheus/prometheusseriesnamer.h"
#include "prometheus/prometheustraceassembler.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

constexpr int kDefaultIntervalMs = 15000;

} // namespace

PrometheusPoller::PrometheusPoller(const PrometheusConnection &connection, const PrometheusQuery &query, QObject *parent)
    : QObject(parent), m_connection(connection), m_query(query), m_clock([] { return QDateTime::currentDateTimeUtc(); }),
      m_network(new QNetworkAccessManager(this)), m_timer(new QTimer(this))
{
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &PrometheusPoller::poll);
}

void PrometheusPoller::setIntervalMs(int ms)
{
    m_timer->setInterval(std::max(ms, 10));
}

int PrometheusPoller::intervalMs() const
{
    return m_timer->interval();
}

void PrometheusPoller::start()
{
    m_previous.clear();
    m_timer->start();
    QTimer::singleShot(0, this, &PrometheusPoller::poll);
}

void PrometheusPoller::stop()
{
    m_timer->stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

bool PrometheusPoller::isActive() const
{
    return m_timer->isActive();
}

void PrometheusPoller::poll()
{
    if (m_reply || !m_timer->isActive())
        return;
    m_askedAt = m_clock().toUTC();
    const PrometheusConnection::Parameters parameters = {
        {QStringLiteral("query"), m_query.expression},
        {QStringLiteral("time"), QString::number(double(m_askedAt.toMSecsSinceEpoch()) / 1000.0, 'f', 3)},
    };
    QString error;
    QNetworkReply *reply = m_connection.get(*m_network, QStringLiteral("/api/v1/query"), parameters, &error);
    if (!reply) {
        Q_EMIT pollFailed(error);
        return;
    }
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &PrometheusPoller::onReply);
}

void PrometheusPoller::onReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const PrometheusReply answer = readPrometheusReply(reply, m_connection);
    QList<PrometheusSeries> series;
    QString error = answer.error;
    if (answer.ok())
        parsePrometheusResult(answer.data, series, &error);
    if (!error.isEmpty()) {
        Q_EMIT pollFailed(error);
        return;
    }
    if (series.isEmpty()) {
        Q_EMIT pollFailed(QStringLiteral("the query returned no series"));
        return;
    }

    const bool counter = m_query.isEnergyCounter();
    const double scale = unitToBase(m_query.unit);
    PrometheusLiveSamples out;
    out.time = m_askedAt;
    QHash<QString, Previous> current;
    struct Reading
    {
        NamedSeries name;
        float watts;
        QMap<QString, QString> labels;
    };
    QList<Reading> readings;
    bool any = false;
    for (const auto &s : std::as_const(series)) {
        const PrometheusPoint &point = s.points.back();
        const QString key = seriesKey(s.labels);
        float watts = kMissing;
        if (std::isfinite(point.value)) {
            if (counter) {
                const auto previous = m_previous.constFind(key);
                if (previous != m_previous.constEnd() && point.timeS > previous->timeS) {
                    const double delta = point.value >= previous->value ? point.value - previous->value : point.value;
                    out.windowS = point.timeS - previous->timeS;
                    watts = float(delta * scale / out.windowS);
                }
                current.insert(key, {point.timeS, point.value});
            } else {
                watts = float(point.value * scale);
            }
        }
        const NamedSeries name = nameSeries(s.labels, m_query);
        if (!std::isfinite(point.value)) {
            out.problems.append(QStringLiteral("%1: the value was %2; left out")
                                    .arg(name.channel.label, std::isnan(point.value) ? QStringLiteral("NaN") : point.value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf")));
        } else if (watts < 0 || watts > PrometheusTraceAssembler::kImplausibleW) {
            out.problems.append(QStringLiteral("%1: %2 W is implausible (negative, or above %3 W for one series; is --unit right?); left out")
                                    .arg(name.channel.label, QString::number(watts, 'g', 6)).arg(PrometheusTraceAssembler::kImplausibleW, 0, 'g'));
            watts = kMissing;
        }
        readings.append({name, watts, s.labels});
        any = any || !isMissing(watts);
    }
    // Instant vectors come in no promised order; channels keep one order from poll to poll.
    std::sort(readings.begin(), readings.end(), [](const Reading &a, const Reading &b) {
        return a.name.channel.id != b.name.channel.id ? naturalLess(a.name.channel.id, b.name.channel.id) : seriesKey(a.labels) < seriesKey(b.labels);
    });
    // Series that differ only in labels the namer does not use (instance, job) would share a
    // name: each keeps its own, and a person is told both are counted.
    for (qsizetype i = 1, first = 0; i < readings.size(); ++i) {
        if (readings[i].name.channel.id != readings[first].name.channel.id) {
            first = i;
            continue;
        }
        Reading &same = readings[i];
        out.problems.append(QStringLiteral("%1 and %2 name alike (they differ only in labels such as instance or job); both are "
                                           "counted, so if they are one device scraped twice, narrow the query")
                                .arg(describeLabels(readings[first].labels), describeLabels(same.labels)));
        same.name.channel.id += u'_' + QString::number(i - first + 1);
        same.name.channel.label += u' ' + describeLabels(same.labels);
    }
    for (const Reading &reading : std::as_const(readings)) {
        out.channels.append(reading.name.channel);
        out.valuesW.append(reading.watts);
        out.hosts.append(reading.name.host);
    }
    if (counter)
        m_previous = current;
    Q_EMIT answered();
    if (!out.problems.isEmpty() && !any)
        Q_EMIT pollFailed(out.problems.join(QStringLiteral("; ")));
    if (any)
        Q_EMIT samplesReady(out);
}

} // namespace nightwatt
