#include "parserecord.h"

#include "formats/tracebuilder.h"

#include <QCryptographicHash>

#include <cstring>
#include <functional>
#include <random>

namespace nightwatt::testsupport {

namespace {

// NaN is "missing": two missing values are the same reading, so compare bit patterns.
bool sameFloat(float a, float b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool sameDouble(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

QString traceDifference(const Trace &expected, const Trace &actual)
{
    if (expected.timing() != actual.timing())
        return QStringLiteral("timing kind %1 vs %2").arg(int(expected.timing())).arg(int(actual.timing()));
    if (expected.clockAtZero() != actual.clockAtZero())
        return QStringLiteral("clock at zero %1 vs %2")
            .arg(expected.clockAtZero().toString(Qt::ISODateWithMs), actual.clockAtZero().toString(Qt::ISODateWithMs));
    if (expected.channelCount() != actual.channelCount())
        return QStringLiteral("%1 channels vs %2").arg(expected.channelCount()).arg(actual.channelCount());
    for (int c = 0; c < expected.channelCount(); ++c) {
        const ChannelInfo &a = expected.channel(c);
        const ChannelInfo &b = actual.channel(c);
        if (a.id != b.id || a.label != b.label || a.role != b.role)
            return QStringLiteral("channel %1 is \"%2\" vs \"%3\"").arg(c).arg(a.id, b.id);
    }
    if (expected.size() != actual.size())
        return QStringLiteral("%1 samples vs %2").arg(expected.size()).arg(actual.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (!sameDouble(expected.timeS(i), actual.timeS(i)) || !sameFloat(expected.windowS(i), actual.windowS(i)))
            return QStringLiteral("sample %1 at %2 s (window %3) vs %4 s (window %5)")
                .arg(i)
                .arg(expected.timeS(i))
                .arg(expected.windowS(i))
                .arg(actual.timeS(i))
                .arg(actual.windowS(i));
        for (int c = 0; c < expected.channelCount(); ++c) {
            if (!sameFloat(expected.value(c, i), actual.value(c, i)))
                return QStringLiteral("sample %1 channel %2: %3 W vs %4 W")
                    .arg(i)
                    .arg(expected.channel(c).id)
                    .arg(expected.value(c, i))
                    .arg(actual.value(c, i));
        }
    }
    return {};
}

} // namespace

ParseRecord parseInChunks(const LogFormat &format, QByteArrayView bytes, const std::vector<qsizetype> &chunkSizes)
{
    TraceBuilder builder;
    const std::unique_ptr<LogParser> parser = format.create();
    parser->setSink(&builder);
    qsizetype offset = 0;
    for (size_t i = 0; i < chunkSizes.size() && offset < bytes.size(); ++i) {
        const qsizetype left = bytes.size() - offset;
        const qsizetype size = i + 1 == chunkSizes.size() ? left : std::min(chunkSizes[i], left);
        parser->feed(bytes.sliced(offset, size));
        offset += size;
    }
    if (offset < bytes.size())
        parser->feed(bytes.sliced(offset));
    parser->finish();

    ParseRecord record;
    record.trace = std::move(builder.trace());
    record.issues = builder.issues();
    record.issueCount = builder.issueCount();
    record.metadata = builder.metadata();
    return record;
}

ParseRecord parseWhole(const LogFormat &format, QByteArrayView bytes)
{
    return parseInChunks(format, bytes, {bytes.size()});
}

ParseRecord parseSplit(const LogFormat &format, QByteArrayView bytes, qsizetype split, qsizetype chunkSize, bool *joined)
{
    int joins = 0;
    ParseRecord record = parseSegments(format, bytes, {0, split}, chunkSize, &joins);
    if (joined)
        *joined = joins == 1;
    return record;
}

ParseRecord parseSegments(const LogFormat &format, QByteArrayView bytes, const std::vector<qsizetype> &starts, qsizetype chunkSize,
                          int *joined)
{
    const auto feed = [chunkSize](LogParser &parser, QByteArrayView part) {
        for (qsizetype offset = 0; offset < part.size(); offset += chunkSize)
            parser.feed(part.sliced(offset, std::min(chunkSize, part.size() - offset)));
    };
    const auto segment = [&](size_t i) {
        const qsizetype end = i + 1 < starts.size() ? starts[i + 1] : bytes.size();
        return bytes.sliced(starts[i], end - starts[i]);
    };
    TraceBuilder builder, unused;
    const std::unique_ptr<LogParser> head = format.create();
    head->setSink(&builder);
    feed(*head, segment(0));
    int joins = 0;
    for (size_t i = 1; i < starts.size(); ++i) {
        const std::unique_ptr<LogParser> tail = format.create();
        tail->setSink(&unused);
        tail->startAsTail(bytes.first(starts[i]));
        feed(*tail, segment(i));
        if (head->joinTail(*tail))
            ++joins;
        else
            feed(*head, segment(i));
    }
    head->finish();
    if (joined)
        *joined = joins;

    ParseRecord record;
    record.trace = std::move(builder.trace());
    record.issues = builder.issues();
    record.issueCount = builder.issueCount();
    record.metadata = builder.metadata();
    if (!unused.trace().isEmpty() || unused.issueCount() > 0 || !unused.metadata().isEmpty()) {
        record.issues.append({-1, QStringLiteral("a tail reader reported to its own sink")});
        ++record.issueCount;
    }
    return record;
}

std::vector<qsizetype> randomChunkSizes(qsizetype total, quint64 seed, qsizetype maxChunk)
{
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<qsizetype> size(1, std::max<qsizetype>(1, maxChunk));
    std::vector<qsizetype> sizes;
    for (qsizetype done = 0; done < total;) {
        sizes.push_back(std::min(size(random), total - done));
        done += sizes.back();
    }
    return sizes;
}

std::vector<qsizetype> byteByByte(qsizetype total)
{
    return std::vector<qsizetype>(size_t(total), 1);
}

quint64 seedFromBytes(QByteArrayView bytes)
{
    const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
    quint64 seed = 0;
    std::memcpy(&seed, hash.constData(), sizeof seed);
    return seed;
}

QString firstDifference(const ParseRecord &expected, const ParseRecord &actual)
{
    if (const QString trace = traceDifference(expected.trace, actual.trace); !trace.isEmpty())
        return trace;
    if (expected.issueCount != actual.issueCount)
        return QStringLiteral("%1 issues vs %2").arg(expected.issueCount).arg(actual.issueCount);
    for (qsizetype i = 0; i < std::min(expected.issues.size(), actual.issues.size()); ++i) {
        const ParseIssue &a = expected.issues[i];
        const ParseIssue &b = actual.issues[i];
        if (a.line != b.line || a.message != b.message)
            return QStringLiteral("issue %1: line %2 \"%3\" vs line %4 \"%5\"")
                .arg(QString::number(i), QString::number(a.line), a.message, QString::number(b.line), b.message);
    }
    if (expected.metadata != actual.metadata)
        return QStringLiteral("metadata differs");
    return {};
}

} // namespace nightwatt::testsupport
