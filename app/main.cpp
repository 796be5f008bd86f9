#include "clierror.h"
#include "commands.h"

#include "libraryoption.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>

#include <memory>
#include <vector>

namespace {

// The reverse-DNS id shared by the desktop entry, the AppStream metadata and the icon
// (packaging/linux/): desktops match the running window to its entry by it.
constexpr auto kDesktopId = "io.github.nightwatt.Nightwatt";

QString helpText()
{
    QString text = QStringLiteral("Usage: nightwatt [FILE...]            open the dashboard (the bundled sample run without FILE)\n"
                                  "       nightwatt COMMAND [options]    run headless\n"
                                  "       nightwatt --version | --help\n\nCommands:\n");
    for (const auto &command : nightwatt::cli::commands())
        text += QStringLiteral("  nightwatt ") + QString::fromUtf8(command.synopsis) + u'\n';
    text += QStringLiteral("\nScenario options (summary and the commands that report figures):\n"
                           "  --power-w W  --runtime-min MIN  --runs-per-week N  --weeks-per-year N  --pue X\n"
                           "  --battery-wh WH  --battery-fraction F  --days-per-year N\n"
                           "  --grid REGION | --grid-g-per-kwh G | --grid-lb-per-kwh LB  --gasoline-g-per-gallon G\n"
                           "  --car-g-per-mile G  --phone-g-per-charge G\n"
                           "\n`nightwatt COMMAND --help` describes each command.\n");
    return text;
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Nightwatt"));
    QCoreApplication::setApplicationName(QStringLiteral("nightwatt"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NIGHTWATT_VERSION));
}

int runHeadless(const nightwatt::cli::Command &command, int argc, char *argv[])
{
    // The command sees "nightwatt <name>" as its program and the rest as its arguments. Doing this
    // in argv rather than in a copied list makes QCommandLineParser's help read
    // "Usage: nightwatt <name> ...", not the executable's path.
    QByteArray program = QByteArrayLiteral("nightwatt ") + command.name;
    std::vector<char *> commandArgv{program.data()};
    commandArgv.insert(commandArgv.end(), argv + 2, argv + argc);
    commandArgv.push_back(nullptr);
    int commandArgc = int(commandArgv.size()) - 1;

    // Widget-drawing commands need a QApplication; with no display they render offscreen.
    std::unique_ptr<QCoreApplication> app;
    if (command.needsGui) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(commandArgc, commandArgv.data());
    } else {
        app = std::make_unique<QCoreApplication>(commandArgc, commandArgv.data());
    }
    setIdentity();
    return command.run(QCoreApplication::arguments());
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc > 1) {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (const auto *command = nightwatt::cli::findCommand(first))
            return runHeadless(*command, argc, argv);
        if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
            QTextStream(stdout) << helpText();
            return nightwatt::cli::kExitOk;
        }
        if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
            QTextStream(stdout) << "nightwatt " << NIGHTWATT_VERSION << '\n';
            return nightwatt::cli::kExitOk;
        }
    }

    QApplication app(argc, argv);
    setIdentity();
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
