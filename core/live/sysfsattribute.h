#pragma once

#include <QByteArray>
#include <QString>

namespace nightwatt {

// One sysfs attribute (a counter, a name), read in one go and trimmed; empty with `error` set
// when it cannot be read.
QByteArray readSysfsAttribute(const QString &path, QString *error);

// A counter attribute (energy_uj, energy1_input, power1_average) as an unsigned number.
struct SysfsReading
{
    bool ok = false;
    quint64 value = 0;
};
SysfsReading readSysfsCounter(const QString &path, QString *error);

// How far an energy counter went from `before` to `now`: a counter that wraps to 0 after
// `range` (0 = unknown) went round once when it reads less; NaN when how far cannot be known.
double counterDelta(quint64 before, quint64 now, quint64 range);

// Monotonic nanoseconds since first use: the default clock of the sources that poll counters.
qint64 monotonicNs();

} // namespace nightwatt
