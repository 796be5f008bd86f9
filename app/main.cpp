#include "clierror.h"
#include "commands.h"
#include "modules.h"
#include "identity.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {

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

    switch (command.runsIn) {
    case nightwatt::cli::RunsIn::GuiModule:
        return nightwatt::cli::runGuiCommand(argv[0], command.name, commandArgc, commandArgv.data());
    case nightwatt::cli::RunsIn::CliModule:
        return nightwatt::cli::runCliCommand(argv[0], command.name, commandArgc, commandArgv.data());
    case nightwatt::cli::RunsIn::ExecutableForFiles:
        if (std::any_of(argv + 2, argv + argc, nightwatt::cli::namesLibraryOrRemoteInput))
            return nightwatt::cli::runCliCommand(argv[0], command.name, commandArgc, commandArgv.data());
        break;
    case nightwatt::cli::RunsIn::Executable:
        break;
    }
    QCoreApplication app(commandArgc, commandArgv.data());
    nightwatt::cli::setApplicationIdentity();
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
        if (!nightwatt::cli::opensDashboard(argv[1])) {
            // A window (that may never show, headless) is the wrong answer to a mistyped command.
            nightwatt::cli::printUsageError(QStringLiteral("\"%1\" is neither a command nor an existing file; did you mean \"nightwatt %2\"?")
                                                .arg(first, QLatin1String(nightwatt::cli::closestCommand(first).name)));
            return nightwatt::cli::kExitUsage;
        }
    }
    // Files, runs, options or nothing open the dashboard, which lives in the GUI module with Qt Widgets.
    return nightwatt::cli::runDashboard(argc, argv);
}
