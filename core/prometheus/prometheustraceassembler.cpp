#include "prometheus/prometheustraceassembler.h"

#include "formats/tracebuilder.h"
#include "prometheus/prometheusseriesnamer.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nightwatt {

namespace {

struct SeriesIssues
{
    qint64 nonFinite = 0;
    qint64 negative = 0;
    qint64 implausible = 0;
    qint64 gaps = 0;
    double gapS = 0;
    qint64 resets = 0;
    qint64 firstBadMs = -1;
};

void addIssue(LoadedLog &log, const QString &message)
{
    ++log.issueCount;
    if (log.issues.size() < TraceBuilder::kMaxKeptIssues)
        log.issues.append({0, message});
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

PrometheusTraceAssembler::PrometheusTraceAssembler(const PrometheusRangePlan &plan, const PrometheusQuery &query)
    : m_plan(plan), m_query(query)
{
}

void PrometheusTraceAssembler::add(const QList<PrometheusSeries> &series)
{
    for (const auto &s : series) {
        const QString key = seriesKey(s.labels);
        auto it = m_byKey.find(key);
        if (it == m_byKey.end()) {
            it = m_byKey.insert(key, int(m_columns.size()));
            m_columns.push_back({s.labels, std::vector<double>(size_t(m_plan.points), 0.0),
                                 std::vector<char>(size_t(m_plan.points), 0)});
        }
        Column &column = m_columns[size_t(*it)];
        for (const auto &p : s.points) {
            const double offset = (p.timeS * 1000.0 - double(m_plan.fromMs)) / double(m_plan.stepMs);
            const qint64 index = std::llround(offset);
            if (index < 0 || index >= m_plan.points || std::abs(offset - double(index)) > 1e-3) {
                ++m_offGrid;
                continue;
            }
            column.raw[size_t(index)] = p.value;
            column.present[size_t(index)] = 1;
        }
    }
}

void PrometheusTraceAssembler::finish(LoadedLog &log) const
{
    if (m_columns.empty()) {
        log.error = QStringLiteral("the query returned no series between %1 and %2 (check the metric name, labels and time range)")
                        .arg(timeText(m_plan.fromMs), timeText(m_plan.lastMs()));
        return;
    }
    const bool counter = m_query.isEnergyCounter();
    const double scale = unitToBase(m_query.unit);
    const double stepS = double(m_plan.stepMs) / 1000.0;
    const qint64 rows = counter ? m_plan.points - 1 : m_plan.points;

    // Channel names, hosts in natural order, ids made unique.
    std::vector<NamedSeries> names;
    for (const auto &column : m_columns)
        names.push_back(nameSeries(column.labels, m_query));
    std::vector<size_t> order(m_columns.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (names[a].host != names[b].host)
            return naturalLess(names[a].host, names[b].host);
        return naturalLess(names[a].channel.id, names[b].channel.id);
    });
    QSet<QString> usedIds;
    // Where the search for a free "_n" goes on for each id: thousands of series of one name
    // (no host label) would otherwise try every taken suffix again for each series.
    QHash<QString, int> nextSuffix;
    // The first series of each name, to say which two name alike.
    QHash<QString, size_t> firstNamed;
    for (size_t c : order) {
        QString id = names[c].channel.id;
        if (usedIds.contains(id)) {
            const auto first = firstNamed.constFind(id);
            if (first != firstNamed.constEnd())
                addIssue(log, nameAlikeMessage(m_columns[*first].labels, m_columns[c].labels));
            auto next = nextSuffix.find(id);
            if (next == nextSuffix.end())
                next = nextSuffix.insert(id, 2);
            int &n = next.value();
            while (usedIds.contains(id = names[c].channel.id + u'_' + QString::number(n)))
                ++n;
        }
        if (id != names[c].channel.id)
            names[c].channel.label += QStringLiteral(" ") + describeLabels(m_columns[c].labels);
        if (!firstNamed.contains(names[c].channel.id))
            firstNamed.insert(names[c].channel.id, c);
        names[c].channel.id = id;
        usedIds.insert(id);
    }

    // Watts per series on the output rows.
    std::vector<std::vector<float>> watts(m_columns.size(), std::vector<float>(size_t(std::max<qint64>(rows, 0)), kMissing));
    std::vector<SeriesIssues> problems(m_columns.size());
    qint64 totalResets = 0;
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const Column &column = m_columns[c];
        SeriesIssues &bad = problems[c];
        auto markBad = [&](qint64 &counterRef, qint64 index) {
            ++counterRef;
            if (bad.firstBadMs < 0)
                bad.firstBadMs = m_plan.timeMs(index);
        };
        qint64 last = -1;
        double lastValue = 0;
        for (qint64 k = 0; k < m_plan.points; ++k) {
            if (!column.present[size_t(k)])
                continue;
            const double v = column.raw[size_t(k)];
            if (!std::isfinite(v)) {
                markBad(bad.nonFinite, k);
                continue;
            }
            if (!counter) {
                const double w = v * scale;
                if (w < 0)
                    markBad(bad.negative, k);
                else if (w > kImplausibleW)
                    markBad(bad.implausible, k);
                else
                    watts[c][size_t(k)] = float(w);
                continue;
            }
            if (last >= 0) {
                double delta = v - lastValue;
                if (delta < 0) {
                    delta = v; // the counter restarted from zero in between
                    ++bad.resets;
                }
                const double spanS = double(k - last) * stepS;
                const double w = delta * scale / spanS;
                if (k - last > 1) {
                    // No sample for more than the lookback: the counter still counted, so its
                    // increase is spread evenly rather than lost.
                    ++bad.gaps;
                    bad.gapS += spanS - stepS;
                }
                if (w > kImplausibleW) {
                    markBad(bad.implausible, last);
                } else {
                    for (qint64 r = last; r < k; ++r)
                        watts[c][size_t(r)] = float(w);
                }
            }
            last = k;
            lastValue = v;
        }
        totalResets += bad.resets;
    }

