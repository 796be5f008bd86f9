#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

class QNetworkReply;

namespace nightwatt {

struct PrometheusConnection;

// What one API answer amounted to: the `data` object, or a message a person can act on.
struct PrometheusReply
{
    QJsonObject data;
    QStringList warnings;
    QString error;     // empty on success
    int httpStatus = 0;
    bool unreachable = false; // no HTTP answer at all (refused, timeout, closed, TLS)

    bool ok() const { return error.isEmpty(); }
};

// Reads a finished reply: network failures, HTTP errors with JSON or plain-text bodies, and the
// Prometheus {"status":"error","errorType":...} envelope. Messages never contain credentials.
PrometheusReply readPrometheusReply(QNetworkReply *reply, const PrometheusConnection &connection);

struct PrometheusPoint
{
    double timeS = 0;
    double value = 0; // may be NaN or infinite: Prometheus sends "NaN", "+Inf", "-Inf"
};

struct PrometheusSeries
{
    QMap<QString, QString> labels;
    std::vector<PrometheusPoint> points; // one for an instant vector
};

// `data` of a query_range answer (resultType matrix) or of an instant query (vector, scalar).
// Returns false and sets `error` for any other shape.
bool parsePrometheusResult(const QJsonObject &data, QList<PrometheusSeries> &series, QString *error);

// A stable key for a label set, to join the chunks of one series.
QString seriesKey(const QMap<QString, QString> &labels);
// {a="1", b="2"}, for messages.
QString describeLabels(const QMap<QString, QString> &labels);

} // namespace nightwatt
