#include "formats/nvidiasmicsvfields.h"

#include "formats/powervalue.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nightwatt::nvidiasmicsv {

// Query keys nvidia-smi prints in a header (as "key" or "key [unit]"); a header naming one of
// these prefixes is nvidia-smi's own.
constexpr QByteArrayView kKeyPrefixes[] = {"power.",  "utilization.", "memory.", "temperature.", "clocks.", "pci.",
                                           "fan.",    "enforced.",    "ecc.",    "encoder.",     "clocks_"};
constexpr QByteArrayView kPlainKeys[] = {"timestamp", "index", "uuid", "pstate", "driver_version", "serial", "count"};

// Runs once per row of logs that reach gigabytes: no allocation, no call per field, spaces
// trimmed in place. Commas are found 16 bytes at a time (never reading past the line).
void splitFields(QByteArrayView line, std::vector<QByteArrayView> &fields)
{
    fields.clear();
    // An empty view may have no data at all, and nothing may be read through a null pointer.
    if (line.isEmpty()) {
        fields.push_back(QByteArrayView());
        return;
    }
    const char *const data = line.data();
    const qsizetype size = line.size();
    const auto addField = [&fields](const char *first, const char *last) __attribute__((always_inline)) {
        while (first < last && (*first == ' ' || *first == '\t'))
            ++first;
        while (last > first && (last[-1] == ' ' || last[-1] == '\t'))
            --last;
        fields.push_back(QByteArrayView(first, last - first));
    };
    qsizetype fieldStart = 0;
    qsizetype at = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    for (; at + 16 <= size; at += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + at));
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(block, comma)));
        while (mask) {
            const qsizetype found = at + __builtin_ctz(mask);
            mask &= mask - 1;
            addField(data + fieldStart, data + found);
            fieldStart = found + 1;
        }
    }
#endif
    for (; at < size; ++at) {
        if (data[at] == ',') {
            addField(data + fieldStart, data + at);
            fieldStart = at + 1;
        }
    }
    addField(data + fieldStart, data + size);
}

QByteArrayView headerKey(QByteArrayView field)
{
    const qsizetype bracket = field.indexOf(" [");
    return bracket > 0 ? field.first(bracket).trimmed() : field;
}

namespace {

bool isKeyLike(QByteArrayView field)
{
    const QByteArrayView key = headerKey(field);
    if (key.isEmpty() || key[0] < 'a' || key[0] > 'z')
        return false;
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'))
            return false;
    }
    return key.size() == field.size() || field.endsWith(']');
}

} // namespace

bool isHeaderLine(const std::vector<QByteArrayView> &fields)
{
    for (QByteArrayView field : fields) {
        if (!isKeyLike(field))
            return false;
    }
    return !fields.empty();
}

bool isNvidiaHeaderLine(const std::vector<QByteArrayView> &fields)
{
    if (!isHeaderLine(fields))
        return false;
    // Plain keys ("timestamp", "index") appear in many CSVs, so two of them are needed when no
    // dotted key is there.
    int dotted = 0, plain = 0;
    for (QByteArrayView field : fields) {
        const QByteArrayView key = headerKey(field);
        if (isNvidiaKey(key))
            ++(key.contains('.') ? dotted : plain);
    }
    return dotted >= 1 || (plain >= 2 && plain == int(fields.size()));
}

bool isNvidiaKey(QByteArrayView key)
{
    for (QByteArrayView prefix : kKeyPrefixes) {
        if (key.startsWith(prefix))
            return true;
    }
    for (QByteArrayView plain : kPlainKeys) {
        if (key == plain)
            return true;
    }
    return false;
}

bool isMissingText(QByteArrayView value)
{
    return value.isEmpty() || value.front() == '[' || value == "N/A";
}

// "116.94 W": the space before the unit goes too, so the figure takes parseNumber's fast path.
std::optional<double> parseWatts(QByteArrayView value)
{
    if (value.endsWith('W')) {
        value.chop(1);
        while (!value.isEmpty() && value.back() == ' ')
            value.chop(1);
    }
    return parseNumber(value);
}

QString fieldCountIssue(int fields, int headerFields)
{
    return QStringLiteral("row has %1 fields where the header has %2; left out").arg(fields).arg(headerFields);
}

QString strayLineIssue(QByteArrayView line)
{
    constexpr qsizetype kQuoted = 60;
    const QString quoted = text(line.first(std::min(line.size(), kQuoted))) + (line.size() > kQuoted ? QStringLiteral("…") : QString());
    return QStringLiteral("\"%1\" is not a row of the log; left out").arg(quoted);
}

QByteArrayView firstLine(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    while (!head.isEmpty() && (head.front() == '\n' || head.front() == '\r'))
        head = head.sliced(1);
    qsizetype end = 0;
    while (end < head.size() && head[end] != '\n' && head[end] != '\r')
        ++end;
    return head.first(end);
}

} // namespace nightwatt::nvidiasmicsv