    // Per-host totals, only when several hosts make them worth a channel of their own.
    QStringList hosts;
    QHash<QString, int> hostIndex;
    std::vector<int> hostOf(order.size(), -1); // by position in `order`
    for (size_t i = 0; i < order.size(); ++i) {
        const QString &host = names[order[i]].host;
        if (host.isEmpty())
            continue;
        auto at = hostIndex.find(host);
        if (at == hostIndex.end()) {
            at = hostIndex.insert(host, int(hosts.size()));
            hosts.append(host);
        }
        hostOf[i] = at.value();
    }
    const bool hostTotals = hosts.size() >= 2;

    Trace trace;
    trace.setTiming(counter ? TimingKind::Windowed : TimingKind::Points);
    trace.setClockAtZero(QDateTime::fromMSecsSinceEpoch(m_plan.fromMs, Qt::UTC));
    for (size_t c : order)
        trace.ensureChannel(names[c].channel);
    if (hostTotals) {
        for (const QString &host : std::as_const(hosts))
            trace.ensureChannel({QStringLiteral("host_") + channelIdFrom(host), host + QStringLiteral(" total"), ChannelRole::Auxiliary});
    }
    // A gauge instant where some series answered stays, even if every answer was unusable: those
    // readings are missing, and the trapezoid must not bridge them. Instants nobody answered go.
    std::vector<char> answered(size_t(m_plan.points), 0);
    for (const auto &column : m_columns) {
        for (qint64 k = 0; k < m_plan.points; ++k)
            answered[size_t(k)] = char(answered[size_t(k)] | column.present[size_t(k)]);
    }
    std::vector<float> values(size_t(trace.channelCount()));
    std::vector<double> hostSums(hostTotals ? size_t(hosts.size()) : 0);
    std::vector<char> hostSeen(hostSums.size());
    for (qint64 r = 0; r < rows; ++r) {
        bool any = false;
        for (size_t i = 0; i < order.size(); ++i) {
            values[i] = watts[order[i]][size_t(r)];
            any = any || !isMissing(values[i]);
        }
        if (!any && (counter || !answered[size_t(r)]))
            continue;
        if (hostTotals) {
            // One pass over the series per row, each adding to its own host's sum.
            std::fill(hostSums.begin(), hostSums.end(), 0.0);
            std::fill(hostSeen.begin(), hostSeen.end(), char(0));
            for (size_t i = 0; i < order.size(); ++i) {
                if (hostOf[i] >= 0 && !isMissing(values[i])) {
                    hostSums[size_t(hostOf[i])] += values[i];
                    hostSeen[size_t(hostOf[i])] = 1;
                }
            }
            for (size_t h = 0; h < hostSums.size(); ++h)
                values[order.size() + h] = hostSeen[h] ? float(hostSums[h]) : kMissing;
        }
        trace.append(double(r) * stepS, float(stepS), values);
    }

    for (size_t c : order) {
        const SeriesIssues &bad = problems[c];
        const QString name = names[c].channel.label;
        if (bad.nonFinite)
            addIssue(log, QStringLiteral("%1: %2 values were NaN or infinite (first at %3); skipped").arg(name).arg(bad.nonFinite).arg(timeText(bad.firstBadMs)));
        if (bad.negative)
            addIssue(log, QStringLiteral("%1: %2 negative power values (first at %3); skipped").arg(name).arg(bad.negative).arg(timeText(bad.firstBadMs)));
        if (bad.implausible)
            addIssue(log, QStringLiteral("%1: %2 values above %3 W, implausible for one series (first at %4; is --unit right?); skipped")
                              .arg(name).arg(bad.implausible).arg(kImplausibleW, 0, 'g').arg(timeText(bad.firstBadMs)));
        if (bad.gaps)
            addIssue(log, QStringLiteral("%1: %2 gaps without samples (%3 s in all); the counter's increase over each gap is spread evenly")
                              .arg(name).arg(bad.gaps).arg(bad.gapS));
    }
    if (m_offGrid)
        addIssue(log, QStringLiteral("%1 samples were not on the requested step grid; skipped").arg(m_offGrid));

    log.metadata.insert(QStringLiteral("series"), QString::number(m_columns.size()));
    log.metadata.insert(QStringLiteral("hosts"), hosts.join(QStringLiteral(", ")));
    log.metadata.insert(QStringLiteral("unit"), unitSymbol(m_query.unit));
    log.metadata.insert(QStringLiteral("step_s"), QString::number(stepS));
    log.metadata.insert(QStringLiteral("energy_from"),
                        counter ? QStringLiteral("energy counter: increase per step (counter resets handled), P = dE/dt")
                                : QStringLiteral("power gauge: integrated over time (trapezoid)"));
    if (counter)
        log.metadata.insert(QStringLiteral("counter_resets"), QString::number(totalResets));

    bool usable = false;
    for (int c = 0; c < trace.channelCount() && !usable; ++c) {
        const auto column = trace.values(c);
        usable = std::any_of(column.begin(), column.end(), [](float v) { return !isMissing(v); });
    }
    if (!usable) {
        log.error = counter
            ? QStringLiteral("the query returned %1 series but no two usable counter values in a row, so no energy can be worked out").arg(m_columns.size())
            : QStringLiteral("the query returned %1 series but no usable power values").arg(m_columns.size());
        return;
    }
    log.trace = std::move(trace);
}

} // namespace nightwatt
