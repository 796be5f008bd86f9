#include "identity.h"

#include <QCoreApplication>

namespace nightwatt::cli {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Nightwatt"));
    QCoreApplication::setApplicationName(QStringLiteral("nightwatt"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NIGHTWATT_VERSION));
}

} // namespace nightwatt::cli
