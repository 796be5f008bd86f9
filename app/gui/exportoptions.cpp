#include "exportoptions.h"

#include "clierror.h"

#include <QCommandLineParser>

namespace nightwatt::cli {

namespace {

constexpr ExportFormat kFormats[] = {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf};

QString optionName(ExportFormat format)
{
    return exportFormatName(format).toLower();
}

} // namespace

void addExportOptions(QCommandLineParser &parser, const QString &what)
{
    for (const ExportFormat format : kFormats) {
        const QString kind = format == ExportFormat::Png ? QStringLiteral("picture") : QStringLiteral("vector");
        parser.addOption(QCommandLineOption(optionName(format),
                                            QStringLiteral("Write %1 to this %2 file (%3).").arg(what, exportFormatName(format), kind),
                                            QStringLiteral("OUT")));
    }
}

QList<ExportTarget> exportTargets(const QCommandLineParser &parser)
{
    QList<ExportTarget> targets;
    for (const ExportFormat format : kFormats) {
        if (parser.isSet(optionName(format)))
            targets.append({format, parser.value(optionName(format))});
    }
    return targets;
}

bool writeExportTargets(const QList<ExportTarget> &targets, QSize size, const ExportPainter &paint)
{
    for (const ExportTarget &target : targets) {
        if (const QString error = writeExport(target.path, target.format, size, paint); !error.isEmpty()) {
            printError(target.path, 0, error);
            return false;
        }
    }
    return true;
}

} // namespace nightwatt::cli
