#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

// The fields of nvidia-smi's CSV (`--query-gpu=... --format=csv`), shared by its reader and the
// reader's two-thread tail.
namespace nightwatt::nvidiasmicsv {

inline QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

// The comma-separated fields of a row, spaces around each trimmed, into `fields` (reused).
void splitFields(QByteArrayView line, std::vector<QByteArrayView> &fields);
// "power.draw [W]" -> "power.draw"
QByteArrayView headerKey(QByteArrayView field);
// Every field is a query key, with or without its unit: a header line.
bool isHeaderLine(const std::vector<QByteArrayView> &fields);
// A key nvidia-smi itself prints (power., utilization., ..., timestamp, index).
bool isNvidiaKey(QByteArrayView key);
// nvidia-smi prints "[N/A]", "[Not Supported]", "[Unknown Error]", ... or bare "N/A".
bool isMissingText(QByteArrayView value);
// "116.94 W" or "116.94": the figure in watts, nullopt for anything else.
std::optional<double> parseWatts(QByteArrayView value);
// The first non-empty line of the input, without a BOM or CR.
QByteArrayView firstLine(QByteArrayView head);

} // namespace nightwatt::nvidiasmicsv
