#include "io/numberrange.h"

#include <cmath>

namespace nightwatt {

std::optional<double> checkOptionRange(const QString &option, const QString &text, std::optional<double> value, NumberRange range,
                                       const QString &what, const QString &unit, QString *error)
{
    if (value && std::isfinite(*value) && *value >= range.minimum && *value <= range.maximum)
        return value;
    if (error->isEmpty()) {
        const auto shown = [](double bound) { return QString::number(bound, 'g', 12); };
        *error = QStringLiteral("--%1 takes %2 from %3%5 to %4%5, not \"%6\"")
                     .arg(option, what, shown(range.minimum), shown(range.maximum), unit, text);
    }
    return std::nullopt;
}

} // namespace nightwatt
