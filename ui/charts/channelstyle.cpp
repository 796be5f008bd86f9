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

QColor markerColor(MarkerKind kind)
{
    switch (kind) {
    case MarkerKind::Run:
        return QColor(0x60, 0x60, 0x60);
    case MarkerKind::Init:
        return QColor(0x8e, 0x6c, 0x1a);
    case MarkerKind::Epoch:
        return QColor(0x2b, 0x6f, 0xa8);
    case MarkerKind::Block:
        return QColor(0x3d, 0x8a, 0x5a);
    case MarkerKind::Eval:
        return QColor(0xb0, 0x3a, 0x8c);
    case MarkerKind::Marker:
        break;
    }
    return QColor(0xc0, 0x5a, 0x1e);
}

QColor markerTint(MarkerKind kind)
{
    QColor tint = markerColor(kind);
    // The whole run is one wide band under everything else: fainter still.
    tint.setAlpha(kind == MarkerKind::Run ? 14 : 34);
    return tint;
}

} // namespace nightwatt
