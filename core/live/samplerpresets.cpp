#include "live/samplerpresets.h"

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace nightwatt {

namespace {

QString powermetricsNeedsRoot(int intervalMs)
{
    const QString args = QStringLiteral("-i %1 --samplers cpu_power,gpu_power").arg(intervalMs);
    return QStringLiteral(
               "powermetrics only runs as root, and Nightwatt never asks for, passes or stores a password. "
               "Choose one:\n"
               "  1. run the whole capture as root in a terminal:\n"
               "       sudo nightwatt capture --source powermetrics --interval-ms %1 -o run.txt\n"
               "  2. run powermetrics yourself and follow its log (Nightwatt stays unprivileged):\n"
               "       sudo powermetrics %2 -o run.txt      and in another terminal:\n"
               "       nightwatt capture --source follow:run.txt\n"
               "  3. allow powermetrics without a password with a sudoers rule "
               "(sudo visudo -f /etc/sudoers.d/nightwatt):\n"
               "       %3 ALL=(root) NOPASSWD: /usr/bin/powermetrics\n"
               "     then: nightwatt capture -o run.txt -- sudo -n /usr/bin/powermetrics %2")
        .arg(intervalMs)
        .arg(args, qEnvironmentVariable("USER", QStringLiteral("YOUR_USER_NAME")));
}

} // namespace

SamplerEnvironment SamplerEnvironment::current()
{
    SamplerEnvironment environment;
#ifdef Q_OS_UNIX
    environment.isRoot = ::geteuid() == 0;
#endif
    return environment;
}

QStringList samplerPresetNames()
{
    return {QStringLiteral("nvidia-smi"), QStringLiteral("powermetrics"), QStringLiteral("macmon"),
            QStringLiteral("tegrastats"), QStringLiteral("rocm-smi"), QStringLiteral("amd-smi")};
}

bool isSamplerPreset(const QString &name)
{
    return samplerPresetNames().contains(name);
}

SamplerPreset samplerPreset(const QString &name, int intervalMs, const SamplerEnvironment &environment)
{
    const QString interval = QString::number(intervalMs);
    SamplerPreset preset;
    if (name == QLatin1String("nvidia-smi")) {
        preset.command = SamplerCommand{
            QStringLiteral("nvidia-smi"),
            {QStringLiteral("--query-gpu=timestamp,index,name,power.draw"), QStringLiteral("--format=csv"), QStringLiteral("-lms"), interval},
            QStringLiteral("nvidia-smi comes with the NVIDIA driver; is the driver installed and nvidia-smi on PATH?")};
    } else if (name == QLatin1String("powermetrics")) {
        if (!environment.isRoot) {
            preset.error = powermetricsNeedsRoot(intervalMs);
            return preset;
        }
        preset.command = SamplerCommand{
            QStringLiteral("powermetrics"),
            {QStringLiteral("-i"), interval, QStringLiteral("--samplers"), QStringLiteral("cpu_power,gpu_power")},
            QStringLiteral("powermetrics is part of macOS (/usr/bin/powermetrics); it does not exist on other systems.")};
    } else if (name == QLatin1String("macmon")) {
        preset.command = SamplerCommand{QStringLiteral("macmon"),
                                        {QStringLiteral("pipe"), QStringLiteral("-i"), interval},
                                        QStringLiteral("macmon runs on Apple silicon Macs without root; install it with `brew install macmon`.")};
    } else if (name == QLatin1String("tegrastats")) {
        preset.command = SamplerCommand{QStringLiteral("tegrastats"),
                                        {QStringLiteral("--interval"), interval},
                                        QStringLiteral("tegrastats comes with NVIDIA Jetson's L4T (JetPack) in /usr/bin; it exists "
                                                       "only on Jetson boards.")};
    } else if (name == QLatin1String("rocm-smi")) {
        preset.command = SamplerCommand{QStringLiteral("rocm-smi"),
                                        {QStringLiteral("--showpower"), QStringLiteral("--json")},
                                        QStringLiteral("rocm-smi comes with AMD ROCm (/opt/rocm/bin); is ROCm installed and on PATH? "
                                                       "Newer ROCm has amd-smi instead: --source amd-smi.")};
        preset.runEachInterval = true;
    } else if (name == QLatin1String("amd-smi")) {
        preset.command = SamplerCommand{QStringLiteral("amd-smi"),
                                        {QStringLiteral("metric"), QStringLiteral("--power"), QStringLiteral("--json")},
                                        QStringLiteral("amd-smi comes with AMD ROCm 6 and newer (/opt/rocm/bin); is ROCm installed "
                                                       "and on PATH? Older ROCm has rocm-smi: --source rocm-smi.")};
        preset.runEachInterval = true;
    } else {
        preset.error = QStringLiteral("unknown sampler \"%1\" (known: %2)").arg(name, samplerPresetNames().join(QStringLiteral(", ")));
    }
    return preset;
}

} // namespace nightwatt
