#include "live/programsource.h"

#include "io/messagetext.h"

#include <QTimer>

namespace nightwatt {

namespace {

constexpr qsizetype kStderrTailBytes = 2048;

} // namespace

ProgramSource::ProgramSource(SamplerCommand command, QObject *parent)
    : LiveSource(parent)
    , m_command(std::move(command))
{
}

ProgramSource::~ProgramSource()
{
    halt();
}

QString ProgramSource::description() const
{
    return describeCommandLine(QStringList{m_command.program} + m_command.arguments);
}

qint64 ProgramSource::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void ProgramSource::open()
{
    m_stderrTail.clear();
    m_process = new QProcess(this);
    m_process->setProgram(m_command.program);
    m_process->setArguments(m_command.arguments);
    // The sampler's stdin is not ours to give: a sampler that asks for input (sudo wanting a
    // password) gets end-of-file and fails visibly instead of hanging the capture.
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProgramSource::readOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, &ProgramSource::readError);
    connect(m_process, &QProcess::errorOccurred, this, &ProgramSource::onErrorOccurred);
    connect(m_process, &QProcess::finished, this, &ProgramSource::onFinished);
    m_process->start();
}

void ProgramSource::halt()
{
    if (!m_process)
        return;
    QProcess *process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(1000);
    }
    process->deleteLater();
}

void ProgramSource::requestStop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        LiveSource::requestStop();
        return;
    }
    // Samplers flush their last sample on SIGTERM; onFinished() completes the stop.
    m_process->terminate();
    QTimer::singleShot(kTerminateGraceMs, m_process, &QProcess::kill);
}

void ProgramSource::readOutput()
{
    if (!m_process)
        return;
    const QByteArray bytes = m_process->readAllStandardOutput();
    deliver(bytes);
}

void ProgramSource::readError()
{
    if (!m_process)
        return;
    m_stderrTail += m_process->readAllStandardError();
    if (m_stderrTail.size() > kStderrTailBytes)
        m_stderrTail = m_stderrTail.right(kStderrTailBytes);
}

void ProgramSource::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return; // crashes and exits arrive through finished()
    fail(cannotStart(m_command, m_process->errorString()));
}

QString ProgramSource::cannotStart(const SamplerCommand &command, const QString &reason)
{
    QString message = QStringLiteral("cannot start %1: %2").arg(command.program, reason);
    if (!command.installHint.isEmpty())
        message += QStringLiteral(". ") + command.installHint;
    return message;
}

void ProgramSource::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (!m_process)
        return;
    readOutput();
    readError();
    finishInput(); // fails the source when the output was no power log at all
    halt();
    QString message = standardErrorTail();
    if (message.size() > 500)
        message = QStringLiteral("…") + message.right(500);
    if (status().hasEnded()) {
        // nvidia-smi prints "NVIDIA-SMI has failed ..." on stdout and exits 9: say both.
        LiveStatus failed = status();
        failed.message += exitStatus == QProcess::CrashExit ? QStringLiteral(" (%1 was killed by signal %2)").arg(m_command.program).arg(exitCode)
                                                            : QStringLiteral(" (%1 exited with code %2)").arg(m_command.program).arg(exitCode);
        if (!message.isEmpty())
            failed.message += QStringLiteral(": ") + message;
        setStatus(failed);
    } else if (stopRequested()) {
        setStatus({LiveStatus::State::Stopped, 0, {}});
    } else if (exitStatus == QProcess::CrashExit) {
        // QProcess reports the terminating signal as the exit code of a crashed process on Unix.
        setStatus({LiveStatus::State::Killed, exitCode, message});
    } else {
        setStatus({LiveStatus::State::Exited, exitCode, exitCode == 0 ? QString() : message});
    }
}

} // namespace nightwatt
