#include "scenariospec.h"

#include "report/comparison.h"

#include <QFileInfo>
#include <QStringList>

namespace nightwatt::cli {

QString parseScenarioSpec(const QString &text, ScenarioSpec &spec)
{
    spec = {};
    spec.text = text;
    spec.label = text;
    if (text.isEmpty())
        return QStringLiteral("an empty scenario");
    if (QFileInfo(text).isFile()) {
        spec.file = text;
        spec.label = shortScenarioLabel(text);
        return {};
    }
    QStringList parts = text.split(u',');
    const QString source = parts.first().trimmed();
    if (!source.contains(u'=')) {
        parts.removeFirst();
        if (source.startsWith(QLatin1String("power:")))
            spec.settings.append({QStringLiteral("power-w"), source.mid(6)});
        else if (source.startsWith(QLatin1String("run:")))
            spec.runId = source.mid(4);
        else
            spec.file = source;
        if (!spec.file.isEmpty()) // "/data/run-3.csv,grid=FR" goes by "run-3,grid=FR"
            spec.label = shortScenarioLabel(spec.file) + text.mid(text.indexOf(source) + source.size());
        if ((source.startsWith(QLatin1String("run:")) && spec.runId.isEmpty()) || source.isEmpty())
            return QStringLiteral("\"%1\": no source before the settings").arg(text);
    }
    for (const auto &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        if (equals <= 0)
            return QStringLiteral("\"%1\": expected setting=value, not \"%2\"").arg(text, part);
        QString key = part.left(equals).trimmed().toLower();
        while (key.startsWith(u'-'))
            key.remove(0, 1);
        const QString value = part.mid(equals + 1).trimmed();
        if (key == u"label")
            spec.label = value;
        else if (key == u"format")
            spec.formatId = value;
        else
            spec.settings.append({key, value});
    }
    return {};
}

} // namespace nightwatt::cli
