#pragma once

#include "trace/channel.h"

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

namespace nightwatt {

// What a generic CSV header cell names, judged from its words: a time column or a power column
// with its unit. Kept apart from the parser so the rules are easy to read and to test.
struct CsvTimeColumn
{
    int rank = 0;        // lower wins: 0 timestamp/datetime/epoch, 1 time..., 2 elapsed/seconds
    bool elapsed = false; // the name says elapsed seconds rather than a clock
};

struct CsvPowerColumn
{
    double scale = 1.0;   // to watts
    bool unitNamed = false; // false: "rapl_power" without a unit, read as W
    ChannelInfo channel;
};

std::optional<CsvTimeColumn> csvTimeColumn(QByteArrayView header);
std::optional<CsvPowerColumn> csvPowerColumn(QByteArrayView header);

// Splits one CSV line on `separator`, honouring double quotes; fields are trimmed and unquoted.
void splitCsvLine(QByteArrayView line, char separator, std::vector<QByteArrayView> &fields);
// The separator a header line uses (',', ';' or tab), or 0 when it has none.
char csvSeparator(QByteArrayView header);

} // namespace nightwatt
