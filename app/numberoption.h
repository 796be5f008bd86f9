#pragma once

#include "io/numberrange.h"

#include <QCommandLineParser>
#include <QSize>
#include <QString>

#include <optional>

namespace nightwatt::cli {

// Reading the numbers a command takes, each checked against its range (io/numberrange.h): a
// value that does not read or lies outside the range is a usage error naming the option and the
// range. Each returns nullopt when the option was not given (error untouched) or is wrong.

// Any number, "0.25", "1e3".
std::optional<double> numberInRange(const QString &option, const QString &text, NumberRange range, QString *error);
std::optional<double> numberOption(const QCommandLineParser &parser, const QString &option, NumberRange range, QString *error);
// A whole number, "12".
std::optional<qint64> wholeNumberOption(const QCommandLineParser &parser, const QString &option, NumberRange range, QString *error);
// Durations ("30s", "1m") are read by parseDurationOptionMs() (prometheus/prometheusinput.h),
// which the executable does not link: it would bring the network client.
// Pixels as WxH ("1200x700"), each side within `sideRange`.
std::optional<QSize> sizeOption(const QCommandLineParser &parser, const QString &option, NumberRange sideRange, QString *error);

} // namespace nightwatt::cli
