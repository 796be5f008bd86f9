#pragma once

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

// Polls the same instant query every interval and reports new samples. Counters need two polls
// before the first sample (their increase between polls is the energy). One poll is in flight at
// a time; a slow server makes polls skip, never pile up.
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

private:
    struct Previous
    {
        double timeS = 0;
        double value = 0;
    };

    void poll();
    void onReply();

    PrometheusConnection m_connection;
    PrometheusQuery m_query;
    Clock m_clock;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QPointer<QNetworkReply> m_reply;
    QDateTime m_askedAt;
    QHash<QString, Previous> m_previous;
};

} // namespace nightwatt

Q_DECLARE_METATYPE(nightwatt::PrometheusLiveSamples)
