#pragma once

#include "formats/logformat.h"

#include <QByteArrayView>

namespace nightwatt::fuzz {

// Parses `bytes` whole, in random chunks (seeded by the bytes, so a crash input replays exactly)
// and, for small inputs, byte by byte; aborts with the first difference when the runs disagree.
// Incremental parsing must not depend on where a pipe or a read happened to split the input.
void checkChunkInvariance(const LogFormat &format, QByteArrayView bytes);

} // namespace nightwatt::fuzz
