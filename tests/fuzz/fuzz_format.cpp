// One format's parser on arbitrary bytes: must not crash, and must read the same whatever the
// chunking. Built once per format id (NIGHTWATT_FUZZ_FORMAT), see CMakeLists.txt.
#include "chunkinvariance.h"

#include "formats/logformat.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace nightwatt;
    static const LogFormat *format = logFormatById(QStringLiteral(NIGHTWATT_FUZZ_FORMAT));
    if (!format) {
        std::fprintf(stderr, "no format with id %s\n", NIGHTWATT_FUZZ_FORMAT);
        std::abort();
    }
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const int score = format->sniff(bytes.first(std::min(bytes.size(), kSniffBytes)));
    if (score < 0 || score > 100) {
        std::fprintf(stderr, "sniff score %d outside 0..100\n", score);
        std::abort();
    }
    fuzz::checkChunkInvariance(*format, bytes);
    return 0;
}
