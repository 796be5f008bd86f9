#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace nightwatt::cli {

// One `compare` argument: SOURCE[,setting=value...]. SOURCE is a log FILE, run:ID or power:W, and
// may be left out when the settings include power-w ("power-w=17.02,runtime-min=1100,grid=FR").
// A FILE that exists is taken whole, commas and all.
struct ScenarioSpec
{
    QString text;   // as typed
    QString file;   // a log to read, or empty
    QString runId;  // run:ID from the run library, or empty
    QString label;  // label=NAME, else the text with a file named by its stem
    QString formatId; // format=ID for the file
    QList<std::pair<QString, QString>> settings; // scenario settings, names without "--"
};

// Splits the argument; returns an error message for a malformed one, else an empty string.
QString parseScenarioSpec(const QString &text, ScenarioSpec &spec);

} // namespace nightwatt::cli
