#pragma once

#include "prometheus/prometheusquery.h"
#include "trace/channel.h"

#include <QMap>
#include <QString>

namespace nightwatt {

struct NamedSeries
{
    QString host;        // empty when no host label is present
    ChannelInfo channel; // a Component: the run's total is the sum of every series
};

// Names a series from its labels: host (from the first host label present; an instance's port is
// dropped), then the metric's distinguishing part when several metrics are summed, then device
// labels. {Hostname="node1", gpu="0"} -> "node1_gpu0" / "node1 GPU 0".
NamedSeries nameSeries(const QMap<QString, QString> &labels, const PrometheusQuery &query);

// "node2" < "node10": digit runs compare as numbers, so hosts and GPUs sort as people count.
bool naturalLess(const QString &a, const QString &b);

// A channel id: lower case, [a-z0-9_] only.
QString channelIdFrom(const QString &text);

// Two series that name alike (they differ only in labels the namer does not use, such as
// instance or job) keep names of their own; this is what a person is told.
QString nameAlikeMessage(const QMap<QString, QString> &first, const QMap<QString, QString> &same);

} // namespace nightwatt
