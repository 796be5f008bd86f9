// Prints how the GUI thread fares with big inputs, in the real window (offscreen):
//   bench_gui load FILE          longest gap between 5 ms ticks of a GUI-thread timer while FILE
//                                loads and shows, then while the whole run is selected
//   bench_gui shots FILE DIR     PNGs of the window with FILE: whole, zoomed, selected
//   bench_gui live [SECONDS]     a 24 h trace at 10 Hz (864,000 samples) growing at 10 Hz in the
//                                window: the GUI thread's CPU time as a share of one core
// A benchmark, not a test: it prints figures for docs/performance.md.
#include "charts/powerchart.h"
#include "charts/tracelinesitem.h"
#include "dashboard.h"
#include "mainwindow.h"
#include "runloader.h"
#include "trace/trace.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <functional>

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

// The longest single event the GUI thread handled (wall and CPU time) and what it was: the
// gaps the timer below sees also include time the loaded machine did not run the thread at all.
class MeteredApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        // Named before it is handled: the event may delete its receiver (DeferredDelete).
        const char *className = receiver->metaObject()->className();
        const QString objectName = receiver->objectName();
        const QEvent::Type eventType = event->type();
        const double cpu = threadCpuMs();
        QElapsedTimer wall;
        wall.start();
        const bool result = QApplication::notify(receiver, event);
        const double wallMs = double(wall.nsecsElapsed()) / 1e6;
        const double cpuMs = threadCpuMs() - cpu;
        --m_depth;
        if (m_verbose && cpuMs > 3)
            qInfo("  event at %lld ms: %.1f ms CPU (%.1f wall): %s %d %s", QDateTime::currentMSecsSinceEpoch() % 100000, cpuMs, wallMs, className,
                  int(eventType), qPrintable(objectName));
        if (cpuMs > m_longestCpuMs) {
            m_longestCpuMs = cpuMs;
            m_longestWallMs = wallMs;
            m_longestWhat = QStringLiteral("%1 event %2 to %3").arg(QString::fromLatin1(className)).arg(int(eventType)).arg(objectName);
        }
        return result;
    }
    void restartMeter()
    {
        m_longestCpuMs = m_longestWallMs = 0;
        m_longestWhat.clear();
    }
    QString longestEvent() const
    {
        return QStringLiteral("longest GUI-thread event %1 ms CPU (%2 ms wall): %3")
            .arg(m_longestCpuMs, 0, 'f', 1)
            .arg(m_longestWallMs, 0, 'f', 1)
            .arg(m_longestWhat);
    }

private:
    int m_depth = 0;
    bool m_verbose = qEnvironmentVariableIsSet("BENCH_GUI_EVENTS"); // list every event over 3 ms
    double m_longestCpuMs = 0, m_longestWallMs = 0;
    QString m_longestWhat;
};

MeteredApplication *meteredApp()
{
    return static_cast<MeteredApplication *>(QCoreApplication::instance());
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
            const double cpu = threadCpuMs();
            if (qEnvironmentVariableIsSet("BENCH_GUI_EVENTS") && now - m_last > 30)
                qInfo("  gap of %.1f ms (%.1f ms CPU) ending at %lld ms", now - m_last, cpu - m_lastCpu, QDateTime::currentMSecsSinceEpoch() % 100000);
            if (now - m_last > m_longest) {
                m_longest = now - m_last;
                m_longestCpu = cpu - m_lastCpu;
            }
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuMs();
        m_longest = 0;
        m_longestCpu = 0;
        m_timer.start();
    }
    double longestGapMs() const { return m_longest; }
    double longestGapCpuMs() const { return m_longestCpu; } // what the GUI thread ran in that gap

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0;
    double m_longest = 0;
    double m_lastCpu = 0;
    double m_longestCpu = 0;
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
    meteredApp()->restartMeter();
    clock.start();
    window.openFiles({path});
    loop.exec();
    waitMs(200); // the chart's first redraw and the panels' refresh after the run arrived
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    out << QStringLiteral("load %1: %2 ms to show, longest GUI-thread gap %3 ms (%4 ms of it on the CPU)\n")
               .arg(path)
               .arg(loadMs, 0, 'f', 0)
               .arg(meter.longestGapMs(), 0, 'f', 1)
               .arg(meter.longestGapCpuMs(), 0, 'f', 1);
    out << QStringLiteral("  %1\n").arg(meteredApp()->longestEvent());

    PowerChart *chart = window.dashboard()->chart();
    const Trace *trace = chart->trace();
    if (!trace) {
        out << "nothing was loaded\n";
        return 2;
    }
    // Gestures arrive as events; the chart's own calls are made from one here, so they count.
    auto measure = [&](const QString &what, const std::function<void()> &action, int settleMs) {
        meter.start();
        meteredApp()->restartMeter();
        QTimer::singleShot(0, chart, action);
        waitMs(settleMs);
        out << QStringLiteral("%1: longest GUI-thread gap %2 ms (%3 ms of it on the CPU)\n  %4\n")
                   .arg(what)
                   .arg(meter.longestGapMs(), 0, 'f', 1)
                   .arg(meter.longestGapCpuMs(), 0, 'f', 1)
                   .arg(meteredApp()->longestEvent());
    };
    measure(QStringLiteral("select all %1 samples").arg(trace->size()), [&] { chart->setSelection(SampleRange{0, trace->size()}); }, 300);
    measure(QStringLiteral("zoom in 4x"), [&] { chart->zoom(0.25); }, 200);
    measure(QStringLiteral("pan right 30%"), [&] {
        const auto [b, e] = chart->visibleIndices();
        chart->setVisibleIndices(b + 0.3 * (e - b), e + 0.3 * (e - b));
    }, 200);
    measure(QStringLiteral("zoom out to the whole run"), [&] { chart->resetZoom(); }, 200);
    return 0;
}

