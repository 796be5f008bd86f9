#pragma once

#include "live/livesource.h"
#include "prometheus/prometheusconnection.h"
#include "prometheus/prometheusquery.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <memory>

namespace nightwatt {

class PrometheusPoller;
struct PrometheusInputSpec;
struct PrometheusLiveSamples;

// A Prometheus query polled every interval as a live source. The readings (watts per series,
// plus a total per host when there are several hosts) are written as a nightwatt-capture log and
// parsed like any other input, so -o keeps a file Nightwatt reads back. Energy counters give
// windowed samples (their increase between polls), power gauges point samples.
//
// Errors: a first poll that fails (unreachable, 401/403, bad query, no series) fails the source
// with the server's reason; once samples have arrived, a failing poll is an issue and polling goes
// on, and the source fails only when the server has not answered for kGiveUpPolls polls in a row.
class PrometheusSource final : public LiveSource
{
    Q_OBJECT
public:
    static constexpr int kGiveUpPolls = 30;

    PrometheusSource(const PrometheusConnection &connection, const PrometheusQuery &query, int intervalMs,
                     QObject *parent = nullptr);
    ~PrometheusSource() override;

    // From the textual options (url, query, unit, auth; the range fields are not used). Returns
    // null and sets `error` for options that make no query (reading secret files as it goes).
    static std::unique_ptr<PrometheusSource> fromSpec(const PrometheusInputSpec &spec, int intervalMs, QString *error);

    QString description() const override;

protected:
    void open() override;
    void halt() override;
    bool writesCaptureRecords() const override { return true; }

private:
    void onSamples(const PrometheusLiveSamples &samples);
    void onPolled();
    void onFailed(const QString &message);
    void reportOnce(const QString &message);

    PrometheusConnection m_connection;
    PrometheusQuery m_query;
    int m_intervalMs;
    PrometheusPoller *m_poller = nullptr;
    QDateTime m_clockAtZero;
    QHash<QString, int> m_column; // channel id -> declared column
    QStringList m_hosts;          // hosts with a total column, in declaration order
    QHash<QString, int> m_hostColumn;
    bool m_answered = false;      // a poll has succeeded
    int m_failuresInRow = 0;
    QStringList m_reported;       // messages already made issues, so a dead server is said once
};

} // namespace nightwatt
