#include "formats/rfc4180.h"

namespace nightwatt::rfc4180 {

Record splitRecord(QByteArrayView line, char separator)
{
    Record record;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c != '"') {
                field.append(c);
            } else if (i + 1 < line.size() && line[i + 1] == '"') {
                field.append('"');
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == separator) {
            record.fields.append(field);
            field.clear();
        } else {
            field.append(c);
        }
    }
    record.fields.append(field);
    record.unbalancedQuote = quoted;
    return record;
}

QHash<QString, int> columnIndex(const QList<QByteArray> &header)
{
    QHash<QString, int> index;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = QString::fromUtf8(header[i].trimmed());
        if (!index.contains(name))
            index.insert(name, i);
    }
    return index;
}

} // namespace nightwatt::rfc4180
