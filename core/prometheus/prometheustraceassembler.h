#pragma once

#include "io/loadedlog.h"
#include "prometheus/prometheusapi.h"
#include "prometheus/prometheusquery.h"
#include "prometheus/prometheusrangeplan.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace nightwatt {

// Joins the chunks of a range import on the plan's grid and turns them into a trace in watts:
// one Component channel per series, plus an Auxiliary total per host when there are several hosts.
// Energy counters become windowed samples P = dE/dt between grid points (a drop is a counter reset,
// counted from zero as PromQL increase() does), so the trace's energy equals the counters' increase
// exactly. Power gauges stay point samples and are integrated by the trapezoid rule.
class PrometheusTraceAssembler
{
public:
    // Above this a single series' power is treated as a unit mistake or a glitch, not a reading.
    static constexpr double kImplausibleW = 1.0e6;

    PrometheusTraceAssembler(const PrometheusRangePlan &plan, const PrometheusQuery &query);

    void add(const QList<PrometheusSeries> &series);
    qsizetype seriesCount() const { return qsizetype(m_columns.size()); }

    // Fills `log` (trace, issues, metadata, or error when nothing usable came back).
    void finish(LoadedLog &log) const;

private:
    struct Column
    {
        QMap<QString, QString> labels;
        std::vector<double> raw;
        std::vector<char> present;
    };

    PrometheusRangePlan m_plan;
    PrometheusQuery m_query;
    QHash<QString, int> m_byKey;
    std::vector<Column> m_columns;
    qint64 m_offGrid = 0;
};

} // namespace nightwatt
