#include "charts/channelstyle.h"

#include <QHash>

#include <iterator>

namespace nightwatt {

QColor channelColor(const ChannelInfo &info, int index)
{
    static const QHash<QString, QColor> known = {
        {QStringLiteral("cpu"), QColor(0x1f, 0x77, 0xb4)},      {QStringLiteral("gpu"), QColor(0xff, 0x7f, 0x0e)},
        {QStringLiteral("ane"), QColor(0x2c, 0xa0, 0x2c)},      {QStringLiteral("dram"), QColor(0x94, 0x67, 0xbd)},
        {QStringLiteral("package"), QColor(0x55, 0x55, 0x55)},  {QStringLiteral("combined"), QColor(0x33, 0x33, 0x33)},
    };
    static const QColor fallback[] = {QColor(0xd6, 0x27, 0x28), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
                                      QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22), QColor(0x7f, 0x7f, 0x7f)};
    return known.value(info.id, fallback[index % int(std::size(fallback))]);
}

QPen channelPen(const ChannelInfo &info, int index)
{
    QPen pen(channelColor(info, index));
    pen.setCosmetic(true);
    switch (info.role) {
    case ChannelRole::Component:
        pen.setWidthF(1.8);
        break;
    case ChannelRole::ReportedTotal:
        pen.setWidthF(1.4);
        pen.setStyle(Qt::DashLine);
        break;
    case ChannelRole::Auxiliary:
        pen.setWidthF(1.2);
        pen.setStyle(Qt::DotLine);
        break;
    }
    return pen;
}

} // namespace nightwatt
