// Prints how long the power chart takes to redraw a long trace after zooms and pans:
// `bench_chart [SAMPLES] [CHANNELS]` (default 10,000,000 samples, 2 channels, 1600x900).
// A benchmark, not a test: it prints figures for docs/performance.md.
#include "charts/powerchart.h"
#include "trace/decimation.h"
#include "trace/trace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <vector>

using namespace nightwatt;

namespace {

Trace makeTrace(qsizetype samples, int channels)
{
    // 10 Hz readings of a training run: a slow load cycle, noise, and a spike now and then.
    Trace trace;
    trace.setTiming(TimingKind::Points);
    for (int c = 0; c < channels; ++c)
        trace.ensureChannel({c == 0 ? QStringLiteral("cpu") : QStringLiteral("gpu%1").arg(c - 1),
                             c == 0 ? QStringLiteral("CPU") : QStringLiteral("GPU %1").arg(c - 1), ChannelRole::Component});
    std::vector<double> times(static_cast<size_t>(samples));
    std::vector<std::vector<float>> columns(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(samples)));
    quint32 noise = 12345;
    for (qsizetype i = 0; i < samples; ++i) {
        times[size_t(i)] = double(i) * 0.1;
        for (int c = 0; c < channels; ++c) {
            noise = noise * 1664525u + 1013904223u;
            const double base = 40.0 + 30.0 * std::sin(double(i) * 1e-4 * (c + 1));
            double v = base + double(noise >> 24) / 16.0;
            if (noise % 100'003 == 0)
                v += 200.0;
            columns[size_t(c)][size_t(i)] = float(v);
        }
    }
    std::vector<std::span<const float>> spans(columns.begin(), columns.end());
    trace.appendColumns(times, {}, spans);
    return trace;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of this (the GUI) thread: the redraw's own cost, whatever else the machine runs.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype samples = args.size() > 1 ? args.at(1).toLongLong() : 10'000'000;
    const int channels = args.size() > 2 ? args.at(2).toInt() : 2;
    QTextStream out(stdout);

    QElapsedTimer timer;
    timer.start();
    const Trace trace = makeTrace(samples, channels);
    out << QStringLiteral("%1 samples x %2 channels built in %3 ms (pyramid included); store %4 bytes per sample per channel\n")
               .arg(samples)
               .arg(channels)
               .arg(msSince(timer), 0, 'f', 0)
               .arg(double(trace.memoryBytes()) / double(samples) / channels, 0, 'f', 2);

    double cpu = threadCpuMs();
    const auto linear = decimateMinMax(trace.values(0), 0, samples, 1600, trace.times());
    const double linearMs = threadCpuMs() - cpu;
    cpu = threadCpuMs();
    const auto fast = decimateMinMax(trace.values(0), 0, samples, 1600, trace.times(), trace.levelOfDetail(0));
    const double pyramidMs = threadCpuMs() - cpu;
    out << QStringLiteral("one channel, whole trace, 1600 columns: linear scan %1 ms CPU, pyramid %2 ms CPU (%3)\n")
               .arg(linearMs, 0, 'f', 2)
               .arg(pyramidMs, 0, 'f', 3)
               .arg(linear == fast ? QStringLiteral("same points") : QStringLiteral("POINTS DIFFER"));

    PowerChart chart;
    chart.resize(1600, 900);
    chart.show();
    chart.setTrace(&trace);
    chart.setXAxisMode(XAxisMode::Elapsed);
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    auto paint = [&] {
        image.fill(Qt::white);
        QPainter painter(&image);
        chart.render(&painter);
    };
    paint(); // first paint lays out the chart

    struct Step
    {
        QString name;
        double begin, end;
    };
    std::vector<Step> steps;
    const double n = double(samples - 1);
    steps.push_back({QStringLiteral("whole trace"), 0, n});
    double b = 0, e = n;
    for (int z = 1; z <= 6; ++z) { // zoom in 4x about a point a third of the way in
        const double c = b + (e - b) / 3;
        b = c - (c - b) / 4;
        e = c + (e - c) / 4;
        steps.push_back({QStringLiteral("zoom in 4x (%1 samples visible)").arg(qsizetype(e - b)), b, e});
    }
    for (int p = 1; p <= 3; ++p) {
        const double shift = (e - b) * 0.3;
        b += shift;
        e += shift;
        steps.push_back({QStringLiteral("pan right 30%"), b, e});
    }
    steps.push_back({QStringLiteral("pan to the middle of the run"), n / 2, n / 2 + (e - b)});
    // Sparse views are drawn through their samples: the dearest is about one sample per column.
    for (double visible : {1500.0, 300.0})
        steps.push_back({QStringLiteral("zoom to %1 samples").arg(visible), n / 2, n / 2 + visible});
    steps.push_back({QStringLiteral("zoom out to the whole trace"), 0, n});

    double worst = 0, worstCpu = 0;
    for (const Step &step : steps) {
        double mark = threadCpuMs();
        timer.restart();
        chart.setVisibleIndices(step.begin, step.end); // decimates and replaces every series
        const double updateMs = msSince(timer);
        const double updateCpu = threadCpuMs() - mark;
        mark = threadCpuMs();
        timer.restart();
        paint();
        const double paintMs = msSince(timer);
        const double paintCpu = threadCpuMs() - mark;
        worst = std::max(worst, updateMs + paintMs);
        worstCpu = std::max(worstCpu, updateCpu + paintCpu);
        out << QStringLiteral("%1: update %2 + paint %3 = %4 ms CPU (%5 ms wall), %6 points\n")
                   .arg(step.name, -44)
                   .arg(updateCpu, 5, 'f', 1)
                   .arg(paintCpu, 5, 'f', 1)
                   .arg(updateCpu + paintCpu, 5, 'f', 1)
                   .arg(updateMs + paintMs, 5, 'f', 1)
                   .arg(chart.pointsDrawn());
    }
    // What painting costs without any trace: axes, grid, legend and the rest of the chart.
    for (int c = 0; c < trace.channelCount(); ++c)
        chart.setChannelVisible(trace.channel(c).id, false);
    paint();
    double mark = threadCpuMs();
    paint();
    out << QStringLiteral("paint with every channel hidden (the chart's frame alone): %1 ms CPU\n").arg(threadCpuMs() - mark, 0, 'f', 1);
    out << QStringLiteral("worst redraw at %1x%2: %3 ms of GUI-thread CPU, %4 ms wall\n")
               .arg(chart.width())
               .arg(chart.height())
               .arg(worstCpu, 0, 'f', 1)
               .arg(worst, 0, 'f', 1);
    return 0;
}
