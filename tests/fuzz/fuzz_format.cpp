// One format's parser on arbitrary bytes: must not crash, and must read the same whatever the
// chunking. Compiled once and linked once per format id: fuzz_nvidia_smi_csv fuzzes the format
// "nvidia-smi-csv", as its name says (see CMakeLists.txt).
#include "chunkinvariance.h"

#include "parserecord.h"

#include "formats/logformat.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace nightwatt;

constexpr int kMaxCuts = 15;

std::string g_formatId;

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "%s: %s %s\n", g_formatId.c_str(), what, qPrintable(detail));
    std::abort();
}

// "…/fuzz_nvidia_smi_csv" → "nvidia-smi-csv" (format ids have no underscores).
std::string formatIdFromProgramName(const char *program)
{
    std::string name(program);
    name.erase(0, name.find_last_of('/') + 1);
    const std::string prefix = "fuzz_";
    if (name.compare(0, prefix.size(), prefix) == 0)
        name.erase(0, prefix.size());
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

const LogFormat &format()
{
    static const LogFormat *found = logFormatById(QString::fromStdString(g_formatId));
    if (!found)
        fail("is not a registered format id (the program's name says which format it fuzzes)");
    return *found;
}

// Chunk sizes for cuts at `offsets` (any values; taken modulo the input length).
std::vector<qsizetype> chunksAt(std::vector<qsizetype> offsets, qsizetype total)
{
    for (qsizetype &offset : offsets)
        offset = total > 0 ? offset % (total + 1) : 0;
    std::sort(offsets.begin(), offsets.end());
    std::vector<qsizetype> sizes;
    qsizetype previous = 0;
    for (qsizetype offset : offsets) {
        sizes.push_back(offset - previous); // empty chunks too: a read may return nothing
        previous = offset;
    }
    sizes.push_back(total - previous);
    return sizes;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***argv)
{
    g_formatId = formatIdFromProgramName((*argv)[0]);
    format(); // an unknown name stops here, before any input
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The input's last bytes say where to cut (FuzzedDataProvider takes integers from the end),
    // so the fuzzer steers the split points like any other byte; the rest is the log itself.
    FuzzedDataProvider provider(data, size);
    const int cuts = provider.ConsumeIntegralInRange(0, kMaxCuts);
    std::vector<qsizetype> offsets;
    for (int i = 0; i < cuts; ++i)
        offsets.push_back(provider.ConsumeIntegral<uint16_t>());
    const std::vector<char> log = provider.ConsumeRemainingBytes<char>();
    const QByteArrayView bytes(log.data(), qsizetype(log.size()));

    const int score = format().sniff(bytes.first(std::min(bytes.size(), kSniffBytes)));
    if (score < 0 || score > 100)
        fail("sniff score outside 0..100:", QString::number(score));

    const testsupport::ParseRecord whole = testsupport::parseWhole(format(), bytes);
    const QString difference =
        testsupport::firstDifference(whole, testsupport::parseInChunks(format(), bytes, chunksAt(offsets, bytes.size())));
    if (!difference.isEmpty())
        fail("whole input and the fuzzer's cuts disagree:", difference);
    // Random and byte-by-byte chunkings on top, seeded by the bytes so a crash replays exactly.
    fuzz::checkChunkInvariance(format(), bytes);
    return 0;
}
