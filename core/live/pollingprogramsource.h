#pragma once

#include "live/livesource.h"
#include "live/samplerpresets.h"

#include <QProcess>

class QTimer;

namespace nightwatt {

// Runs a tool that prints one snapshot and exits (rocm-smi --json, amd-smi metric --json) once
// every interval, and parses the snapshots as one log, the way a shell loop appending them to a
// file would leave it. A run still going when the next is due delays it: the snapshots are then
// further apart than the interval says, which the source reports once.
class PollingProgramSource final : public LiveSource
{
    Q_OBJECT
public:
    PollingProgramSource(SamplerCommand command, int intervalMs, QObject *parent = nullptr);
    ~PollingProgramSource() override;

    QString description() const override;

protected:
    void open() override;
    void halt() override;

private:
    void runOnce();
    void onErrorOccurred(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);

    SamplerCommand m_command;
    int m_intervalMs;
    QTimer *m_timer = nullptr;
    QProcess *m_process = nullptr;
    bool m_reportedLate = false;
};

} // namespace nightwatt
