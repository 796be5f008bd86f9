#include "io/logloader.h"

#include "formats/logformat.h"
#include "formats/tracebuilder.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#if defined(Q_OS_LINUX)
#include <sys/mman.h>
#endif

namespace nightwatt {

namespace {

constexpr qsizetype kChunkBytes = 4 * 1024 * 1024;
// Below this, one thread reads the input: starting a second costs more than it saves.
constexpr qsizetype kSplitWorthItBytes = 16 * 1024 * 1024;

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

// The pages of [begin, end) of a mapped input leave memory: a reader is done with them (they come
// back from the page cache if read again, so a view kept into them stays correct).
void releasePages(const char *begin, const char *end)
{
#if defined(Q_OS_LINUX) && defined(MADV_DONTNEED)
    constexpr quintptr kPage = 4096;
    const quintptr first = (quintptr(begin) + kPage - 1) / kPage * kPage;
    const quintptr last = quintptr(end) / kPage * kPage;
    if (last > first)
        madvise(reinterpret_cast<void *>(first), size_t(last - first), MADV_DONTNEED);
#else
    Q_UNUSED(begin);
    Q_UNUSED(end);
#endif
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
        if (m_data && done > m_released) {
            releasePages(reinterpret_cast<const char *>(m_data) + m_released, reinterpret_cast<const char *>(m_data) + done);
            m_released = done / 4096 * 4096; // a partly read page stays until the next call
        }
    }

private:
    const uchar *m_data;
    qint64 m_released = 0;
    std::atomic<qint64> m_parsed = 0;
    std::jthread m_thread; // joined (after a stop request) before the mapping goes away
};

bool isCancelled(const LoadOptions &options)
{
    return options.cancel && options.cancel->load(std::memory_order_relaxed);
}


// Both return false when cancelled. `mapped`: the bytes are a file mapping whose pages may be
// faulted in ahead and released behind.
bool readOnOneThread(LogParser &parser, QByteArrayView bytes, const LoadOptions &options, bool mapped)
{
    PageToucher toucher(mapped ? reinterpret_cast<const uchar *>(bytes.data()) : nullptr, mapped ? bytes.size() : 0);
    for (qsizetype offset = 0; offset < bytes.size(); offset += kChunkBytes) {
        if (isCancelled(options))
            return false;
        parser.feed(bytes.sliced(offset, std::min(kChunkBytes, bytes.size() - offset)));
        const qsizetype done = std::min(offset + kChunkBytes, bytes.size());
        if (mapped)
            toucher.parsedUpTo(done);
        if (options.progress)
            options.progress(done, bytes.size());
    }
    return true;
}

bool readOnTwoThreads(const LogFormat &format, LogParser &head, QByteArrayView bytes, qsizetype split,
                      const LoadOptions &options, bool mapped)
{
    // Each thread faults in, reads and releases its own part, so both cores parse. The tail
    // reader only notes what it reads; the head applies that in order after its own part, so the
    // result is the one a single reader gives, byte for byte. The tail publishes its notes after
    // every chunk, and the head applies them while the tail reads on.
    TraceBuilder unused; // the tail reader reports nothing, but a parser always has a sink
    std::unique_ptr<LogParser> tail = format.create();
    tail->setSink(&unused);
    tail->setOptions(head.options());
    tail->startAsTail(bytes.first(split));
    const QByteArrayView tailBytes = bytes.sliced(split);
    std::atomic<qint64> tailDone = 0;
    std::atomic_bool tailCancelled = false;
    std::mutex tailMutex;
    std::condition_variable tailProgressed;
    qint64 tailChunksPublished = 0; // guarded by tailMutex
    bool tailEnded = false;         // guarded by tailMutex
    {
        std::jthread worker([&] {
            const auto publish = [&](bool ended) {
                {
                    const std::lock_guard lock(tailMutex);
                    ++tailChunksPublished;
                    tailEnded = ended;
                }
                tailProgressed.notify_one();
            };
            for (qsizetype offset = 0; offset < tailBytes.size(); offset += kChunkBytes) {
                if (isCancelled(options)) {
                    tailCancelled = true;
                    publish(true);
                    return;
                }
                const QByteArrayView chunk = tailBytes.sliced(offset, std::min(kChunkBytes, tailBytes.size() - offset));
                tail->feed(chunk);
                if (mapped)
                    releasePages(tailBytes.data() + offset, chunk.data() + chunk.size());
                tailDone.store(offset + chunk.size(), std::memory_order_relaxed);
                tail->publishTailNotes();
                publish(false);
            }
            publish(true);
        });
        const auto reportProgress = [&](qint64 headDone) {
            if (options.progress)
                options.progress(headDone + tailDone.load(std::memory_order_relaxed), bytes.size());
        };
        for (qsizetype offset = 0; offset < split; offset += kChunkBytes) {
            if (isCancelled(options))
                return false; // the worker sees it too, and is joined on the way out
            const QByteArrayView chunk = bytes.sliced(offset, std::min(kChunkBytes, split - offset));
            head.feed(chunk);
            if (mapped)
                releasePages(chunk.data(), chunk.data() + chunk.size());
            reportProgress(offset + chunk.size());
        }
        // Apply what the tail has noted while it reads on; wake up for each chunk it finishes.
        qint64 seen = 0;
        while (head.joinPublishedTail(*tail)) {
            std::unique_lock lock(tailMutex);
            tailProgressed.wait(lock, [&] { return tailChunksPublished != seen || tailEnded; });
            seen = tailChunksPublished;
            if (tailEnded)
                break;
            lock.unlock();
            if (isCancelled(options))
                return false;
            reportProgress(split);
        }
    }
    if (tailCancelled || isCancelled(options))
        return false;
    if (!head.joinTail(*tail)) {
        // The tail reader could not continue where the head stopped: read its part again here.
        for (qsizetype offset = 0; offset < tailBytes.size(); offset += kChunkBytes) {
            if (isCancelled(options))
                return false;
            head.feed(tailBytes.sliced(offset, std::min(kChunkBytes, tailBytes.size() - offset)));
        }
    }
    if (options.progress)
        options.progress(bytes.size(), bytes.size());
    return true;
}

LoadedLog readBytes(QByteArrayView bytes, const QString &name, const LoadOptions &options, bool mapped);

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
    QByteArray copied;
    QByteArrayView bytes;
    if (mapped) {
        bytes = QByteArrayView(reinterpret_cast<const char *>(mapped), file.size());
    } else {
        copied = file.readAll();
        bytes = copied;
    }
    LoadedLog loaded = readBytes(bytes, path, options, mapped != nullptr);
    loaded.path = path;
    return loaded;
}

LoadedLog LogLoader::loadBytes(QByteArrayView bytes, const QString &name, const LoadOptions &options)
{
    return readBytes(bytes, name, options, false);
}

namespace {

LoadedLog readBytes(QByteArrayView bytes, const QString &name, const LoadOptions &options, bool mapped)
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
    const qsizetype split = bytes.size() >= kSplitWorthItBytes ? parser->splitPoint(bytes, bytes.size() / 2) : -1;
    const bool read = split > 0 ? readOnTwoThreads(*format, *parser, bytes, split, options, mapped)
                                : readOnOneThread(*parser, bytes, options, mapped);
    if (!read) {
        log.cancelled = true;
        log.error = QStringLiteral("loading was cancelled");
        return log;
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

} // namespace

} // namespace nightwatt
