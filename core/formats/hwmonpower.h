#pragma once

#include "trace/channel.h"

#include <QString>

namespace nightwatt {

// Linux hwmon power sensors, as `sensors -u` prints them and as /sys/class/hwmon exposes them.
// amdgpu's "PPT" (package power tracking) is the GPU's own figure and is summed; any other
// power sensor (a battery's discharge rate, a board's supply, a CPU driver's rails) may overlap
// with others or with nothing Nightwatt can tell, so it is shown and never added.
//
// `chip` is the libsensors chip name ("amdgpu-pci-0300") or the hwmon `name` plus its folder
// ("amdgpu-hwmon3"); its driver is the part before the first '-'. `feature` is the sensor's
// label ("PPT") or, without one, its sysfs stem ("power1").
ChannelInfo hwmonPowerChannel(const QString &chip, const QString &feature);

// "sensors reads amdgpu PPT as the GPU; ..." for the trace's metadata.
QString hwmonPowerPolicy();

} // namespace nightwatt
