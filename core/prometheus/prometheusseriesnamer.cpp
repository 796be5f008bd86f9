#include "prometheus/prometheusseriesnamer.h"

#include "prometheus/prometheusapi.h"

#include <QStringList>

namespace nightwatt {

namespace {

// "node_rapl_package_joules_total" among {..package.., ..dram..} -> "package": the words the
// names do not share.
QString distinguishingPart(const QString &metric, const QStringList &metrics)
{
    if (metrics.size() < 2 || !metrics.contains(metric))
        return {};
    const QStringList words = metric.split(u'_');
    qsizetype prefix = words.size();
    qsizetype suffix = words.size();
    for (const QString &other : metrics) {
        const QStringList o = other.split(u'_');
        const qsizetype shorter = std::min(words.size(), o.size());
        qsizetype p = 0;
        while (p < shorter && words[p] == o[p])
            ++p;
        qsizetype s = 0;
        while (s < shorter && words[words.size() - 1 - s] == o[o.size() - 1 - s])
            ++s;
        if (other != metric) {
            prefix = std::min(prefix, p);
            suffix = std::min(suffix, s);
        }
    }
    if (prefix + suffix >= words.size())
        return metric;
    return words.mid(prefix, words.size() - prefix - suffix).join(u'_');
}

} // namespace

bool naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            const QString na = a.mid(i, ei - i), nb = b.mid(j, ej - j);
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ei;
            j = ej;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

QString channelIdFrom(const QString &text)
{
    QString id;
    bool lastUnderscore = true;
    for (const QChar c : text.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            id += c;
            lastUnderscore = false;
        } else if (!lastUnderscore) {
            id += u'_';
            lastUnderscore = true;
        }
    }
    while (id.endsWith(u'_'))
        id.chop(1);
    return id;
}

NamedSeries nameSeries(const QMap<QString, QString> &labels, const PrometheusQuery &query)
{
    NamedSeries named;
    for (const QString &label : query.groupLabels) {
        const QString value = labels.value(label);
        if (value.isEmpty())
            continue;
        named.host = value;
        if (label == QLatin1String("instance")) {
            const qsizetype colon = value.lastIndexOf(u':');
            if (colon > 0 && !value.endsWith(u']'))
                named.host = value.left(colon);
        }
        break;
    }
    QStringList idParts;
    QStringList labelParts;
    if (!named.host.isEmpty()) {
        idParts.append(named.host);
        labelParts.append(named.host);
    }
    const QString part = distinguishingPart(labels.value(QStringLiteral("__name__")), query.metrics);
    if (!part.isEmpty()) {
        idParts.append(part);
        labelParts.append(part);
    }
    for (const QString &label : query.deviceLabels) {
        QString value = labels.value(label);
        if (value.isEmpty())
            continue;
        if (label == QLatin1String("path"))
            value = value.section(u'/', -1);
        if (label == QLatin1String("gpu")) {
            idParts.append(QStringLiteral("gpu") + value);
            labelParts.append(QStringLiteral("GPU ") + value);
        } else {
            idParts.append(value);
            labelParts.append(value);
        }
    }
    if (idParts.isEmpty()) {
        named.channel.id = QStringLiteral("all");
        named.channel.label = QStringLiteral("All");
    } else {
        named.channel.id = channelIdFrom(idParts.join(u'_'));
        named.channel.label = labelParts.join(u' ');
    }
    named.channel.role = ChannelRole::Component;
    return named;
}

QString nameAlikeMessage(const QMap<QString, QString> &first, const QMap<QString, QString> &same)
{
    return QStringLiteral("%1 and %2 name alike (they differ only in labels such as instance or job); both are "
                          "counted, so if they are one device scraped twice, narrow the query")
        .arg(describeLabels(first), describeLabels(same));
}

} // namespace nightwatt
