#pragma once

#include <QString>
#include <QStringList>

namespace nightwatt::cli {

struct Command
{
    const char *name;
    const char *synopsis;
    int (*run)(const QStringList &arguments); // arguments[0] is "nightwatt <name>"; null when needsGui
    bool needsGui; // draws widgets (offscreen is fine): runs in the GUI module (gui/guientry.h)
};

// Every headless sub-command, in the order `nightwatt --help` lists them.
const QList<Command> &commands();
const Command *findCommand(const QString &name);

} // namespace nightwatt::cli
