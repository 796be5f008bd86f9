#pragma once

#include <QString>

#include <optional>

namespace nightwatt {

struct NumberRange
{
    double minimum;
    double maximum;
};

// The one range check of a number a person gave an option (the command line's --interval-ms, a
// Prometheus --timeout). `value` is what `text` read as, nullopt when it did not read. Returns the
// value inside [minimum, maximum]; otherwise nullopt, and *error (unless an earlier problem is
// already there: the first is what the person sees) says
//   --OPTION takes WHAT from MIN to MAX, not "TEXT"
// with `unit` after each bound ("a duration (30s, 2m, 1h)", " s").
// A sampling interval in milliseconds (capture's --interval-ms, a log's sampling interval).
inline constexpr NumberRange kSamplingIntervalRangeMs{1, 3600000};

std::optional<double> checkOptionRange(const QString &option, const QString &text, std::optional<double> value, NumberRange range,
                                       const QString &what, const QString &unit, QString *error);

} // namespace nightwatt
