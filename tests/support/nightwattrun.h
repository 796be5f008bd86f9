#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// The built `nightwatt` run as a real process (NIGHTWATT_EXECUTABLE), for the command-line tests.
struct NightwattRun
{
    int exitCode = -1; // -1: it crashed, or did not finish in time and was killed
    QByteArray out;
    QString err;
};

inline NightwattRun runNightwatt(const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            QString::fromUtf8(process.readAllStandardError())};
}

inline NightwattRun runNightwatt(const QStringList &arguments, int timeoutMs = 60000)
{
    return runNightwatt(arguments, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

// The environment with the run library at `path` (NIGHTWATT_LIBRARY), so a test never touches
// the user's own.
inline QProcessEnvironment environmentWithLibrary(const QString &path)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NIGHTWATT_LIBRARY"), path);
    return environment;
}
