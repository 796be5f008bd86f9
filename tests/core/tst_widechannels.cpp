// Logs with tens of thousands of channels (one column per GPU of a cluster, one Prometheus series
// per host): every channel must come through under its own id, in order, with its own figures.
// How fast they load is for tests/bench (make_wide_logs.py, bench_load, bench_prometheus_hosts).
#include "loadhelpers.h"
#include "prometheus/prometheusapi.h"
#include "prometheus/prometheustraceassembler.h"

#include <QtTest>

using namespace nightwatt;
using namespace nightwatt::test;

namespace {

constexpr int kChannels = 20000;
constexpr int kRows = 3;

// Distinct per channel and row, and exact in a float.
int watts(int channel, int row)
{
    return 100 + (channel * 37 + row * 11) % 300;
}

PrometheusQuery dcgmCounterQuery()
{
    PrometheusQueryOptions options;
    options.presetOrExpression = QStringLiteral("dcgm");
    QString error;
    const std::optional<PrometheusQuery> query = resolvePrometheusQuery(options, &error);
    Q_ASSERT(query);
    return *query;
}

PrometheusRangePlan plan(qint64 points)
{
    QString error;
    const qint64 fromMs = 1764000000000;
    const std::optional<PrometheusRangePlan> planned =
        planPrometheusRange(fromMs, fromMs + (points - 1) * 15000, 15000, kPrometheusMaxPointsPerRequest, &error);
    Q_ASSERT(planned);
    return *planned;
}

// A DCGM energy counter (mJ) rising by `joulesPerStep` each 15 s step.
PrometheusSeries counterSeries(const QMap<QString, QString> &labels, const PrometheusRangePlan &grid, double joulesPerStep)
{
    PrometheusSeries series;
    series.labels = labels;
    series.labels.insert(QStringLiteral("__name__"), QStringLiteral("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"));
    for (qint64 k = 0; k < grid.points; ++k)
        series.points.push_back({double(grid.timeMs(k)) / 1000.0, joulesPerStep * double(k) * 1000.0});
    return series;
}

} // namespace

class TestWideChannels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvWithTwentyThousandPowerColumns()
    {
        QByteArray csv = "timestamp";
        for (int c = 0; c < kChannels; ++c)
            csv += ",node" + QByteArray::number(c) + "_gpu_power_w";
        csv += '\n';
        for (int r = 0; r < kRows; ++r) {
            csv += QByteArray::number(1764000000 + r);
            for (int c = 0; c < kChannels; ++c)
                csv += ',' + QByteArray::number(watts(c, r));
            csv += '\n';
        }
        const LoadedLog log = loadText(csv);
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE(log.trace.channelCount(), kChannels);
        QCOMPARE(log.trace.size(), qsizetype(kRows));
        for (int c : {0, 1, 9999, 12345, kChannels - 1}) {
            const QString id = QStringLiteral("node%1_gpu_power").arg(c);
            QCOMPARE(log.trace.indexOf(id), c);
            QCOMPARE(log.trace.channel(c).id, id);
            for (int r = 0; r < kRows; ++r)
                QCOMPARE(log.trace.value(c, r), float(watts(c, r)));
        }
    }

    void captureLogWithTwentyThousandChannels()
    {
        QByteArray capture = "nightwatt-capture\t1\ntiming\twindowed\n";
        for (int c = 0; c < kChannels; ++c)
            capture += "channel\tnode" + QByteArray::number(c) + "_gpu\tcomponent\tnode" + QByteArray::number(c) + " GPU\n";
        // A channel declared twice is the same channel: its second column fills the first's.
        capture += "channel\tnode7_gpu\tcomponent\tnode7 GPU\n";
        for (int r = 0; r < kRows; ++r) {
            capture += "sample\t" + QByteArray::number(r) + "\t1";
            for (int c = 0; c < kChannels; ++c)
                capture += '\t' + QByteArray::number(watts(c, r));
            capture += "\t-\n";
        }
        const LoadedLog log = loadText(capture);
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE(log.trace.channelCount(), kChannels);
        for (int c : {0, 7, 12345, kChannels - 1}) {
            QCOMPARE(log.trace.indexOf(QStringLiteral("node%1_gpu").arg(c)), c);
            for (int r = 0; r < kRows; ++r)
                QCOMPARE(log.trace.value(c, r), float(watts(c, r)));
        }
        const TraceStats stats = analyzeTrace(log.trace);
        QCOMPARE(stats.channels.size(), qsizetype(kChannels));
        QCOMPARE(stats.total.components.size(), qsizetype(kChannels));
    }

    void prometheusThousandsOfSingleGpuHosts()
    {
        constexpr int kHosts = 3000;
        const PrometheusRangePlan grid = plan(4);
        QList<PrometheusSeries> series;
        // Sent in reverse: the trace orders hosts as people count them (node2 before node10).
        for (int h = kHosts - 1; h >= 0; --h)
            series.append(counterSeries({{QStringLiteral("Hostname"), QStringLiteral("node%1").arg(h)}, {QStringLiteral("gpu"), QStringLiteral("0")}},
                                        grid, 15.0 * double(100 + h % 300)));
        PrometheusTraceAssembler assembler(grid, dcgmCounterQuery());
        assembler.add(series);
        LoadedLog log;
        assembler.finish(log);
        QVERIFY2(log.ok(), qPrintable(log.error));
        // A channel per series, then a total per host.
        QCOMPARE(log.trace.channelCount(), 2 * kHosts);
        QCOMPARE(log.trace.size(), qsizetype(3));
        for (int h : {0, 2, 10, 1234, kHosts - 1}) {
            const int gpu = log.trace.indexOf(QStringLiteral("node%1_gpu0").arg(h));
            const int total = log.trace.indexOf(QStringLiteral("host_node%1").arg(h));
            QCOMPARE(gpu, h);
            QCOMPARE(total, kHosts + h);
            QCOMPARE(log.trace.channel(total).role, ChannelRole::Auxiliary);
            for (qsizetype r = 0; r < log.trace.size(); ++r) {
                QCOMPARE(log.trace.value(gpu, r), float(100 + h % 300));
                QCOMPARE(log.trace.value(total, r), log.trace.value(gpu, r));
            }
        }
    }

    void prometheusManySeriesOfOneName()
    {
        // No host or device label: every series is "all", told apart by a suffix.
        constexpr int kSeries = 2000;
        const PrometheusRangePlan grid = plan(3);
        QList<PrometheusSeries> series;
        for (int s = 0; s < kSeries; ++s)
            series.append(counterSeries({{QStringLiteral("job"), QStringLiteral("j%1").arg(s)}}, grid, 15.0));
        PrometheusTraceAssembler assembler(grid, dcgmCounterQuery());
        assembler.add(series);
        LoadedLog log;
        assembler.finish(log);
        QVERIFY2(log.ok(), qPrintable(log.error));
        QCOMPARE(log.trace.channelCount(), kSeries);
        QSet<QString> ids;
        for (int c = 0; c < log.trace.channelCount(); ++c)
            ids.insert(log.trace.channel(c).id);
        QCOMPARE(ids.size(), qsizetype(kSeries));
        QVERIFY(ids.contains(QStringLiteral("all")));
        QVERIFY(ids.contains(QStringLiteral("all_2")));
        QVERIFY(ids.contains(QStringLiteral("all_%1").arg(kSeries)));
    }
};

QTEST_GUILESS_MAIN(TestWideChannels)
#include "tst_widechannels.moc"
