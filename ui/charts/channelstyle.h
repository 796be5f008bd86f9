#pragma once

#include "trace/channel.h"

#include <QColor>
#include <QPen>

namespace nightwatt {

// How a channel looks wherever a trace is drawn (the power chart, the comparison's mini charts):
// the same colour for the same channel; `index` picks one for channels without their own.
QColor channelColor(const ChannelInfo &info, int index);
// Its line: solid for components, dashed for reported totals, dotted for auxiliary channels.
QPen channelPen(const ChannelInfo &info, int index);

} // namespace nightwatt
