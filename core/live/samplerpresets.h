#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace nightwatt {

// A sampler program as argv: never a shell string, so nothing in it is ever interpreted.
struct SamplerCommand
{
    QString program;
    QStringList arguments;
    QString installHint; // said when the program cannot be started
};

struct SamplerEnvironment
{
    bool isRoot = false;
    static SamplerEnvironment current();
};

struct SamplerPreset
{
    std::optional<SamplerCommand> command;
    QString error; // set when the preset cannot run here (powermetrics without root)
    bool runEachInterval = false; // prints one snapshot and exits (rocm-smi, amd-smi): run it every interval
};

// "nvidia-smi", "powermetrics", "macmon", "tegrastats", "rocm-smi", "amd-smi".
QStringList samplerPresetNames();
bool isSamplerPreset(const QString &name);
SamplerPreset samplerPreset(const QString &name, int intervalMs, const SamplerEnvironment &environment);

} // namespace nightwatt
