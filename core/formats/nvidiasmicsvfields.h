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
// A header line nvidia-smi itself prints: a dotted key of its own ("power.draw"), or only plain
// keys of its own and at least two ("timestamp, index"). A stray word on a line ("error", "x")
// is key-like but no header.
bool isNvidiaHeaderLine(const std::vector<QByteArrayView> &fields);
// A key nvidia-smi itself prints (power., utilization., ..., timestamp, index).
bool isNvidiaKey(QByteArrayView key);
// nvidia-smi prints "[N/A]", "[Not Supported]", "[Unknown Error]", ... or bare "N/A".
bool isMissingText(QByteArrayView value);
// "116.94 W" or "116.94": the figure in watts, nullopt for anything else.
std::optional<double> parseWatts(QByteArrayView value);
// The issues for a row whose fields do not match the header: a line of one field is not a row
// at all (a word a shell or a crash left: "error", "Killed", "^C") and is quoted.
QString fieldCountIssue(int fields, int headerFields);
QString strayLineIssue(QByteArrayView line);
// The first non-empty line of the input, without a BOM; a line ends at LF, CR LF or a lone CR.
QByteArrayView firstLine(QByteArrayView head);

} // namespace nightwatt::nvidiasmicsv
