#pragma once

// Shared by the format tests: reads a file from tests/data and runs bytes through a format's
// parser the way a live source does, in chunks of any size.

#include "analysis/tracestats.h"
#include "formats/logformat.h"
#include "formats/tracebuilder.h"
#include "io/logloader.h"

#include <QFile>
#include <QString>
#include <QTest>

#include <cmath>
#include <initializer_list>

namespace nightwatt::testing {

inline QByteArray readTestData(const QString &name)
{
    QFile file(QStringLiteral(NIGHTWATT_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data file %s", qPrintable(name));
    return file.readAll();
}

// Why sniffing does not pick `formatId` for the test file `name` with a clear score (at least 60,
// above the generic CSV reader's 30), or an empty string when it does.
inline QString recognitionProblem(const QString &name, const QString &formatId)
{
    const QByteArray bytes = readTestData(name);
    const SniffResult sniffed = sniffLogFormat(bytes);
    if (!sniffed.format)
        return QStringLiteral("%1: no format recognised").arg(name);
    if (sniffed.format->id != formatId)
        return QStringLiteral("%1: recognised as %2, not %3").arg(name, sniffed.format->id, formatId);
    if (sniffed.format->sniff(bytes) < 60)
        return QStringLiteral("%1: sniff score %2 is below 60").arg(name).arg(sniffed.format->sniff(bytes));
    return {};
}

struct Parsed
{
    TraceBuilder builder;
    QString refusal;
    const Trace &trace() { return builder.trace(); }
};

// Feeds `bytes` to a fresh parser of `formatId` in chunks of `chunk` bytes.
inline std::unique_ptr<Parsed> parseInChunks(const QString &formatId, QByteArrayView bytes, qsizetype chunk)
{
    auto parsed = std::make_unique<Parsed>();
    const LogFormat *format = logFormatById(formatId);
    if (!format)
        qFatal("unknown format %s", qPrintable(formatId));
    std::unique_ptr<LogParser> parser = format->create();
    parser->setSink(&parsed->builder);
    for (qsizetype offset = 0; offset < bytes.size(); offset += chunk)
        parser->feed(bytes.sliced(offset, std::min(chunk, bytes.size() - offset)));
    parser->finish();
    parsed->builder.finishInput();
    if (parsed->builder.failure())
        parsed->refusal = parsed->builder.failure()->message;
    return parsed;
}

// Every file in `names` is recognised as `formatId` with a clear score; fails naming the first that is not.
inline void verifyRecognisedAs(const QString &formatId, std::initializer_list<QString> names)
{
    for (const QString &name : names) {
        const QString problem = recognitionProblem(name, formatId);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

// What every reading of one input must give, however it is cut into chunks.
struct ExpectedCounts
{
    int samples = 0;
    int issues = 0;
    qint64 firstIssueLine = 0; // checked when there are issues
};

// Parses `bytes` whole and again in `chunk`-byte pieces, as a pipe delivers them: each reading
// gives the expected counts, and one with samples is handed to `check` with its figures, which
// must then come out the same. Stops at the first failure.
template <typename Check>
void forEachChunking(const QString &formatId, QByteArrayView bytes, qsizetype chunk, const ExpectedCounts &expected, Check &&check)
{
    for (const qsizetype size : {bytes.size() + 1, chunk}) {
        const auto parsed = parseInChunks(formatId, bytes, size);
        QCOMPARE(parsed->trace().size(), qsizetype(expected.samples));
        QCOMPARE(parsed->builder.issueCount(), qint64(expected.issues));
        if (expected.issues > 0)
            QCOMPARE(parsed->builder.issues().first().line, expected.firstIssueLine);
        if (expected.samples == 0)
            continue;
        check(*parsed, analyzeTrace(parsed->trace()));
        if (QTest::currentTestFailed())
            return;
    }
}

inline QByteArray withCrlf(QByteArray bytes)
{
    return bytes.replace("\r\n", "\n").replace("\n", "\r\n");
}

inline QByteArray withBom(const QByteArray &bytes)
{
    return QByteArray("\xEF\xBB\xBF") + bytes;
}

// Drops the final newline and the last `count` bytes: a log copied while being written.
inline QByteArray cutOff(QByteArray bytes, qsizetype count)
{
    while (bytes.endsWith('\n'))
        bytes.chop(1);
    bytes.chop(count);
    return bytes;
}

inline double channelEnergyWh(const TraceStats &stats, const QString &id)
{
    const ChannelStats *channel = stats.channel(id);
    return channel && channel->energyWh ? *channel->energyWh : std::nan("");
}

inline double channelMeanW(const TraceStats &stats, const QString &id)
{
    const ChannelStats *channel = stats.channel(id);
    return channel ? channel->meanW : std::nan("");
}

// |actual - expected| <= tolerance, with both in the failure message.
#define NW_COMPARE_NEAR(actual, expected, tolerance)                                                          \
    do {                                                                                                      \
        const double nwActual = (actual);                                                                     \
        const double nwExpected = (expected);                                                                 \
        if (!(std::abs(nwActual - nwExpected) <= (tolerance)))                                                \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (± %4)")                                    \
                                 .arg(QStringLiteral(#actual)).arg(nwActual, 0, 'g', 12)                      \
                                 .arg(nwExpected, 0, 'g', 12).arg(double(tolerance), 0, 'g', 3)));             \
    } while (false)

} // namespace nightwatt::testing
