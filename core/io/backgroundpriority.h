#pragma once

namespace nightwatt {

// How far background work steps back. Loading: the user waits for it, but the window must stay
// responsive. Keeping: writing the run library, which nobody waits for.
enum class BackgroundWork { Loading, Keeping };

// Marks the calling thread, and the threads it starts from now on, as background work (once per
// thread: a pool thread may call it for every task): on Linux
// their nice value goes up (5 steps for loading, 10 for keeping), so the GUI thread gets a core
// whenever it wants one. Unlike SCHED_IDLE they still get a share next to other programs'
// ordinary work, such as the training run being measured. Elsewhere, or when the system
// refuses, nothing changes.
void makeCurrentThreadBackground(BackgroundWork work);

} // namespace nightwatt
