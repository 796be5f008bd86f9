#include "live/prometheussource.h"

#include "formats/nightwattcaptureparser.h"
#include "prometheus/prometheusinput.h"
#include "prometheus/prometheuspoller.h"
#include "prometheus/prometheusseriesnamer.h"

#include <QSet>

#include <algorithm>

namespace nightwatt {

PrometheusSource::PrometheusSource(const PrometheusConnection &connection, const PrometheusQuery &query, int intervalMs,
                                   QObject *parent)
    : LiveSource(parent)
    , m_connection(connection)
    , m_query(query)
    , m_intervalMs(std::max(10, intervalMs))
{
}

PrometheusSource::~PrometheusSource()
{
    halt();
}

std::unique_ptr<PrometheusSource> PrometheusSource::fromSpec(const PrometheusInputSpec &spec, int intervalMs, QString *error)
{
    PrometheusInputSpec live = spec;
    live.from = QStringLiteral("now");
    live.to = QStringLiteral("now");
    live.step.clear();
    const auto request = resolvePrometheusInput(live, QDateTime::currentDateTimeUtc(), error);
    if (!request)
        return nullptr;
    return std::make_unique<PrometheusSource>(request->connection, request->query, intervalMs);
}

QString PrometheusSource::description() const
{
    return QStringLiteral("Prometheus %1 (%2) every %3 ms")
        .arg(m_connection.displayUrl(), m_query.presetId.isEmpty() ? m_query.expression : m_query.presetId)
        .arg(m_intervalMs);
}

void PrometheusSource::open()
{
    m_column.clear();
    m_hosts.clear();
    m_hostColumn.clear();
    m_answered = false;
    m_failuresInRow = 0;
    m_reported.clear();
    m_clockAtZero = QDateTime::currentDateTimeUtc();
    const bool counter = m_query.isEnergyCounter();
    // Only what a person may see goes into the log: the address without user info, never a
    // token, password or header value.
    deliver(QByteArray(NightwattCaptureWriter::header() + NightwattCaptureWriter::clock(m_clockAtZero)
            + NightwattCaptureWriter::timing(counter ? TimingKind::Windowed : TimingKind::Points)
            + NightwattCaptureWriter::meta(QStringLiteral("source"), QStringLiteral("prometheus"))
            + NightwattCaptureWriter::meta(QStringLiteral("prometheus_url"), m_connection.displayUrl())
            + NightwattCaptureWriter::meta(QStringLiteral("query"), m_query.expression)
            + NightwattCaptureWriter::meta(QStringLiteral("preset"), m_query.presetId.isEmpty() ? QStringLiteral("custom") : m_query.presetId)
            + NightwattCaptureWriter::meta(QStringLiteral("unit"), unitSymbol(m_query.unit))
            + NightwattCaptureWriter::meta(QStringLiteral("energy_from"),
                                           counter ? QStringLiteral("energy counter: increase between polls, P = dE/dt")
                                                   : QStringLiteral("power gauge: integrated over time (trapezoid)"))));
    m_poller = new PrometheusPoller(m_connection, m_query, this);
    m_poller->setIntervalMs(m_intervalMs);
    connect(m_poller, &PrometheusPoller::samplesReady, this, &PrometheusSource::onSamples);
    connect(m_poller, &PrometheusPoller::answered, this, &PrometheusSource::onPolled);
    connect(m_poller, &PrometheusPoller::pollFailed, this, &PrometheusSource::onFailed);
    connect(m_poller, &PrometheusPoller::notice, this, [this](const QString &message) { reportOnce(message); });
    m_poller->start();
}

void PrometheusSource::halt()
{
    if (m_poller) {
        m_poller->stop();
        m_poller->disconnect(this);
        m_poller->deleteLater();
        m_poller = nullptr;
    }
}

void PrometheusSource::onPolled()
{
    m_answered = true;
    m_failuresInRow = 0;
}

void PrometheusSource::onFailed(const QString &message)
{
    if (!status().isRunning())
        return;
    if (!m_answered) {
        fail(message);
        return;
    }
    if (++m_failuresInRow >= kGiveUpPolls) {
        fail(QStringLiteral("%1 (no answer for %2 polls in a row; stopped)").arg(message).arg(m_failuresInRow));
        return;
    }
    reportOnce(message + QStringLiteral("; polling goes on"));
}

void PrometheusSource::reportOnce(const QString &message)
{
    if (!m_reported.contains(message)) {
        m_reported.append(message);
        trace()->reportIssue(message);
    }
}

void PrometheusSource::onSamples(const PrometheusLiveSamples &samples)
{
    if (!status().isRunning())
        return;
    for (const QString &problem : samples.problems)
        reportOnce(problem);
    QByteArray out;
    std::vector<float> values(size_t(m_column.size() + m_hostColumn.size()), kMissing);
    QSet<QString> seenNow;
    QHash<QString, double> hostSum;
    QHash<QString, bool> hostSeen;
    QStringList hostsNow;
    for (qsizetype i = 0; i < samples.channels.size(); ++i) {
        ChannelInfo channel = samples.channels[i];
        // Two series that name alike (labels the namer does not use) stay apart.
        const QString base = channel.id;
        for (int n = 2; seenNow.contains(channel.id); ++n)
            channel.id = base + u'_' + QString::number(n);
        seenNow.insert(channel.id);
        int column = m_column.value(channel.id, -1);
        if (column < 0) {
            column = int(values.size());
            m_column.insert(channel.id, column);
            out += NightwattCaptureWriter::channel(channel);
            values.push_back(kMissing);
        }
        const float watts = samples.valuesW[i];
        values[size_t(column)] = watts;
        const QString host = samples.hosts.value(i);
        if (host.isEmpty())
            continue;
        if (!hostsNow.contains(host))
            hostsNow.append(host);
        if (!isMissing(watts)) {
            hostSum[host] += watts;
            hostSeen[host] = true;
        }
    }
    for (const QString &host : std::as_const(hostsNow)) {
        if (!m_hosts.contains(host))
            m_hosts.append(host);
    }
    // A total per host, as the range import makes, once there are hosts to tell apart.
    if (m_hosts.size() >= 2) {
        for (const QString &host : std::as_const(m_hosts)) {
            if (m_hostColumn.contains(host))
                continue;
            m_hostColumn.insert(host, int(values.size()));
            out += NightwattCaptureWriter::channel({QStringLiteral("host_") + channelIdFrom(host), host + QStringLiteral(" total"), ChannelRole::Auxiliary});
            values.push_back(kMissing);
        }
        for (const QString &host : std::as_const(m_hosts)) {
            if (hostSeen.value(host))
                values[size_t(m_hostColumn.value(host))] = float(hostSum.value(host));
        }
    }
    const double atS = double(m_clockAtZero.msecsTo(samples.time)) / 1000.0;
    if (m_query.isEnergyCounter())
        out += NightwattCaptureWriter::sample(std::max(0.0, atS - samples.windowS), samples.windowS, values);
    else
        out += NightwattCaptureWriter::sample(atS, double(m_intervalMs) / 1000.0, values);
    deliver(out);
}

} // namespace nightwatt
