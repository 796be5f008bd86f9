// Prints how the GUI thread fares with big inputs, in the real window (offscreen):
//   bench_gui load FILE          longest gap between 5 ms ticks of a GUI-thread timer while FILE
//                                loads and shows, then while the whole run is selected
//   bench_gui live [SECONDS]     a 24 h trace at 10 Hz (864,000 samples) growing at 10 Hz in the
//                                window: the GUI thread's CPU time as a share of one core
// A benchmark, not a test: it prints figures for the README's performance section.
#include "charts/powerchart.h"
#include "dashboard.h"
#include "mainwindow.h"
#include "runloader.h"
#include "trace/trace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>

using namespace nightwatt;

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The longest time between two ticks of a 5 ms timer on the GUI thread: how long it was blocked.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = double(m_clock.nsecsElapsed()) / 1e6;
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_timer.start();
    }
    double longestGapMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0;
    double m_longest = 0;
};

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

int benchLoad(const QString &path, QTextStream &out)
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    waitMs(300);

    StallMeter meter;
    QEventLoop loop;
    QObject::connect(window.loader(), &RunLoader::finished, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    meter.start();
    clock.start();
    window.openFiles({path});
    loop.exec();
    waitMs(200); // the chart's first redraw and the panels' refresh after the run arrived
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    out << QStringLiteral("load %1: %2 ms to show, longest GUI-thread gap %3 ms\n")
               .arg(path)
               .arg(loadMs, 0, 'f', 0)
               .arg(meter.longestGapMs(), 0, 'f', 1);

    PowerChart *chart = window.dashboard()->chart();
    const Trace *trace = chart->trace();
    if (!trace) {
        out << "nothing was loaded\n";
        return 2;
    }
    meter.start();
    chart->setSelection(SampleRange{0, trace->size()});
    waitMs(300);
    out << QStringLiteral("select all %1 samples: longest GUI-thread gap %2 ms\n").arg(trace->size()).arg(meter.longestGapMs(), 0, 'f', 1);
    meter.start();
    chart->zoom(0.25);
    waitMs(200);
    out << QStringLiteral("zoom in 4x: longest GUI-thread gap %1 ms\n").arg(meter.longestGapMs(), 0, 'f', 1);
    return 0;
}

int benchLive(double seconds, QTextStream &out)
{
    constexpr qsizetype kDaySamples = 864'000; // 24 h at 10 Hz
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    trace.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
    trace.reserve(kDaySamples + qsizetype(seconds * 10) + 100);
    qsizetype next = 0;
    auto appendOne = [&] {
        const double t = double(next) * 0.1;
        const float values[] = {float(20 + 10 * std::sin(t / 600)), float(150 + 100 * std::sin(t / 3000) + double(next % 13))};
        trace.append(t, 0.0f, values);
        ++next;
    };
    while (next < kDaySamples)
        appendOne();

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.attachLiveTrace(&trace, QStringLiteral("Live (benchmark)"));
    waitMs(500);

    QTimer sampler;
    sampler.setInterval(100); // 10 Hz
    QObject::connect(&sampler, &QTimer::timeout, &window, [&] {
        appendOne();
        window.liveTraceGrew();
    });
    QElapsedTimer wall;
    const double cpuStart = threadCpuMs();
    wall.start();
    sampler.start();
    waitMs(int(seconds * 1000));
    sampler.stop();
    const double cpuMs = threadCpuMs() - cpuStart;
    const double wallMs = double(wall.nsecsElapsed()) / 1e6;
    out << QStringLiteral("live: %1 samples growing at 10 Hz for %2 s: GUI thread CPU %3 ms = %4 % of one core\n")
               .arg(trace.size())
               .arg(wallMs / 1000, 0, 'f', 1)
               .arg(cpuMs, 0, 'f', 0)
               .arg(cpuMs / wallMs * 100, 0, 'f', 2);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings and recent files stay out of the user's
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NightwattBench"));
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() >= 3 && args.at(1) == QLatin1String("load"))
        return benchLoad(args.at(2), out);
    if (args.size() >= 2 && args.at(1) == QLatin1String("live"))
        return benchLive(args.size() > 2 ? args.at(2).toDouble() : 30.0, out);
    out << "usage: bench_gui load FILE | bench_gui live [SECONDS]\n";
    return 1;
}
