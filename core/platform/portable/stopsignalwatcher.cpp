#include "platform/stopsignalwatcher.h"

#include <QTimer>

#include <atomic>
#include <csignal>

namespace nightwatt::platform {

namespace {

// Standard C signals only: the handler sets a flag (some systems run it on a thread of its own)
// and a timer on the event loop looks at it. A stop request waits at most one tick.
std::atomic_int g_pending = 0;
constexpr int kWatched[] = {SIGINT, SIGTERM};
constexpr int kPollMs = 100;

void onSignal(int signal)
{
    g_pending.store(signal);
    std::signal(signal, &onSignal); // some systems reset the handler before calling it
}

} // namespace

StopSignalWatcher::StopSignalWatcher(QObject *parent)
    : QObject(parent)
{
    g_pending.store(0);
    for (int signal : kWatched)
        std::signal(signal, &onSignal);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &StopSignalWatcher::deliverPending);
    timer->start(kPollMs);
    m_wakeup = timer;
}

StopSignalWatcher::~StopSignalWatcher()
{
    for (int signal : kWatched)
        std::signal(signal, SIG_DFL);
    delete m_wakeup;
}

void StopSignalWatcher::deliverPending()
{
    if (const int signal = g_pending.exchange(0))
        Q_EMIT received(signal);
}

} // namespace nightwatt::platform
