#include "formats/csvcolumns.h"

#include <QByteArray>

#include <algorithm>

namespace nightwatt {

namespace {

std::vector<QByteArray> lowerWords(QByteArrayView header)
{
    std::vector<QByteArray> words;
    QByteArray word;
    for (char c : header) {
        const char lower = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
            word.append(lower);
        } else if (!word.isEmpty()) {
            words.push_back(std::exchange(word, {}));
        }
    }
    if (!word.isEmpty())
        words.push_back(word);
    return words;
}

bool hasWord(const std::vector<QByteArray> &words, std::initializer_list<const char *> any)
{
    for (const auto &w : words) {
        for (const char *candidate : any) {
            if (w == candidate)
                return true;
        }
    }
    return false;
}

bool hasWordStarting(const std::vector<QByteArray> &words, std::initializer_list<const char *> any)
{
    for (const auto &w : words) {
        for (const char *candidate : any) {
            if (w.startsWith(candidate))
                return true;
        }
    }
    return false;
}

QString channelId(const std::vector<QByteArray> &words)
{
    QString id;
    for (const auto &w : words) {
        if (!id.isEmpty())
            id += u'_';
        id += QString::fromLatin1(w);
    }
    return id;
}

} // namespace

std::optional<CsvTimeColumn> csvTimeColumn(QByteArrayView header)
{
    const std::vector<QByteArray> words = lowerWords(header);
    if (words.empty())
        return std::nullopt;
    const QByteArray &first = words.front();
    if (hasWordStarting(words, {"timestamp", "datetime", "epoch"}) || (words.size() == 1 && (first == "date" || first == "ts")))
        return CsvTimeColumn{0, false};
    if (first == "time" && !hasWord(words, {"delta", "diff", "zone", "tz"}))
        return CsvTimeColumn{1, words.size() > 1 && hasWord(words, {"s", "sec", "secs", "seconds"})};
    if (first == "elapsed" || (words.size() <= 2 && (first == "t" || first == "seconds" || first == "sec")))
        return CsvTimeColumn{2, true};
    return std::nullopt;
}

std::optional<CsvPowerColumn> csvPowerColumn(QByteArrayView header)
{
    const std::vector<QByteArray> words = lowerWords(header);
    // Energies, limits and ratios carry "power" or "W" in their names too but are not a draw.
    if (words.empty()
        || hasWord(words, {"energy", "kwh", "wh", "mwh", "j", "joule", "joules", "uj", "limit", "cap", "max", "min", "tdp",
                           "percent", "pct", "ratio", "state", "mode", "source", "factor", "fraction", "usage"})
        || hasWordStarting(words, {"energy", "limit"}))
        return std::nullopt;
    CsvPowerColumn column;
    std::vector<QByteArray> nameWords;
    for (const auto &w : words) {
        if (w == "w" || w == "watt" || w == "watts") {
            column.unitNamed = true;
        } else if (w == "mw" || w == "milliwatt" || w == "milliwatts") {
            column.unitNamed = true;
            column.scale = 1e-3;
        } else if (w == "kw" || w == "kilowatt" || w == "kilowatts") {
            column.unitNamed = true;
            column.scale = 1e3;
        } else {
            nameWords.push_back(w);
        }
    }
    const bool powerWord = hasWordStarting(words, {"power", "pwr"}) || std::any_of(words.begin(), words.end(), [](const QByteArray &w) {
                               return w.endsWith("watt") || w.endsWith("watts");
                           });
    if (!powerWord && !(column.unitNamed && !nameWords.empty()))
        return std::nullopt;
    if (nameWords.empty())
        nameWords.push_back(QByteArrayLiteral("power"));

    // A wall-plug or whole-system meter measures everything, RAPL or GPU figures included: it is
    // shown beside the total, never added to it. A model's estimate is no measurement.
    ChannelRole role = ChannelRole::Component;
    if (hasWord(words, {"wall", "plug", "tapo", "meter", "pdu", "ups", "psu", "outlet", "socket", "system", "sys", "total",
                        "node", "machine", "server", "host", "mains", "smartplug", "kasa", "shelly"}))
        role = ChannelRole::ReportedTotal;
    else if (hasWordStarting(words, {"estimat", "predict", "model"}))
        role = ChannelRole::Auxiliary;
    column.channel = {channelId(nameWords), QString::fromUtf8(header.data(), header.size()), role};
    return column;
}

void splitCsvLine(QByteArrayView line, char separator, std::vector<QByteArrayView> &fields)
{
    fields.clear();
    qsizetype pos = 0;
    const qsizetype size = line.size();
    while (true) {
        qsizetype start = pos;
        while (start < size && line[start] == ' ')
            ++start;
        if (start < size && line[start] == '"') {
            const qsizetype close = line.indexOf('"', start + 1);
            if (close > 0) {
                fields.push_back(line.sliced(start + 1, close - start - 1).trimmed());
                const qsizetype next = line.indexOf(separator, close + 1);
                if (next < 0)
                    return;
                pos = next + 1;
                continue;
            }
        }
        const qsizetype next = line.indexOf(separator, pos);
        if (next < 0) {
            fields.push_back(line.sliced(pos).trimmed());
            return;
        }
        fields.push_back(line.sliced(pos, next - pos).trimmed());
        pos = next + 1;
    }
}

char csvSeparator(QByteArrayView header)
{
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : header) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (commas == 0 && semicolons == 0 && tabs == 0)
        return 0;
    if (commas >= semicolons && commas >= tabs)
        return ',';
    return semicolons >= tabs ? ';' : '\t';
}

} // namespace nightwatt
