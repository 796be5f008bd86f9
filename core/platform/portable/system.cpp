#include "platform/platform.h"

namespace nightwatt::platform {

std::optional<QString> executablePath()
{
    return std::nullopt;
}

void releasePages(const char *, const char *) {}

void lowerCurrentThreadPriority(int) {}

QString powercapRoot()
{
    return {};
}

QString hwmonRoot()
{
    return {};
}

} // namespace nightwatt::platform
