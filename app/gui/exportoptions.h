#pragma once

#include "exportfile.h"

#include <QList>
#include <QString>

class QCommandLineParser;

namespace nightwatt::cli {

// --png, --svg and --pdf OUT: which files a drawing command writes, any of them at once.
struct ExportTarget
{
    ExportFormat format;
    QString path;
};

// `what` names the drawing in the help: "the report" → "Write the report as a PNG file."
void addExportOptions(QCommandLineParser &parser, const QString &what);
QList<ExportTarget> exportTargets(const QCommandLineParser &parser);
// Writes `paint` to every target; prints the error of the first that fails and returns false.
bool writeExportTargets(const QList<ExportTarget> &targets, QSize size, const ExportPainter &paint);

} // namespace nightwatt::cli
