#include "platform/platform.h"

#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <sys/mman.h>
#include <sys/resource.h>

namespace nightwatt::platform {

std::optional<QString> executablePath()
{
    const QFileInfo self(QStringLiteral("/proc/self/exe"));
    if (!self.exists())
        return std::nullopt; // /proc not mounted (some containers)
    return self.canonicalFilePath();
}

void releasePages(const char *begin, const char *end)
{
    constexpr quintptr page = 4096; // the loader counts released bytes in these
    const quintptr first = (quintptr(begin) + page - 1) / page * page;
    const quintptr last = quintptr(end) / page * page;
    if (last > first)
        madvise(reinterpret_cast<void *>(first), size_t(last - first), MADV_DONTNEED);
}

void lowerCurrentThreadPriority(int steps)
{
    // Linux keeps the nice value per thread: PRIO_PROCESS with 0 is the calling thread only.
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, 0);
    if (errno == 0)
        setpriority(PRIO_PROCESS, 0, std::min(19, current + steps));
}

QString powercapRoot()
{
    return QStringLiteral("/sys/class/powercap");
}

QString hwmonRoot()
{
    return QStringLiteral("/sys/class/hwmon");
}

} // namespace nightwatt::platform
