#include "formats/hwmonpower.h"

#include <QRegularExpression>

namespace nightwatt {

ChannelInfo hwmonPowerChannel(const QString &chip, const QString &feature)
{
    static const QRegularExpression notIdChars(QStringLiteral("[^a-z0-9]+"));
    QString id = (chip + QLatin1Char('_') + feature).toLower();
    id.replace(notIdChars, QStringLiteral("_"));
    const QString driver = chip.section(QLatin1Char('-'), 0, 0);
    if (driver == QLatin1String("amdgpu"))
        return {id, QStringLiteral("GPU %1 (%2)").arg(chip, feature), ChannelRole::Component};
    return {id, QStringLiteral("%1 %2").arg(chip, feature), ChannelRole::Auxiliary};
}

QString hwmonPowerPolicy()
{
    return QStringLiteral("amdgpu power sensors (PPT) are GPUs and add up to the total; other power sensors are shown "
                          "beside it, never added, as they may overlap (a battery, a supply, CPU rails)");
}

} // namespace nightwatt
