#pragma once

#include "formats/logparser.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace nightwatt {

// One format Nightwatt reads. Formats are recognised by content, never by file name.
struct LogFormat
{
    QString id;           // stable, used in JSON: "powermetrics-text"
    QString name;         // what a person reads: "macOS powermetrics (text)"
    QString recognisedBy; // how sniffing knows it, for `nightwatt formats`
    // How sure the format is that `head` (the first bytes of the input) is its own: 0 = not it.
    int (*sniff)(QByteArrayView head) = nullptr;
    std::unique_ptr<LogParser> (*create)() = nullptr;
};

const QList<LogFormat> &logFormats();
const LogFormat *logFormatById(const QString &id);

struct SniffResult
{
    const LogFormat *format = nullptr; // null when nothing matched
    QStringList tried;                 // names of every format asked, for the error message
};

// The bytes at the start of an input that sniffing looks at.
inline constexpr qsizetype kSniffBytes = 64 * 1024;

SniffResult sniffLogFormat(QByteArrayView head);

} // namespace nightwatt
