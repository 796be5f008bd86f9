// Arbitrary bytes through what `nightwatt summary FILE` does: sniff, load, analyse, report. Then
// every registered format, forced, must read the bytes the same in any chunking, so formats
// added later are covered without a target of their own.
#include "chunkinvariance.h"

#include "formats/logformat.h"
#include "io/logloader.h"
#include "report/runsummary.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "broken invariant: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace nightwatt;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("fuzz-input"));
    require(log.ok() != log.trace.isEmpty(), "a log loads if and only if it has samples");
    require(log.issues.size() <= log.issueCount, "kept issues never outnumber counted issues");
    if (log.trace.timing() != TimingKind::None) {
        for (qsizetype i = 1; i < log.trace.size(); ++i)
            require(log.trace.timeS(i - 1) <= log.trace.timeS(i), "time never runs backwards");
    }
    if (log.ok()) {
        RunSummary summary;
        summary.input = summaryInputFromLog(log);
        applyMeasurementToScenario(*summary.input, summary.scenario);
        summary.result = computeScenario(summary.scenario);
        require(!summaryToJson(summary).isEmpty(), "the JSON summary has keys");
        require(!summaryToText(summary).isEmpty(), "the text summary has lines");
    }

    for (const LogFormat &format : logFormats())
        fuzz::checkChunkInvariance(format, bytes);
    return 0;
}
