#include "runscommand.h"

#include "clierror.h"
#include "libraryoption.h"

#include "library/runlibrary.h"
#include "library/runlistjson.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

namespace nightwatt::cli {

namespace {

QString durationText(const std::optional<double> &seconds)
{
    if (!seconds)
        return QStringLiteral("-");
    const qint64 s = qRound64(*seconds);
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// Short runs hold milliwatt-hours: three significant digits below 1 Wh instead of "0.000".
QString energyText(const std::optional<double> &wh)
{
    if (!wh)
        return QStringLiteral("-");
    return (*wh >= 1.0 ? QString::number(*wh, 'f', 2) : QString::number(*wh, 'g', 3)) + QStringLiteral(" Wh");
}

QString table(const QList<RunInfo> &runs)
{
    QList<QStringList> rows = {{QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("FORMAT"), QStringLiteral("CREATED"),
                                QStringLiteral("SAMPLES"), QStringLiteral("DURATION"), QStringLiteral("ENERGY"), QStringLiteral("STATUS")}};
    for (const auto &run : runs) {
        rows.append({QStringLiteral("run:%1").arg(run.id), run.name, run.formatId,
                     run.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), QString::number(run.samples),
                     durationText(run.durationS), energyText(run.energyWh),
                     runStatusName(run.status)});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const auto &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    QString out;
    for (const auto &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const bool numeric = c == 4 || c == 5 || c == 6;
            line += (numeric ? row[c].rightJustified(widths[c]) : row[c].leftJustified(widths[c])) + QStringLiteral("  ");
        }
        out += line.trimmed() + u'\n';
    }
    return out;
}

} // namespace

int runRunsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the runs in the run library."));
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the runs as a JSON array.")));
    addLibraryOption(parser);
    if (const std::optional<int> done = parseCommandLine(parser, arguments))
        return *done;
    if (!parser.positionalArguments().isEmpty()) {
        printUsageError(QStringLiteral("runs takes no FILE"));
        return kExitUsage;
    }
    RunLibrary library;
    const QString path = libraryPath(parser);
    if (!library.open(path)) {
        printError(path, 0, library.errorString());
        return kExitNothingLoaded;
    }
    const QList<RunInfo> runs = library.runs();
    if (!library.errorString().isEmpty()) {
        printError(path, 0, library.errorString());
        return kExitNothingLoaded;
    }
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(runsToJson(runs)).toJson(QJsonDocument::Indented);
    else if (runs.isEmpty())
        out << "The run library " << path << " holds no runs yet (add some with nightwatt import FILE...).\n";
    else
        out << table(runs);
    return kExitOk;
}

} // namespace nightwatt::cli
