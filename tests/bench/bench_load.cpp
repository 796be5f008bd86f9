// Prints how fast a log loads and is analysed: `bench_load FILE [REPEATS] [--in-memory]`. A
// benchmark, not a test: it prints figures for docs/performance.md and asserts
// nothing. --in-memory reads the file into memory first and times reading it from there: the
// parsers' own cost, without the kernel's for mapping the file's pages.
#include "analysis/tracestats.h"
#include "io/logloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

using namespace nightwatt;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    const bool inMemory = args.removeAll(QStringLiteral("--in-memory")) > 0;
    QTextStream out(stdout);
    if (args.size() < 2) {
        out << "usage: bench_load FILE [REPEATS] [--in-memory]\n";
        return 1;
    }
    const QString path = args.at(1);
    const int repeats = args.size() > 2 ? args.at(2).toInt() : 5;
    const double megabytes = double(QFileInfo(path).size()) / 1.0e6;
    double bestLoadMs = 1e300, bestAnalyzeMs = 1e300;
    qsizetype samples = 0;
    QByteArray contents;
    if (inMemory) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            out << "error: cannot open " << path << '\n';
            return 2;
        }
        contents = file.readAll();
    }
    double storeBytesPerValue = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        const LoadedLog log = inMemory ? LogLoader::loadBytes(contents, path) : LogLoader::loadFile(path);
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
    out << QStringLiteral("%1%2: %3 MB, %4 samples; load %5 ms (%6 MB/s), analyse %7 ms (best of %8)\n")
               .arg(QFileInfo(path).fileName(), inMemory ? QStringLiteral(" (in memory)") : QString())
               .arg(megabytes, 0, 'f', 1)
               .arg(samples)
               .arg(bestLoadMs, 0, 'f', 1)
               .arg(megabytes / bestLoadMs * 1000.0, 0, 'f', 0)
               .arg(bestAnalyzeMs, 0, 'f', 1)
               .arg(repeats);
    out << QStringLiteral("store: %1 bytes per sample per channel\n").arg(storeBytesPerValue, 0, 'f', 2);
    return 0;
}
