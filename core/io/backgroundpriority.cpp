#include "io/backgroundpriority.h"

#include <QtGlobal>

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/resource.h>
#endif

#include <algorithm>
#include <utility>

namespace nightwatt {

void makeCurrentThreadBackground()
{
#if defined(Q_OS_LINUX)
    // Pool threads run one task after another: each steps back once.
    thread_local bool done = false;
    if (std::exchange(done, true))
        return;
    // Linux keeps the nice value per thread: PRIO_PROCESS with 0 is the calling thread only.
    constexpr int kSteps = 5;
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, 0);
    if (errno == 0)
        setpriority(PRIO_PROCESS, 0, std::min(19, current + kSteps));
#endif
}

} // namespace nightwatt
