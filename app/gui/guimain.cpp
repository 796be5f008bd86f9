#include "guientry.h"

#include "clierror.h"
#include "comparecommand.h"
#include "exportcommand.h"
#include "identity.h"
#include "libraryoption.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstring>

namespace {

// The reverse-DNS id shared by the desktop entry, the AppStream metadata and the icon
// (packaging/linux/): desktops match the running window to its entry by it.
constexpr auto kDesktopId = "io.github.nightwatt.Nightwatt";

// What Qt says on stderr about the headless setup itself, which a command run on a server has not
// asked about: the offscreen platform has no window manager to pass size hints to, and a
// session without a login manager has no runtime directory (the offscreen platform needs none).
constexpr const char *kHeadlessFrameworkNoise[] = {
    "This plugin does not support propagateSizeHints()",
    "QStandardPaths: XDG_RUNTIME_DIR not set",
};

QtMessageHandler g_defaultMessageHandler = nullptr;

void quietHeadlessMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg || type == QtInfoMsg || type == QtDebugMsg) {
        for (const char *noise : kHeadlessFrameworkNoise) {
            if (message.startsWith(QLatin1String(noise)))
                return;
        }
    }
    g_defaultMessageHandler(type, context, message);
}

} // namespace

extern "C" Q_DECL_EXPORT int nightwatt_dashboard_main(int argc, char **argv)
{
    QApplication app(argc, argv);
    nightwatt::cli::setApplicationIdentity();
    QGuiApplication::setDesktopFileName(QString::fromLatin1(kDesktopId));
    // Found once installed (hicolor theme); a build-tree run keeps the platform's default icon.
    QApplication::setWindowIcon(QIcon::fromTheme(QString::fromLatin1(kDesktopId)));
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Power logs to open."), QStringLiteral("[FILE...]"));
    nightwatt::cli::addLibraryOption(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        nightwatt::cli::printUsageError(parser.errorText());
        return nightwatt::cli::kExitUsage;
    }
    nightwatt::MainWindow window(nightwatt::cli::libraryPath(parser));
    window.show();
    if (parser.positionalArguments().isEmpty())
        window.openSampleRun();
    else
        window.openFiles(parser.positionalArguments());
    return app.exec();
}

extern "C" Q_DECL_EXPORT int nightwatt_gui_command_main(const char *name, int argc, char **argv)
{
    int (*run)(const QStringList &) = nullptr;
    if (std::strcmp(name, "compare") == 0)
        run = &nightwatt::cli::runCompareCommand;
    else if (std::strcmp(name, "export") == 0)
        run = &nightwatt::cli::runExportCommand;
    if (!run)
        return nightwatt::cli::kExitUsage;
    // Widget-drawing commands need a QApplication; with no display they render offscreen.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // A command prints only what it means to say; everything else Qt reports still gets through.
    g_defaultMessageHandler = qInstallMessageHandler(quietHeadlessMessages);
    QApplication app(argc, argv);
    nightwatt::cli::setApplicationIdentity();
    return run(QCoreApplication::arguments());
}
