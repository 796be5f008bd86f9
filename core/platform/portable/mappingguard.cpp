#include "platform/mappingguard.h"

namespace nightwatt::platform {

// No guard: a mapped file that shrinks may end the process (SIGBUS on POSIX systems), so every
// input is read instead of mapped.
int guardMapping(const uchar *, qint64)
{
    return -1;
}

void unguardMapping(int) {}

const std::atomic_bool &mappingFaulted(int)
{
    static const std::atomic_bool never = false;
    return never;
}

qint64 currentFileSize(QFile &file)
{
    return file.size();
}

} // namespace nightwatt::platform
