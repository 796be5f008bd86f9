#pragma once

namespace nightwatt {

// Marks the calling thread, and the threads it starts from now on, as background work that the
// user waits for but the window must stay responsive through (loading a log, a selection's
// figures): on Linux their nice value goes up by 5 steps, once per thread (a pool thread may call
// this for every task), so the GUI thread gets a core whenever it wants one. Unlike SCHED_IDLE
// they still get a share next to other programs' ordinary work, such as the training run being
// measured. Elsewhere (core/platform), or when the system refuses, nothing changes.
// Not for threads that hold locks other threads wait for: the run library's thread holds the
// database's write lock during imports, which a capture's appender waits for.
void makeCurrentThreadBackground();

} // namespace nightwatt
