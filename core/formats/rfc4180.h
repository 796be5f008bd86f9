#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

namespace nightwatt::rfc4180 {

struct Record
{
    QList<QByteArray> fields; // unquoted ("" inside quotes becomes "), not trimmed
    bool unbalancedQuote = false; // a quoted field runs to the end of the line
};

// Splits one line of comma-separated values (RFC 4180 quoting). Records spanning lines are not
// supported: no power log quotes a newline, so an open quote at the end of a line is a cut-off
// or corrupt record and is reported through `unbalancedQuote`.
Record splitRecord(QByteArrayView line, char separator = ',');

// Column name -> index, names trimmed; the first of duplicate names wins.
QHash<QString, int> columnIndex(const QList<QByteArray> &header);

} // namespace nightwatt::rfc4180
