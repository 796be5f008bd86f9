#include "platform/mappingguard.h"

#include <array>
#include <csignal>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nightwatt::platform {

namespace {

// The address ranges the SIGBUS handler answers for. The handler may only read atomics, so the
// table is fixed; a load that finds no free slot reads its file instead of mapping it.
struct GuardedRange
{
    std::atomic_bool inUse = false;
    std::atomic<quintptr> begin = 0; // page aligned; [begin, end) empty while the slot is set up
    std::atomic<quintptr> end = 0;   // rounded up to a page
    std::atomic_bool faulted = false;
};

constexpr int kGuardedRanges = 64;
std::array<GuardedRange, kGuardedRanges> g_ranges;
struct sigaction g_previousAction;
quintptr g_pageSize = 4096;

void passOn(int signal, siginfo_t *info, void *context)
{
    if (g_previousAction.sa_flags & SA_SIGINFO) {
        if (g_previousAction.sa_sigaction) {
            g_previousAction.sa_sigaction(signal, info, context);
            return;
        }
    } else if (g_previousAction.sa_handler != SIG_DFL && g_previousAction.sa_handler != SIG_IGN) {
        g_previousAction.sa_handler(signal);
        return;
    }
    // A fault cannot be ignored: the default action ends the process when the access is retried.
    ::signal(signal, SIG_DFL);
}

void onBusError(int signal, siginfo_t *info, void *context)
{
    const quintptr address = quintptr(info->si_addr);
    for (GuardedRange &range : g_ranges) {
        const quintptr begin = range.begin.load(std::memory_order_acquire);
        const quintptr end = range.end.load(std::memory_order_acquire);
        if (address < begin || address >= end)
            continue;
        // The file ends before this page now. Zeros in place of the rest of the mapping: the
        // access is retried and reads them, and so does every later one, without another fault.
        const quintptr page = address / g_pageSize * g_pageSize;
        void *zeros = mmap(reinterpret_cast<void *>(page), size_t(end - page), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zeros == MAP_FAILED)
            break;
        range.faulted.store(true, std::memory_order_release);
        return;
    }
    passOn(signal, info, context);
}

void installHandler()
{
    static std::once_flag installed;
    std::call_once(installed, [] {
        g_pageSize = quintptr(sysconf(_SC_PAGESIZE));
        struct sigaction action = {};
        action.sa_sigaction = &onBusError;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, &g_previousAction);
    });
}

} // namespace

int guardMapping(const uchar *data, qint64 size)
{
    installHandler();
    for (int i = 0; i < kGuardedRanges; ++i) {
        bool expected = false;
        if (!g_ranges[size_t(i)].inUse.compare_exchange_strong(expected, true))
            continue;
        GuardedRange &range = g_ranges[size_t(i)];
        range.faulted.store(false);
        range.end.store((quintptr(data) + quintptr(size) + g_pageSize - 1) / g_pageSize * g_pageSize, std::memory_order_release);
        range.begin.store(quintptr(data) / g_pageSize * g_pageSize, std::memory_order_release);
        return i;
    }
    return -1;
}

void unguardMapping(int slot)
{
    GuardedRange &range = g_ranges[size_t(slot)];
    range.begin.store(0, std::memory_order_release);
    range.end.store(0, std::memory_order_release);
    range.inUse.store(false, std::memory_order_release);
}

const std::atomic_bool &mappingFaulted(int slot)
{
    return g_ranges[size_t(slot)].faulted;
}

qint64 currentFileSize(QFile &file)
{
    struct stat status = {};
    if (fstat(file.handle(), &status) == 0)
        return qint64(status.st_size);
    return file.size();
}

} // namespace nightwatt::platform
