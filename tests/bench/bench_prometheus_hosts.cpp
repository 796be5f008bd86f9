// Prints how long a Prometheus range import of many single-GPU hosts takes to turn into a trace:
// `bench_prometheus_hosts HOSTS [POINTS] [REPEATS]`. A benchmark, not a test: it asserts nothing.
// The answer is made here (DCGM energy counters, one series per host) and read the way an import
// reads the server's JSON, so the figures are the assembler's and the answer parser's own cost,
// without a network. CPU time is printed beside wall time: on a shared host the latter says
// more about the neighbours than about the code.
#include "prometheus/prometheusapi.h"
#include "prometheus/prometheustraceassembler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <ctime>

using namespace nightwatt;

namespace {

QJsonObject matrixAnswer(int hosts, const PrometheusRangePlan &plan)
{
    QJsonArray result;
    for (int h = 0; h < hosts; ++h) {
        QJsonArray values;
        for (qint64 k = 0; k < plan.points; ++k) {
            const double joules = 300.0 * double(plan.stepMs) / 1000.0 * double(k) + double(h);
            values.append(QJsonArray{double(plan.timeMs(k)) / 1000.0, QString::number(joules * 1000.0, 'f', 0)});
        }
        const QJsonObject metric{{QStringLiteral("__name__"), QStringLiteral("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")},
                                 {QStringLiteral("Hostname"), QStringLiteral("node%1").arg(h)},
                                 {QStringLiteral("gpu"), QStringLiteral("0")}};
        result.append(QJsonObject{{QStringLiteral("metric"), metric}, {QStringLiteral("values"), values}});
    }
    return {{QStringLiteral("resultType"), QStringLiteral("matrix")}, {QStringLiteral("result"), result}};
}

double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() < 2) {
        out << "usage: bench_prometheus_hosts HOSTS [POINTS] [REPEATS]\n";
        return 1;
    }
    const int hosts = args.at(1).toInt();
    const qint64 points = args.size() > 2 ? args.at(2).toLongLong() : 20;
    const int repeats = args.size() > 3 ? args.at(3).toInt() : 3;

    QString error;
    PrometheusQueryOptions options;
    options.presetOrExpression = QStringLiteral("dcgm");
    const std::optional<PrometheusQuery> query = resolvePrometheusQuery(options, &error);
    const qint64 fromMs = 1764000000000;
    const std::optional<PrometheusRangePlan> plan =
        planPrometheusRange(fromMs, fromMs + (points - 1) * 15000, 15000, kPrometheusMaxPointsPerRequest, &error);
    if (!query || !plan) {
        out << "error: " << error << '\n';
        return 2;
    }
    const QJsonObject answer = matrixAnswer(hosts, *plan);

    double bestWallMs = 1e300, bestCpuMs = 1e300;
    int channels = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuMs();
        QList<PrometheusSeries> series;
        if (!parsePrometheusResult(answer, series, &error)) {
            out << "error: " << error << '\n';
            return 2;
        }
        PrometheusTraceAssembler assembler(*plan, *query);
        assembler.add(series);
        LoadedLog log;
        assembler.finish(log);
        bestCpuMs = std::min(bestCpuMs, cpuMs() - cpuStart);
        bestWallMs = std::min(bestWallMs, double(timer.nsecsElapsed()) / 1e6);
        if (!log.ok()) {
            out << "error: " << log.error << '\n';
            return 2;
        }
        channels = log.trace.channelCount();
    }
    out << QStringLiteral("%1 hosts x %2 points: %3 channels; parse and assemble %4 ms CPU, %5 ms wall (best of %6)\n")
               .arg(hosts)
               .arg(points)
               .arg(channels)
               .arg(bestCpuMs, 0, 'f', 1)
               .arg(bestWallMs, 0, 'f', 1)
               .arg(repeats);
    return 0;
}
