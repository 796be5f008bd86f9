#include "platform/stopsignalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace nightwatt::platform {

namespace {

// The self-pipe: the handler only writes one byte, the event loop reads it.
int g_pipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
}

constexpr int kWatched[] = {SIGINT, SIGTERM};

} // namespace

StopSignalWatcher::StopSignalWatcher(QObject *parent)
    : QObject(parent)
{
    if (::pipe(g_pipe) != 0)
        return;
    for (int fd : g_pipe)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC); // the sampler child must not inherit it
    ::fcntl(g_pipe[1], F_SETFL, O_NONBLOCK);
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &StopSignalWatcher::deliverPending);
    m_wakeup = notifier;
    struct sigaction action {};
    action.sa_handler = &onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : kWatched)
        ::sigaction(signal, &action, nullptr);
}

StopSignalWatcher::~StopSignalWatcher()
{
    for (int signal : kWatched)
        std::signal(signal, SIG_DFL);
    delete m_wakeup;
    for (int &fd : g_pipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

void StopSignalWatcher::deliverPending()
{
    char byte = 0;
    if (::read(g_pipe[0], &byte, 1) == 1)
        Q_EMIT received(int(byte));
}

} // namespace nightwatt::platform