// Saves the window as it looks with FILE whole, zoomed in 4x and 64x, zoomed to 300 samples
// and with a selection, to look at after a change to the chart.
int saveShots(const QString &path, const QString &dir, QTextStream &out)
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QEventLoop loop;
    QObject::connect(window.loader(), &RunLoader::finished, &loop, &QEventLoop::quit);
    window.openFiles({path});
    loop.exec();
    waitMs(500);
    PowerChart *chart = window.dashboard()->chart();
    const auto save = [&](const QString &name) {
        waitMs(300);
        const QString file = dir + QLatin1Char('/') + name + QStringLiteral(".png");
        window.grab().save(file);
        out << file << '\n';
    };
    save(QStringLiteral("whole"));
    chart->zoom(0.25);
    save(QStringLiteral("zoom4x"));
    chart->zoom(1.0 / 16);
    save(QStringLiteral("zoom64x"));
    const double middle = double(chart->trace()->size()) / 2;
    chart->setVisibleIndices(middle, middle + 300);
    save(QStringLiteral("samples300"));
    chart->resetZoom();
    const qsizetype n = chart->trace()->size();
    chart->setSelection(SampleRange{n / 3, n / 2});
    save(QStringLiteral("selection"));

    // A live trace of an hour at 10 Hz, shown whole while it grows for two seconds.
    Trace live;
    live.setTiming(TimingKind::Points);
    live.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    live.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
    auto append = [&] {
        const double t = double(live.size()) * 0.1;
        const float values[] = {float(20 + 10 * std::sin(t / 60)), float(150 + 100 * std::sin(t / 300) + double(live.size() % 13))};
        live.append(t, 0.0f, values);
    };
    while (live.size() < 36'000)
        append();
    window.attachLiveTrace(&live, QStringLiteral("Live (screenshot)"));
    for (int i = 0; i < 20; ++i) {
        append();
        window.liveTraceGrew();
        waitMs(100);
    }
    save(QStringLiteral("live"));
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
    PowerChart *chart = window.dashboard()->chart();
    const TraceLinesItem *lines = nullptr;
    for (QGraphicsItem *item : chart->findChild<QGraphicsView *>()->scene()->items()) {
        if (auto *found = dynamic_cast<const TraceLinesItem *>(item))
            lines = found;
    }
    auto run = [&](const QString &what) {
        const qint64 redraws = chart->redrawCount();
        const qint64 paints = lines ? lines->paintCount() : 0;
        const qsizetype before = trace.size();
        QElapsedTimer wall;
        const double cpuStart = threadCpuMs();
        wall.start();
        sampler.start();
        waitMs(int(seconds * 1000));
        sampler.stop();
        const double cpuMs = threadCpuMs() - cpuStart;
        const double wallMs = double(wall.nsecsElapsed()) / 1e6;
        out << QStringLiteral("live, %1: %2 samples, %3 more at 10 Hz in %4 s: GUI thread CPU %5 ms = %6 % of one core; "
                              "%7 redraws, the traces repainted %8 times\n")
                   .arg(what)
                   .arg(trace.size())
                   .arg(trace.size() - before)
                   .arg(wallMs / 1000, 0, 'f', 1)
                   .arg(cpuMs, 0, 'f', 0)
                   .arg(cpuMs / wallMs * 100, 0, 'f', 2)
                   .arg(chart->redrawCount() - redraws)
                   .arg(lines ? lines->paintCount() - paints : -1);
    };
    run(QStringLiteral("whole run shown"));
    // Following the last hour: every sample moves the view, so every one is a full redraw.
    chart->setVisibleIndices(double(trace.size() - 36'000), double(trace.size() - 1));
    chart->setFollowing(true);
    waitMs(300);
    run(QStringLiteral("last hour shown"));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings and recent files stay out of the user's
    MeteredApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NightwattBench"));
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() >= 3 && args.at(1) == QLatin1String("load"))
        return benchLoad(args.at(2), out);
    if (args.size() >= 4 && args.at(1) == QLatin1String("shots"))
        return saveShots(args.at(2), args.at(3), out);
    if (args.size() >= 2 && args.at(1) == QLatin1String("live"))
        return benchLive(args.size() > 2 ? args.at(2).toDouble() : 30.0, out);
    out << "usage: bench_gui load FILE | bench_gui shots FILE DIR | bench_gui live [SECONDS]\n";
    return 1;
}
