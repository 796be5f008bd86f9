#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

// Runs the built `nightwatt` (NIGHTWATT_EXECUTABLE, defined for the command-line tests) and keeps
// what it said.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

inline CliRun runNightwatt(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    process.waitForFinished(60000);
    return {process.exitCode(), process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}
