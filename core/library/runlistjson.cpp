#include "library/runlistjson.h"

namespace nightwatt {

namespace {

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalText(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject runToJson(const RunInfo &run)
{
    return {
        {QStringLiteral("id"), run.id},
        {QStringLiteral("name"), run.name},
        {QStringLiteral("kind"), runKindName(run.kind)},
        {QStringLiteral("status"), runStatusName(run.status)},
        {QStringLiteral("format"), run.formatId},
        {QStringLiteral("created"), run.created.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("source_path"), optionalText(run.sourcePath)},
        {QStringLiteral("content_sha256"), optionalText(run.contentSha256)},
        {QStringLiteral("samples"), run.samples},
        {QStringLiteral("duration_s"), optionalNumber(run.durationS)},
        {QStringLiteral("energy_wh"), optionalNumber(run.energyWh)},
        {QStringLiteral("issue_count"), run.issueCount},
    };
}

QJsonArray runsToJson(const QList<RunInfo> &runs)
{
    QJsonArray array;
    for (const auto &run : runs)
        array.append(runToJson(run));
    return array;
}

} // namespace nightwatt
