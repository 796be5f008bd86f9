#include "clierror.h"
#include "commands.h"

#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>

namespace {

QString helpText()
{
    QString text = QStringLiteral("Usage: nightwatt [FILE...]            open the dashboard (the bundled sample run without FILE)\n"
                                  "       nightwatt COMMAND [options]    run headless\n\nCommands:\n");
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
    // Widget-drawing commands need a QApplication; with no display they render offscreen.
    std::unique_ptr<QCoreApplication> app;
    if (command.needsGui) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    setIdentity();
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1); // the command name; arguments[0] stays the program
    arguments[0] = QStringLiteral("nightwatt ") + QString::fromLatin1(command.name);
    return command.run(arguments);
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
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Power logs to open."), QStringLiteral("[FILE...]"));
    if (!parser.parse(QCoreApplication::arguments())) {
        nightwatt::cli::printUsageError(parser.errorText());
        return nightwatt::cli::kExitUsage;
    }
    nightwatt::MainWindow window;
    window.show();
    if (parser.positionalArguments().isEmpty())
        window.openSampleRun();
    else
        window.openFiles(parser.positionalArguments());
    return app.exec();
}
