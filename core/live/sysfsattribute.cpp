#include "live/sysfsattribute.h"
#include "io/messagetext.h"

#include <QElapsedTimer>
#include <QFile>

#include <limits>

namespace nightwatt {

QByteArray readSysfsAttribute(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    // sysfs attributes are tiny and must be read in one go.
    return file.read(64).trimmed();
}

SysfsReading readSysfsCounter(const QString &path, QString *error)
{
    const QByteArray text = readSysfsAttribute(path, error);
    if (text.isEmpty()) {
        if (error && error->isEmpty())
            *error = QStringLiteral("empty");
        return {};
    }
    bool ok = false;
    const quint64 value = text.toULongLong(&ok);
    if (!ok) {
        if (error)
            *error = QStringLiteral("%1 is not a counter value").arg(quoteInput(text));
        return {};
    }
    return {true, value};
}

double counterDelta(quint64 before, quint64 now, quint64 range)
{
    if (now >= before)
        return double(now - before);
    if (range > before)
        return double(now) + double(range - before);
    return std::numeric_limits<double>::quiet_NaN();
}

qint64 monotonicNs()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.nsecsElapsed();
}

} // namespace nightwatt
