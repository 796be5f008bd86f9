#pragma once

#include <QObject>

namespace nightwatt::platform {

// Turns a request to stop the process (Ctrl+C, SIGTERM) into a Qt signal delivered by the event
// loop, so a capture stops cleanly instead of being killed mid-write. One instance at a time;
// the default handling comes back when it is destroyed.
class StopSignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit StopSignalWatcher(QObject *parent = nullptr);
    ~StopSignalWatcher() override;

Q_SIGNALS:
    // `signal` is the signal's number (SIGINT, SIGTERM).
    void received(int signal);

private:
    void deliverPending();

    QObject *m_wakeup = nullptr; // what tells the event loop a signal came (implementation's own)
};

} // namespace nightwatt::platform
