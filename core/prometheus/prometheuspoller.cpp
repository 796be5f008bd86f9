#include "prometheus/prometheuspoller.h"

#include "prometheus/prometheusapi.h"
#include "prometheus/prometheusseriesnamer.h"
#include "prometheus/prometheustraceassembler.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace nightwatt {

namespace {

constexpr int kDefaultIntervalMs = 15000;
// Until the scrape interval is known, the range reaches as far back as Prometheus itself looks
// for a sample (its 5 min lookback), so any scrape interval it serves gives two samples.
constexpr qint64 kFirstRangeMs = 300000;

QString durationText(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + u's';
    return QString::number(ms) + QStringLiteral("ms");
}

// The finite samples of a series, oldest first.
std::vector<PrometheusPoint> finitePoints(const PrometheusSeries &series)
{
    std::vector<PrometheusPoint> points;
    for (const PrometheusPoint &p : series.points) {
        if (std::isfinite(p.value))
            points.push_back(p);
    }
    return points;
}

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
    m_readsRange = m_query.isEnergyCounter() && m_query.isSelector();
    m_scrapeMs = 0;
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
        {QStringLiteral("query"), m_readsRange ? m_query.expression + u'[' + durationText(rangeMs()) + u']' : m_query.expression},
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

qint64 PrometheusPoller::rangeMs() const
{
    // Back to the sample the last poll read, and two scrapes more for a poll that comes late.
    if (m_scrapeMs > 0)
        return intervalMs() + 2 * m_scrapeMs;
    return std::max<qint64>(kFirstRangeMs, 2LL * intervalMs());
}

void PrometheusPoller::learnScrapeInterval(const QList<PrometheusSeries> &series)
{
    std::vector<double> spacingsS;
    for (const PrometheusSeries &s : series) {
        for (size_t i = 1; i < s.points.size(); ++i)
            spacingsS.push_back(s.points[i].timeS - s.points[i - 1].timeS);
    }
    if (spacingsS.empty())
        return;
    // The median: a missed scrape or a restart makes one long gap, not the interval.
    auto middle = spacingsS.begin() + std::ptrdiff_t(spacingsS.size() / 2);
    std::nth_element(spacingsS.begin(), middle, spacingsS.end());
    const qint64 scrapeMs = std::llround(*middle * 1000.0);
    if (scrapeMs <= 0)
        return;
    m_scrapeMs = scrapeMs;
    // Scrape times jitter by milliseconds; only a poll clearly faster than the scrapes is raised.
    if (intervalMs() * 10 >= m_scrapeMs * 9)
        return;
    const int asked = intervalMs();
    m_timer->setInterval(int(std::min<qint64>(m_scrapeMs, std::numeric_limits<int>::max())));
    Q_EMIT notice(QStringLiteral("polling every %1 is faster than the server scrapes (every %2): a faster poll brings no new "
                                 "sample, so polling every %2")
                      .arg(durationText(asked), durationText(m_scrapeMs)));
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
    if (m_readsRange)
        learnScrapeInterval(series);
    PrometheusLiveSamples out;
    out.time = m_askedAt;
    double newestReadS = -1;
    QHash<QString, Previous> current;
    struct Reading
    {
        NamedSeries name;
        float watts;
        QMap<QString, QString> labels;
    };
    QList<Reading> readings;
    bool any = false;
    bool valueLeftOut = false;
    for (const auto &s : std::as_const(series)) {
        if (s.points.empty())
            continue;
        const PrometheusPoint &point = s.points.back();
        const QString key = seriesKey(s.labels);
        float watts = kMissing;
        if (m_readsRange) {
            const std::vector<PrometheusPoint> points = finitePoints(s);
            const auto previous = m_previous.constFind(key);
            std::optional<Previous> from;
            if (previous != m_previous.constEnd())
                from = *previous;
            else if (points.size() >= 2)
                from = Previous{points[points.size() - 2].timeS, points[points.size() - 2].value};
            if (!points.empty() && from && points.back().timeS > from->timeS) {
                // Through every sample since the last one read, so a counter reset (a drop)
                // loses only the energy before it in that one scrape interval.
                double increase = 0;
                double last = from->value;
                for (const PrometheusPoint &p : points) {
                    if (p.timeS <= from->timeS)
                        continue;
                    increase += p.value >= last ? p.value - last : p.value;
                    last = p.value;
                }
                const double windowS = points.back().timeS - from->timeS;
                watts = float(increase * scale / windowS);
                if (points.back().timeS > newestReadS) {
                    newestReadS = points.back().timeS;
                    out.windowS = windowS;
                }
            }
            // No new sample since the last poll: no reading, and the last sample read stays.
            if (!points.empty())
                current.insert(key, {points.back().timeS, points.back().value});
            else if (previous != m_previous.constEnd())
                current.insert(key, *previous);
        } else if (std::isfinite(point.value)) {
            if (counter) {
                const auto previous = m_previous.constFind(key);
                // The value stays put between scrapes: a poll that saw it unmoved gives no
                // reading, and the window starts where the value was first seen.
                if (previous != m_previous.constEnd() && point.value == previous->value) {
                    current.insert(key, *previous);
                } else {
                    if (previous != m_previous.constEnd() && point.timeS > previous->timeS) {
                        const double delta = point.value >= previous->value ? point.value - previous->value : point.value;
                        out.windowS = point.timeS - previous->timeS;
                        watts = float(delta * scale / out.windowS);
                    }
                    current.insert(key, {point.timeS, point.value});
                }
            } else {
                watts = float(point.value * scale);
            }
        }
        const NamedSeries name = nameSeries(s.labels, m_query);
        if (!std::isfinite(point.value)) {
            out.problems.append(QStringLiteral("%1: the value was %2; left out")
                                    .arg(name.channel.label, std::isnan(point.value) ? QStringLiteral("NaN") : point.value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf")));
            valueLeftOut = true;
        } else if (watts < 0 || watts > PrometheusTraceAssembler::kImplausibleW) {
            out.problems.append(QStringLiteral("%1: %2 W is implausible (negative, or above %3 W for one series; is --unit right?); left out")
                                    .arg(name.channel.label, QString::number(watts, 'g', 6)).arg(PrometheusTraceAssembler::kImplausibleW, 0, 'g'));
            watts = kMissing;
            valueLeftOut = true;
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
        out.problems.append(nameAlikeMessage(readings[first].labels, same.labels));
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
    // A range's readings end at the newest sample's scrape, not at the time asked.
    if (newestReadS >= 0)
        out.time = QDateTime::fromMSecsSinceEpoch(std::llround(newestReadS * 1000.0), Qt::UTC);
    Q_EMIT answered();
    // A poll with no new sample is no failure; one whose every value was left out is.
    if (valueLeftOut && !any)
        Q_EMIT pollFailed(out.problems.join(QStringLiteral("; ")));
    if (any)
        Q_EMIT samplesReady(out);
}

} // namespace nightwatt
