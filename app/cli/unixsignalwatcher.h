#pragma once

#include <QObject>

class QSocketNotifier;

namespace nightwatt::cli {

// Turns SIGINT/SIGTERM into a Qt signal delivered by the event loop (self-pipe: the handler only
// writes one byte), so Ctrl+C stops a capture cleanly instead of killing the process mid-write.
// One instance at a time; the default handlers come back when it is destroyed.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void received(int signal);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace nightwatt::cli
