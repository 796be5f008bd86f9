#pragma once

#include "live/livesource.h"
#include "live/samplerpresets.h"

#include <QProcess>

namespace nightwatt {

// Runs a sampler program (argv, never through a shell) and parses what it prints on stdout.
// When it exits or is killed, every complete sample it printed is kept and the status says how
// it ended; its last stderr lines explain a failure.
class ProgramSource final : public LiveSource
{
    Q_OBJECT
public:
    // How long a sampler gets to exit after SIGTERM before it is killed.
    static constexpr int kTerminateGraceMs = 3000;

    explicit ProgramSource(SamplerCommand command, QObject *parent = nullptr);
    ~ProgramSource() override;

    QString description() const override;
    const SamplerCommand &command() const { return m_command; }
    // 0 when no process runs.
    qint64 processId() const;
    // "cannot start tegrastats: No such file or directory. tegrastats comes with ...".
    static QString cannotStart(const SamplerCommand &command, const QString &reason);
    QString standardErrorTail() const { return QString::fromLocal8Bit(m_stderrTail).trimmed(); }

protected:
    void open() override;
    void halt() override;
    void requestStop() override;

private:
    void readOutput();
    void readError();
    void onErrorOccurred(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);

    SamplerCommand m_command;
    QProcess *m_process = nullptr;
    QByteArray m_stderrTail;
};

} // namespace nightwatt
