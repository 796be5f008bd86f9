// Arbitrary bytes through what `nightwatt summary FILE` does: sniff, load, analyse, report. Each
// format's parser also has a target of its own (fuzz_format.cpp), which checks chunking.
#include "formats/logformat.h"
#include "formats/powervalue.h"
#include "io/logloader.h"
#include "report/runsummary.h"

#include <cmath>
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

// CMake makes one fuzz_<format> target per id it finds in the registry's source; stop at once if
// that scan and the registry disagree, rather than leave a format unfuzzed without anyone noticing.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QStringList registered;
    for (const nightwatt::LogFormat &format : nightwatt::logFormats())
        registered.append(format.id);
    const QString withTargets = QStringLiteral(NIGHTWATT_FUZZ_FORMAT_IDS);
    if (registered.join(u',') != withTargets) {
        std::fprintf(stderr, "formats registered: %s\nformats with a fuzz target: %s\n", qPrintable(registered.join(u',')),
                     qPrintable(withTargets));
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace nightwatt;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const LoadedLog log = LogLoader::loadBytes(bytes, QStringLiteral("fuzz-input"));
    require(log.ok() != log.trace.isEmpty(), "a log loads if and only if it has samples");
    require(log.issues.size() <= log.issueCount, "kept issues never outnumber counted issues");
    // Implausible power (negative, infinite, absurdly large) is an issue, never data.
    for (int channel = 0; channel < log.trace.channelCount(); ++channel) {
        for (const float watts : log.trace.values(channel))
            require(std::isnan(watts) || (watts >= 0.0f && watts <= kMaxPlausiblePowerW), "every value is plausible power or missing");
    }
    for (const double timeS : log.trace.times())
        require(std::isfinite(timeS), "every sample time is finite");
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
    return 0;
}
