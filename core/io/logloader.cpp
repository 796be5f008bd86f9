#include "io/logloader.h"

#include "formats/logformat.h"
#include "formats/tracebuilder.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#if defined(Q_OS_LINUX)
#include <sys/mman.h>
#endif

namespace nightwatt {

namespace {

constexpr qsizetype kChunkBytes = 4 * 1024 * 1024;

bool looksLikeUtf16(QByteArrayView head)
{
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return true;
    // ASCII text in UTF-16 has a NUL in every other byte from the start.
    if (head.size() >= 8) {
        int nulsAtOdd = 0, nulsAtEven = 0;
        for (qsizetype i = 0; i < 8; ++i)
            (i % 2 ? nulsAtOdd : nulsAtEven) += head[i] == '\0';
        // Both: NUL padding or binary, which is not text of any kind.
        return (nulsAtOdd == 4 && nulsAtEven == 0) || (nulsAtEven == 4 && nulsAtOdd == 0);
    }
    return false;
}

bool hasAnyReading(const Trace &trace)
{
    for (int c = 0; c < trace.channelCount(); ++c) {
        const std::span<const float> values = trace.values(c);
        if (std::any_of(values.begin(), values.end(), [](float watts) { return !std::isnan(watts); }))
            return true;
    }
    return false;
}

void describeEmptyResult(LoadedLog &log, const std::optional<ParseIssue> &failure)
{
    if (failure) {
        log.error = failure->message;
        log.errorLine = failure->line;
        return;
    }
    if (log.trace.channelCount() == 0) {
        log.error = QStringLiteral("no power data found (the %1 reader found no power figures)").arg(log.formatId);
    } else {
        log.error = QStringLiteral("no usable power samples (every power figure was missing or invalid)");
    }
    if (!log.issues.isEmpty() && log.issueCount == 1) {
        log.errorLine = log.issues.first().line;
        log.error += QStringLiteral(": ") + log.issues.first().message;
    }
}

// Mapping a file is cheap; touching its pages is not (about 0.2 ms of kernel time per MB). For a
// big log a second thread faults the pages in ahead of the parser, so the two cores split the work.
// It stays at most kAheadBytes ahead, and the pages behind the parser are handed back, so that a
// gigabyte log never has more than a few dozen megabytes of itself resident.
class PageToucher
{
public:
    static constexpr qint64 kWorthItBytes = 32 * 1024 * 1024;
    static constexpr qint64 kAheadBytes = 32 * 1024 * 1024;

    PageToucher(const uchar *data, qint64 size)
        : m_data(data)
    {
        if (size < kWorthItBytes)
            return;
        m_thread = std::jthread([this, data, size](std::stop_token stop) {
            constexpr qint64 kPage = 4096;
            volatile uchar sink = 0;
            for (qint64 at = 0; at < size && !stop.stop_requested(); at += kPage) {
                while (at - m_parsed.load(std::memory_order_relaxed) > kAheadBytes && !stop.stop_requested())
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                sink = sink + data[at];
            }
        });
    }

