#pragma once

#include <QString>

#include <optional>

// The seam between Nightwatt and the operating system. Each declaration here and in the other
// headers of this folder has two implementations: linux/ (what the Linux build uses) and
// portable/ (plain standard C++ and Qt, for systems without a port of their own and for the
// NIGHTWATT_PORTABLE build). core/CMakeLists.txt compiles exactly one of the two folders.
// docs/ports.md says what a macOS or Windows implementation needs.
namespace nightwatt::platform {

// True in a build that carries the Linux implementation (NIGHTWATT_PLATFORM_LINUX, set by CMake
// for every target that links the core). Tests of a Linux-only feature skip on this.
inline constexpr bool kLinux =
#if defined(NIGHTWATT_PLATFORM_LINUX)
    true;
#else
    false;
#endif

// The running program's own file, from the system rather than argv[0]; nothing when this
// system gives no way (the caller falls back to argv[0]).
std::optional<QString> executablePath();

// A mapped input's pages in [begin, end) leave memory: the reader is done with them. Only whole
// pages inside the range go; they come back from the page cache if read again. May do nothing.
void releasePages(const char *begin, const char *end);

// The calling thread steps back `steps` nice levels (at most to the lowest priority); nothing
// where threads have no priority of their own or the system refuses.
void lowerCurrentThreadPriority(int steps);

// Where the kernel lists RAPL energy counters (Linux powercap) and hwmon sensors; empty when this
// system has no such folder (the source then asks for one).
QString powercapRoot();
QString hwmonRoot();

} // namespace nightwatt::platform
