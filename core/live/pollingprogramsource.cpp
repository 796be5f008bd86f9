#include "live/pollingprogramsource.h"

#include "live/programsource.h"

#include <QTimer>

namespace nightwatt {

PollingProgramSource::PollingProgramSource(SamplerCommand command, int intervalMs, QObject *parent)
    : LiveSource(parent)
    , m_command(std::move(command))
    , m_intervalMs(std::max(1, intervalMs))
{
}

PollingProgramSource::~PollingProgramSource()
{
    halt();
}

QString PollingProgramSource::description() const
{
    return QStringLiteral("%1 every %2 ms").arg((QStringList{m_command.program} + m_command.arguments).join(u' ')).arg(m_intervalMs);
}

void PollingProgramSource::open()
{
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &PollingProgramSource::runOnce);
    m_timer->start(m_intervalMs);
    runOnce();
}

void PollingProgramSource::halt()
{
    delete m_timer;
    m_timer = nullptr;
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

void PollingProgramSource::runOnce()
{
    if (!status().isRunning())
        return;
    if (m_process) {
        if (!m_reportedLate) {
            m_reportedLate = true;
            trace()->reportIssue(QStringLiteral("%1 takes longer than the %2 ms interval: snapshots are further apart than "
                                                "the time axis says (give a longer --interval-ms)")
                                     .arg(m_command.program)
                                     .arg(m_intervalMs));
        }
        return;
    }
    m_process = new QProcess(this);
    m_process->setProgram(m_command.program);
    m_process->setArguments(m_command.arguments);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_process)
            deliver(m_process->readAllStandardOutput());
    });
    connect(m_process, &QProcess::errorOccurred, this, &PollingProgramSource::onErrorOccurred);
    connect(m_process, &QProcess::finished, this, &PollingProgramSource::onFinished);
    m_process->start();
}

void PollingProgramSource::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    fail(ProgramSource::cannotStart(m_command, m_process->errorString()));
}

void PollingProgramSource::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (!m_process)
        return;
    deliver(m_process->readAllStandardOutput());
    const QString errorText = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed().right(500);
    QProcess *process = std::exchange(m_process, nullptr);
    process->deleteLater();
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        finishInput();
        fail(QStringLiteral("%1 %2%3")
                 .arg(m_command.program,
                      exitStatus == QProcess::CrashExit ? QStringLiteral("was killed") : QStringLiteral("exited with code %1").arg(exitCode),
                      errorText.isEmpty() ? QString() : QStringLiteral(": ") + errorText));
    }
}

} // namespace nightwatt
