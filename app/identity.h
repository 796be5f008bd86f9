#pragma once

namespace nightwatt::cli {

// Organisation, application name and version for QSettings and --version; call after the
// application object exists. Shared by the executable and the GUI module.
void setApplicationIdentity();

} // namespace nightwatt::cli
