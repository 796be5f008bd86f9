#include "charts/channelstyle.h"

#include "trace/trace.h"

#include <QHash>

#include <array>

namespace nightwatt {

namespace {

constexpr std::array<QRgb, kPaletteSize> kPalette = {
    // tab10
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    // tab20's light tints, in the same order
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5};

// The slot a channel with this id has in every figure of the project.
int usualSlot(const QString &id)
{
    static const QHash<QString, int> slots = {
        {QStringLiteral("cpu"), 0},  {QStringLiteral("gpu"), 1},     {QStringLiteral("ane"), 2},
        {QStringLiteral("dram"), 4}, {QStringLiteral("package"), 7}, {QStringLiteral("combined"), 7},
    };
    return slots.value(id, -1);
}

} // namespace

QColor paletteColor(int slot)
{
    return QColor(kPalette[size_t(((slot % kPaletteSize) + kPaletteSize) % kPaletteSize)]);
}

std::vector<QColor> channelColors(const Trace &trace)
{
    std::vector<QColor> colors;
    colors.reserve(size_t(trace.channelCount()));
    std::array<bool, kPaletteSize> taken{};
    for (int c = 0; c < trace.channelCount(); ++c) {
        int slot = usualSlot(trace.channel(c).id);
        if (slot < 0 || taken[size_t(slot)]) {
            slot = -1;
            for (int s = 0; s < kPaletteSize && slot < 0; ++s) {
                if (!taken[size_t(s)])
                    slot = s;
            }
        }
        if (slot < 0) // every slot is taken: wider logs are told apart by their legend
            slot = c;
        else
            taken[size_t(slot)] = true;
        colors.push_back(paletteColor(slot));
    }
    return colors;
}

QPen channelPen(const ChannelInfo &info, const QColor &color)
{
    QPen pen(color);
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

QPen densePen(const QPen &pen)
{
    if (pen.style() == Qt::SolidLine)
        return pen;
    constexpr double kTint = 0.55; // share of white: light, but still its hue on white paper
    const QColor color = pen.color();
    const auto tint = [](int channel) { return int(channel + (255 - channel) * kTint + 0.5); };
    QPen dense = pen;
    dense.setStyle(Qt::SolidLine);
    dense.setColor(QColor(tint(color.red()), tint(color.green()), tint(color.blue())));
    return dense;
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
