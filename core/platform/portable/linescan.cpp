#include "platform/linescan.h"

namespace nightwatt::platform {

// No vector scan: the line parser's scalar scan reads every block.
bool hasVectorLineScan()
{
    return false;
}

const char *skipDullBlocks(const char *scan, const char *, const char *&, qint64 &, const LineByteClasses &, LineStartTest, const void *,
                           quint64 &)
{
    return scan;
}

} // namespace nightwatt::platform
