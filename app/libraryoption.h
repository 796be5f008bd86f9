#pragma once

#include <QCommandLineParser>
#include <QString>

namespace nightwatt::cli {

// `--library PATH`, accepted by every sub-command that reads or writes the run library.
void addLibraryOption(QCommandLineParser &parser);
// The option's value, else NIGHTWATT_LIBRARY, else the library in the application's data folder.
QString libraryPath(const QCommandLineParser &parser);

} // namespace nightwatt::cli
