#include "io/backgroundpriority.h"

#include "platform/platform.h"

#include <utility>

namespace nightwatt {

void makeCurrentThreadBackground()
{
    // Pool threads run one task after another: each steps back once.
    thread_local bool done = false;
    if (std::exchange(done, true))
        return;
    constexpr int kSteps = 5;
    platform::lowerCurrentThreadPriority(kSteps);
}

} // namespace nightwatt
