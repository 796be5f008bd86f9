#include "modules.h"

#include "clierror.h"
#include "cli/clientry.h"
#include "gui/guientry.h"
#include "platform/platform.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

namespace nightwatt::cli {

namespace {

// There is no QCoreApplication yet (the module creates the application object), so the
// executable's own folder comes from the system, or from argv[0] where it cannot say.
QString executableDir(const char *argv0)
{
    if (const std::optional<QString> self = platform::executablePath())
        return QFileInfo(*self).absolutePath();
    return QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath();
}

// A module once loaded, held here so it stays reachable to the end (and leak checkers agree).
QLibrary *g_loadedModule = nullptr;

QFunctionPointer resolve(const char *argv0, const QString &moduleFile, const char *symbol, const QString &what)
{
    const QDir here(executableDir(argv0));
    // Beside the executable in a build tree; NIGHTWATT_MODULE_RELDIR (bindir to the modules'
    // install folder) once installed.
    const QStringList candidates = {here.filePath(moduleFile),
                                    QDir::cleanPath(here.filePath(QStringLiteral(NIGHTWATT_MODULE_RELDIR "/") + moduleFile))};
    QString why;
    for (const QString &candidate : candidates) {
        if (!QFileInfo::exists(candidate))
            continue;
        // Never unloaded: the application object and its windows live in the module until exit.
        auto *library = new QLibrary(candidate);
        if (QFunctionPointer entry = library->resolve(symbol)) {
            g_loadedModule = library;
            return entry;
        }
        why = library->errorString();
        delete library;
    }
    if (why.isEmpty())
        why = QStringLiteral("%1 is in none of: %2").arg(moduleFile, candidates.join(QStringLiteral(", ")));
    printError(QString(), 0, QStringLiteral("cannot load the %1 module: ").arg(what) + why);
    return nullptr;
}

QFunctionPointer resolveGui(const char *argv0, const char *symbol)
{
    return resolve(argv0, QStringLiteral(NIGHTWATT_GUI_MODULE_FILE), symbol, QStringLiteral("dashboard"));
}

} // namespace

int runDashboard(int argc, char **argv)
{
    const auto entry = reinterpret_cast<NightwattDashboardMain>(resolveGui(argv[0], kNightwattDashboardMain));
    return entry ? entry(argc, argv) : kExitNothingLoaded;
}

int runGuiCommand(const char *executable, const char *name, int argc, char **argv)
{
    const auto entry = reinterpret_cast<NightwattGuiCommandMain>(resolveGui(executable, kNightwattGuiCommandMain));
    return entry ? entry(name, argc, argv) : kExitNothingLoaded;
}

int runCliCommand(const char *executable, const char *name, int argc, char **argv)
{
    const auto entry = reinterpret_cast<NightwattCliCommandMain>(
        resolve(executable, QStringLiteral(NIGHTWATT_CLI_MODULE_FILE), kNightwattCliCommandMain, QStringLiteral("command-line")));
    return entry ? entry(name, argc, argv) : kExitNothingLoaded;
}

} // namespace nightwatt::cli
