#pragma once

#include <QString>

namespace nightwatt {

// How a channel relates to the run's total power. Only components are summed: a reported total
// (powermetrics Package/Combined) already contains them, and DRAM or cluster lines are parts of
// other figures, so adding either would count energy twice.
enum class ChannelRole {
    Component,     // cpu, gpu, ane, gpu0..gpuN: summed into the total
    ReportedTotal, // package, combined: shown beside the total, used as total only when alone
    Auxiliary,     // dram, clusters, memory: shown, never summed
};

struct ChannelInfo
{
    QString id;    // stable snake_case key used in JSON and settings: "cpu", "gpu0", "package"
    QString label; // what a person reads: "CPU", "GPU 0", "Package (reported)"
    ChannelRole role = ChannelRole::Component;
};

} // namespace nightwatt