    // The parser is done with [0, done): its pages may leave memory (they come back from the page
    // cache if read again, so a parser that kept a view into them stays correct).
    void parsedUpTo(qint64 done)
    {
        m_parsed.store(done, std::memory_order_relaxed);
#if defined(Q_OS_LINUX) && defined(MADV_DONTNEED)
        constexpr qint64 kPage = 4096;
        const qint64 end = done / kPage * kPage;
        if (m_data && end > m_released) {
            madvise(const_cast<uchar *>(m_data) + m_released, size_t(end - m_released), MADV_DONTNEED);
            m_released = end;
        }
#endif
    }

private:
    const uchar *m_data;
    qint64 m_released = 0;
    std::atomic<qint64> m_parsed = 0;
    std::jthread m_thread; // joined (after a stop request) before the mapping goes away
};

} // namespace

LoadedLog LogLoader::loadFile(const QString &path, const LoadOptions &options)
{
    LoadedLog log;
    log.path = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        log.error = QStringLiteral("no such file");
        return log;
    }
    if (info.isDir()) {
        log.error = QStringLiteral("is a directory, not a log file");
        return log;
    }
    // Checked before opening: opening a named pipe waits for a writer, and a device never ends.
    if (!info.isFile()) {
        log.error = QStringLiteral("is not a regular file (a pipe, socket or device); save the log to a file first");
        return log;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        log.error = QStringLiteral("cannot open: %1").arg(file.errorString());
        return log;
    }
    if (file.size() == 0) {
        log.error = QStringLiteral("the file is empty");
        return log;
    }
    // Mapping avoids copying a multi-gigabyte log into memory; fall back to reading for files
    // that cannot be mapped (pipes, some network file systems).
    const uchar *mapped = file.map(0, file.size());
    QByteArray readBytes;
    QByteArrayView bytes;
    if (mapped) {
        bytes = QByteArrayView(reinterpret_cast<const char *>(mapped), file.size());
    } else {
        readBytes = file.readAll();
        bytes = readBytes;
    }
    PageToucher toucher(mapped, mapped ? file.size() : 0);
    LoadOptions feeding = options;
    if (mapped) {
        feeding.progress = [&toucher, &options](qint64 done, qint64 total) {
            toucher.parsedUpTo(done);
            if (options.progress)
                options.progress(done, total);
        };
    }
    LoadedLog loaded = loadBytes(bytes, path, feeding);
    loaded.path = path;
    return loaded;
}

LoadedLog LogLoader::loadBytes(QByteArrayView bytes, const QString &name, const LoadOptions &options)
{
    LoadedLog log;
    log.path = name;
    if (bytes.isEmpty()) {
        log.error = QStringLiteral("the input is empty");
        return log;
    }
    const QByteArrayView head = bytes.first(std::min(bytes.size(), kSniffBytes));
    if (looksLikeUtf16(head)) {
        log.error = QStringLiteral("the file is UTF-16 text; save it as UTF-8 and open it again");
        return log;
    }

    const LogFormat *format = nullptr;
    if (!options.formatId.isEmpty()) {
        format = logFormatById(options.formatId);
        if (!format) {
            log.error = QStringLiteral("unknown format \"%1\"").arg(options.formatId);
            return log;
        }
    } else {
        const SniffResult sniffed = sniffLogFormat(head);
        format = sniffed.format;
        if (!format) {
            log.error = QStringLiteral("not a power log Nightwatt knows (tried: %1)").arg(sniffed.tried.join(QStringLiteral(", ")));
            return log;
        }
    }
    log.formatId = format->id;

    TraceBuilder builder;
    std::unique_ptr<LogParser> parser = format->create();
    parser->setSink(&builder);
    parser->setOptions({options.powerColumn});
    for (qsizetype offset = 0; offset < bytes.size(); offset += kChunkBytes) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            log.cancelled = true;
            log.error = QStringLiteral("loading was cancelled");
            return log;
        }
        parser->feed(bytes.sliced(offset, std::min(kChunkBytes, bytes.size() - offset)));
        if (options.progress)
            options.progress(std::min(offset + kChunkBytes, bytes.size()), bytes.size());
    }
    parser->finish();

    log.trace = std::move(builder.trace());
    log.issues = builder.issues();
    log.issueCount = builder.issueCount();
    log.metadata = builder.metadata();
    if (log.trace.isEmpty()) {
        describeEmptyResult(log, builder.failure());
    } else if (!hasAnyReading(log.trace)) {
        // Rows were read, but every figure in them was missing or refused (negative, NaN, huge):
        // loading that would show a run of nothing, or a zero, as if it had been measured.
        log.trace = Trace();
        log.error = QStringLiteral("no usable power samples (every power figure was missing or invalid)");
        if (!log.issues.isEmpty()) {
            log.errorLine = log.issues.first().line;
            log.error += QStringLiteral("; the first problem: ") + log.issues.first().message;
        }
    }
    return log;
}

} // namespace nightwatt
