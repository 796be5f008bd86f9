#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace nightwatt {

// Highest power any single log line may claim: a full 8-GPU server draws about 10 kW, so 1 MW
// means a corrupted or mis-scaled field, not a measurement.
inline constexpr double kMaxPlausiblePowerW = 1.0e6;

// Why a parsed power figure is refused, or an empty string when it is plausible.
QString implausiblePowerReason(double watts);

// Parses a plain decimal number (optional sign, fraction, exponent) that fills the whole view
// after trimming spaces. No locale: logs are written in the C locale unless a format says not.
std::optional<double> parseNumber(QByteArrayView text);

} // namespace nightwatt
