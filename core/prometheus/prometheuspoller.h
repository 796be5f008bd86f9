#pragma once

#include "prometheus/prometheusapi.h"
#include "prometheus/prometheusconnection.h"
#include "prometheus/prometheusquery.h"
#include "trace/channel.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QStringList>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace nightwatt {

// One poll's readings, in watts. windowS = 0: instantaneous gauge readings at `time`;
// windowS > 0: mean power of an energy counter over [time - windowS, time].
struct PrometheusLiveSamples
{
    QDateTime time;
    double windowS = 0;
    QList<ChannelInfo> channels;
    QList<float> valuesW; // one per channel, NaN for a series that had no usable value
    QStringList hosts;    // one per channel: its host, empty when no host label is present
    QStringList problems; // values left out (NaN, infinite, implausible), for a person to read
};

// Polls the same instant query every interval and reports new samples. One poll is in flight at
// a time; a slow server makes polls skip, never pile up.
//
// An energy counter only moves when the server scrapes, and an instant query stamps its value
// with the time asked, not the time scraped: polled faster than the scrape interval, it reads
// the whole increase in one short window and nothing in the next. So a counter that is a bare
// selector is asked as a range (metric[W], W holding at least two scrapes) and its power taken
// between the real times of its samples; a poll with no new sample gives no reading, and a poll
// interval below the scrape interval (read from the samples' spacing) is raised to it, with a
// notice. A counter expression that is not a bare selector has no sample times: a poll whose
// value did not move gives no reading, and the power is timed by the polls that saw it move.
class PrometheusPoller : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    PrometheusPoller(const PrometheusConnection &connection, const PrometheusQuery &query, QObject *parent = nullptr);

    void setIntervalMs(int ms);
    int intervalMs() const;
    // Where "now" comes from; a test or a replay gives its own.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    void start();
    void stop();
    bool isActive() const;

Q_SIGNALS:
    void samplesReady(const nightwatt::PrometheusLiveSamples &samples);
    void pollFailed(const QString &message); // polling goes on
    // A poll got series back (a counter's first poll gives no samples yet, but the server works).
    void answered();
    // Something a person should know about how polling goes (said once, polling goes on).
    void notice(const QString &message);

private:
    struct Previous
    {
        double timeS = 0;
        double value = 0;
    };

    void poll();
    void onReply();
    qint64 rangeMs() const;
    void learnScrapeInterval(const QList<PrometheusSeries> &series);

    PrometheusConnection m_connection;
    PrometheusQuery m_query;
    Clock m_clock;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QPointer<QNetworkReply> m_reply;
    QDateTime m_askedAt;
    QHash<QString, Previous> m_previous;
    bool m_readsRange = false; // counter asked as selector[W]: samples with their scrape times
    qint64 m_scrapeMs = 0;     // the server's scrape interval once seen, else 0
};

} // namespace nightwatt

Q_DECLARE_METATYPE(nightwatt::PrometheusLiveSamples)
