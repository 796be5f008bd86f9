#include "trace/marker.h"

#include <array>
#include <utility>

namespace nightwatt {

namespace {

constexpr std::array<std::pair<MarkerKind, const char *>, 6> kKindIds = {{
    {MarkerKind::Run, "run"},
    {MarkerKind::Init, "init"},
    {MarkerKind::Epoch, "epoch"},
    {MarkerKind::Block, "block"},
    {MarkerKind::Eval, "eval"},
    {MarkerKind::Marker, "marker"},
}};

} // namespace

QString markerKindId(MarkerKind kind)
{
    for (const auto &[k, id] : kKindIds) {
        if (k == kind)
            return QString::fromLatin1(id);
    }
    return QStringLiteral("marker");
}

std::optional<MarkerKind> markerKindFromId(QStringView id)
{
    for (const auto &[kind, name] : kKindIds) {
        if (id == QLatin1String(name))
            return kind;
    }
    return std::nullopt;
}

} // namespace nightwatt
