// Prints how fast a log loads and is analysed: `bench_load FILE [REPEATS]`. A benchmark, not a
// test: it prints figures for the README's performance section and asserts nothing.
#include "analysis/tracestats.h"
#include "io/logloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

using namespace nightwatt;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() < 2) {
        out << "usage: bench_load FILE [REPEATS]\n";
        return 1;
    }
    const QString path = args.at(1);
    const int repeats = args.size() > 2 ? args.at(2).toInt() : 5;
    const double megabytes = double(QFileInfo(path).size()) / 1.0e6;
    double bestLoadMs = 1e300, bestAnalyzeMs = 1e300;
    qsizetype samples = 0;
    double storeBytesPerValue = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        const LoadedLog log = LogLoader::loadFile(path);
        const double loadMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        const TraceStats stats = analyzeTrace(log.trace);
        const double analyzeMs = double(timer.nsecsElapsed()) / 1e6;
        bestLoadMs = std::min(bestLoadMs, loadMs);
        bestAnalyzeMs = std::min(bestAnalyzeMs, analyzeMs);
        samples = stats.samples;
        const qsizetype values = log.trace.size() * std::max(1, log.trace.channelCount());
        storeBytesPerValue = values > 0 ? double(log.trace.memoryBytes()) / double(values) : 0.0;
        if (!log.ok()) {
            out << "error: " << log.error << '\n';
            return 2;
        }
    }
    out << QStringLiteral("%1: %2 MB, %3 samples; load %4 ms (%5 MB/s), analyse %6 ms (best of %7)\n")
               .arg(QFileInfo(path).fileName())
               .arg(megabytes, 0, 'f', 1)
               .arg(samples)
               .arg(bestLoadMs, 0, 'f', 1)
               .arg(megabytes / bestLoadMs * 1000.0, 0, 'f', 0)
               .arg(bestAnalyzeMs, 0, 'f', 1)
               .arg(repeats);
    out << QStringLiteral("store: %1 bytes per sample per channel\n").arg(storeBytesPerValue, 0, 'f', 2);
    return 0;
}
