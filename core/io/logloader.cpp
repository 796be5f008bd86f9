#include "io/logloader.h"

#include "io/guardedmapping.h"
#include "formats/logformat.h"
#include "formats/mlperfrun.h"
#include "io/mlperfrunfiles.h"
#include "formats/tracebuilder.h"
#include "platform/platform.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <sys/stat.h>
#endif

namespace nightwatt {

namespace {

constexpr qsizetype kChunkBytes = 4 * 1024 * 1024;
// Below this, one thread reads the input: starting a second costs more than it saves.
constexpr qsizetype kSplitWorthItBytes = 16 * 1024 * 1024;
// Big inputs are read in segments of about this size, taken by two threads in turn. Smaller
// segments balance the threads better; each costs a tail parser and a join.
constexpr qsizetype kSegmentBytes = 8 * 1024 * 1024;

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

// The packer whose magic number `head` starts with, or nothing: a compressed log is read after
// unpacking, not guessed at.
QString compressionOf(QByteArrayView head)
{
    static const struct
    {
        QByteArrayView magic;
        const char *name;
        const char *unpack;
    } kPacked[] = {
        {"\x1F\x8B", "gzip", "gunzip"},
        {"BZh", "bzip2", "bunzip2"},
        {"\xFD" "7zXZ", "xz", "unxz"},
        {"\x28\xB5\x2F\xFD", "zstd", "unzstd"},
        {"PK\x03\x04", "zip", "unzip"},
    };
    for (const auto &packed : kPacked) {
        if (head.startsWith(packed.magic))
            return QStringLiteral("compressed (%1): unpack it first (%2) and open the unpacked file").arg(QLatin1StringView(packed.name), QLatin1StringView(packed.unpack));
    }
    return {};
}

// Why `info`, which does not exist, cannot be read: a symbolic link that leads nowhere says so.
QString whyMissing(const QFileInfo &info)
{
    if (!info.isSymLink())
        return QStringLiteral("no such file");
#if defined(Q_OS_UNIX)
    struct stat status = {};
    if (::stat(QFile::encodeName(info.filePath()).constData(), &status) != 0 && errno == ELOOP)
        return QStringLiteral("is a symbolic link loop (following it leads back to a link already passed)");
#endif
    return QStringLiteral("is a symbolic link to \"%1\", which does not exist").arg(info.symLinkTarget());
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
        if (m_data && done > m_released) {
            platform::releasePages(reinterpret_cast<const char *>(m_data) + m_released, reinterpret_cast<const char *>(m_data) + done);
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

// Where the bytes come from. A mapped file's pages may be faulted in ahead and released behind.
struct Input
{
    QByteArrayView bytes;
    const GuardedMapping *mapping = nullptr;

    bool mapped() const { return mapping != nullptr; }
    // The file shrank to before `offset` while it was read: the mapping holds zeros from there on,
    // not worth reading. Bytes before the new end are read as usual, whoever touched them first.
    bool endsBefore(qsizetype offset) const
    {
        return mapping && mapping->faulted().load(std::memory_order_relaxed) && offset >= mapping->currentSize();
    }
};


// Both return false when cancelled.
bool readOnOneThread(LogParser &parser, const Input &input, const LoadOptions &options)
{
    const QByteArrayView bytes = input.bytes;
    const bool mapped = input.mapped();
    PageToucher toucher(mapped ? reinterpret_cast<const uchar *>(bytes.data()) : nullptr, mapped ? bytes.size() : 0);
    for (qsizetype offset = 0; offset < bytes.size() && !input.endsBefore(offset); offset += kChunkBytes) {
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

// Where a big input is cut into segments of about kSegmentBytes, each at a record boundary the
// format names: the starts of the segments, the first being 0. Just {0} when the format cannot
// be split.
std::vector<qsizetype> segmentStarts(const LogParser &parser, QByteArrayView bytes)
{
    std::vector<qsizetype> starts{0};
    for (qsizetype from = kSegmentBytes; from < bytes.size(); from = std::max(starts.back(), from) + kSegmentBytes) {
        const qsizetype start = parser.splitPoint(bytes, from);
        if (start <= starts.back() || start >= bytes.size())
            break;
        starts.push_back(start);
    }
    return starts;
}

// One segment of an input read in segments: the first is read by the head parser itself, each
// other by a tail parser of its own that only notes what it reads.
struct Segment
{
    QByteArrayView bytes;
    std::unique_ptr<LogParser> tail;
    TraceBuilder unused; // a tail reports nothing, but a parser always has a sink
    std::atomic_bool read = false;
};

// Reads an input cut into segments on two threads, so both cores parse. The threads take the
// segments in turn: a core that runs slower (a busy neighbour on a shared host) just reads fewer
// of them. The head parser joins the tails in order, exactly as if it had read their bytes
// itself (line numbers included), so the result is the single reader's, byte for byte. The
// head's thread joins each tail that is done before it takes the next segment, so the joining
// overlaps the reading and little of it is left at the end.
bool readInSegments(const LogFormat &format, LogParser &head, const Input &input, const std::vector<qsizetype> &starts,
                    const LoadOptions &options)
{
    const QByteArrayView bytes = input.bytes;
    const bool mapped = input.mapped();
    const size_t count = starts.size();
    const std::unique_ptr<Segment[]> segments(new Segment[count]);
    for (size_t i = 0; i < count; ++i) {
        const qsizetype end = i + 1 < count ? starts[i + 1] : bytes.size();
        segments[i].bytes = bytes.sliced(starts[i], end - starts[i]);
    }
    std::atomic<size_t> nextSegment = 1; // the head's thread reads segment 0 first
    std::atomic<qint64> bytesRead = 0;
    std::mutex readMutex;
    std::condition_variable segmentRead;

    // False when cancelled.
    const auto readSegment = [&](size_t index) {
        Segment &segment = segments[index];
        LogParser *parser = &head;
        if (index > 0) {
            segment.tail = format.create();
            segment.tail->setSink(&segment.unused);
            segment.tail->setOptions(head.options());
            segment.tail->startAsTail(bytes.first(starts[index]));
            parser = segment.tail.get();
        }
        for (qsizetype offset = 0; offset < segment.bytes.size() && !input.endsBefore(starts[index] + offset); offset += kChunkBytes) {
            if (isCancelled(options))
                return false;
            const QByteArrayView chunk = segment.bytes.sliced(offset, std::min(kChunkBytes, segment.bytes.size() - offset));
            parser->feed(chunk);
            if (mapped)
                platform::releasePages(chunk.data(), chunk.data() + chunk.size());
            bytesRead.fetch_add(chunk.size(), std::memory_order_relaxed);
        }
        {
            const std::lock_guard lock(readMutex);
            segment.read.store(true, std::memory_order_release);
        }
        segmentRead.notify_one();
        return true;
    };
    // False when cancelled.
    const auto join = [&](size_t index) {
        Segment &segment = segments[index];
        if (!head.joinTail(*segment.tail)) {
            // The tail reader could not continue where the head stopped: the head reads its part.
            for (qsizetype offset = 0; offset < segment.bytes.size() && !input.endsBefore(starts[index] + offset); offset += kChunkBytes) {
                if (isCancelled(options))
                    return false;
                head.feed(segment.bytes.sliced(offset, std::min(kChunkBytes, segment.bytes.size() - offset)));
            }
        }
        segment.tail.reset();
        return true;
    };
    const auto reportProgress = [&] {
        if (options.progress)
            options.progress(std::min<qint64>(bytesRead.load(std::memory_order_relaxed), bytes.size()), bytes.size());
    };

    std::jthread worker;
    if (count > 1) {
        worker = std::jthread([&] {
            for (size_t index = nextSegment++; index < count; index = nextSegment++) {
                if (!readSegment(index)) {
                    // Wake the head's thread, which sees the cancel too. Taking the lock first
                    // means it is not between looking at the cancel and waiting.
                    { const std::lock_guard lock(readMutex); }
                    segmentRead.notify_one();
                    return;
                }
            }
        });
    }
    if (!readSegment(0))
        return false; // the worker sees the cancel too, and is joined on the way out
    reportProgress();
    size_t joined = 1;
    const auto joinWhatIsRead = [&] {
        for (; joined < count && segments[joined].read.load(std::memory_order_acquire); ++joined) {
            if (!join(joined))
                return false;
        }
        return true;
    };
    for (size_t index = nextSegment++; index < count; index = nextSegment++) {
        if (!joinWhatIsRead() || !readSegment(index))
            return false;
        reportProgress();
    }
    while (joined < count) {
        {
            std::unique_lock lock(readMutex);
            segmentRead.wait(lock, [&] { return segments[joined].read.load(std::memory_order_acquire) || isCancelled(options); });
        }
        if (isCancelled(options) || !joinWhatIsRead())
            return false;
        reportProgress();
    }
    if (options.progress)
        options.progress(bytes.size(), bytes.size());
    return true;
}

LoadedLog readMlperfRun(const MlperfRunFiles &files, const QString &path, const LoadOptions &options);
LoadedLog readBytes(const Input &input, const QString &name, const LoadOptions &options);

// The file got shorter while it was read: what was read before its new end is kept, with an issue
// that says so (or as the error, when nothing usable came before it).
void reportShrinking(LoadedLog &log, const GuardedMapping &mapping)
{
    const QString what = QStringLiteral("the file shrank while it was read (from %1 to %2 bytes; rotated or truncated?)")
                             .arg(mapping.mappedSize())
                             .arg(mapping.currentSize());
    if (log.cancelled)
        return;
    if (!log.ok()) {
        log.error = what + QStringLiteral("; nothing usable was read before its new end");
        log.errorLine = 0;
        return;
    }
    log.issues.prepend({0, what + QStringLiteral("; what was read before its new end is kept")});
    ++log.issueCount;
}

} // namespace

LoadedLog LogLoader::loadFile(const QString &path, const LoadOptions &options)
{
    // An MLPerf run is several files (a training log, a power file per node and switch) read as
    // one input: whichever of them, or their folder, is named.
    if (options.formatId.isEmpty() || options.formatId == u"mlperf") {
        if (const auto run = MlperfRunFiles::locate(path))
            return readMlperfRun(*run, path, options);
    }
    LoadedLog log;
    log.path = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        log.error = whyMissing(info);
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
    const GuardedMapping mapping(file);
    QByteArray copied;
    Input input;
    if (mapping.isMapped()) {
        input = {mapping.bytes(), &mapping};
    } else {
        copied = file.readAll();
        input.bytes = copied;
    }
    LoadedLog loaded = readBytes(input, path, options);
    loaded.path = path;
    if (mapping.isMapped() && mapping.shrank())
        reportShrinking(loaded, mapping);
    return loaded;
}

LoadedLog LogLoader::loadBytes(QByteArrayView bytes, const QString &name, const LoadOptions &options)
{
    return readBytes({bytes}, name, options);
}

namespace {

void takeResult(LoadedLog &log, TraceBuilder &builder);

LoadedLog readBytes(const Input &input, const QString &name, const LoadOptions &options)
{
    const QByteArrayView bytes = input.bytes;
    LoadedLog log;
    log.path = name;
    if (bytes.isEmpty()) {
        log.error = QStringLiteral("the input is empty");
        return log;
    }
    const QByteArrayView head = bytes.first(std::min(bytes.size(), kSniffBytes));
    // Compressed first: its binary header could pass for UTF-16 text.
    if (const QString packed = compressionOf(head); !packed.isEmpty()) {
        log.error = packed;
        return log;
    }
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
    parser->setOptions({options.powerColumn, options.intervalMs});
    const std::vector<qsizetype> starts = bytes.size() >= kSplitWorthItBytes ? segmentStarts(*parser, bytes) : std::vector<qsizetype>{0};
    const bool read = starts.size() > 1 ? readInSegments(*format, *parser, input, starts, options)
                                        : readOnOneThread(*parser, input, options);
    if (!read) {
        log.cancelled = true;
        log.error = QStringLiteral("loading was cancelled");
        return log;
    }
    parser->finish();
    takeResult(log, builder);
    return log;
}

void takeResult(LoadedLog &log, TraceBuilder &builder)
{
    builder.finishInput();
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
}

LoadedLog readMlperfRun(const MlperfRunFiles &files, const QString &path, const LoadOptions &options)
{
    LoadedLog log;
    log.path = path;
    log.formatId = QStringLiteral("mlperf");
    MlperfRunReader run;
    TraceBuilder builder;
    const auto read = [&](const QString &filePath, MlperfFileRole role, int index) {
        QFile file(filePath);
        const QString name = QFileInfo(filePath).fileName();
        if (!file.open(QIODevice::ReadOnly)) {
            builder.issue({0, QStringLiteral("%1: cannot open: %2; left out").arg(name, file.errorString())});
            return;
        }
        MlperfParser parser(&run, run.addFile(name, role, index));
        parser.setSink(&builder);
        // Power files of a run are small (a reading a second); one read each is enough.
        parser.feed(file.readAll());
        parser.finish();
    };
    if (!files.trainingLog.isEmpty())
        read(files.trainingLog, MlperfFileRole::TrainingLog, 0);
    for (const auto &node : files.nodes)
        read(node.path, MlperfFileRole::Node, node.index);
    for (const auto &sw : files.switches)
        read(sw.path, MlperfFileRole::Switch, sw.index);
    if (isCancelled(options)) {
        log.cancelled = true;
        log.error = QStringLiteral("loading was cancelled");
        return log;
    }
    run.report(builder);
    QString noScore;
    if (const auto score = run.score(&noScore)) {
        const auto put = [&builder](const char *key, double value) {
            builder.metadata(QLatin1String(key), QString::number(value, 'g', QLocale::FloatingPointShortest));
        };
        put("mlperf.time_to_train_s", score->timeToTrainS);
        put("mlperf.energy_j", score->energyJ);
        put("mlperf.nodes", score->nodes);
        put("mlperf.switches", score->switches);
        if (score->conversionEff)
            put("mlperf.conversion_eff", *score->conversionEff);
    } else {
        builder.issue({0, QStringLiteral("no energy score by MLCommons' rule: %1").arg(noScore)});
    }
    takeResult(log, builder);
    return log;
}

} // namespace

} // namespace nightwatt
