#pragma once

#include "io/loadedlog.h"
#include "prometheus/prometheusconnection.h"
#include "prometheus/prometheusquery.h"
#include "prometheus/prometheusrangeplan.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace nightwatt {

class PrometheusTraceAssembler;

struct PrometheusRangeRequest
{
    PrometheusConnection connection;
    PrometheusQuery query;
    QDateTime from;
    QDateTime to;
    qint64 stepMs = 0; // 0 = automatic (one request when the range allows)
    int maxPointsPerRequest = kPrometheusMaxPointsPerRequest;
};

// Imports a time range through /api/v1/query_range, one request per plan chunk, one after the
// other. Asynchronous: it lives in whatever thread owns it (the GUI can move it to a worker) and
// says finished() once, after which result() holds the trace or the error.
class PrometheusRangeImport : public QObject
{
    Q_OBJECT
public:
    explicit PrometheusRangeImport(QObject *parent = nullptr);
    ~PrometheusRangeImport() override;

    void start(const PrometheusRangeRequest &request);
    // Stops a running import; finished() follows with result().cancelled set.
    void abort();
    bool isRunning() const { return m_running; }

    const LoadedLog &result() const { return m_result; }
    LoadedLog takeResult() { return std::move(m_result); }

Q_SIGNALS:
    void progress(int requestsDone, int requestsTotal);
    void finished();

private:
    void sendNext();
    void onReply();
    void fail(const QString &message);
    void complete();

    PrometheusRangeRequest m_request;
    PrometheusRangePlan m_plan;
    std::unique_ptr<PrometheusTraceAssembler> m_assembler;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    LoadedLog m_result;
    int m_next = 0;
    QStringList m_warnings;
    bool m_running = false;
};

} // namespace nightwatt
