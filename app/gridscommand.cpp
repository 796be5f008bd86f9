#include "gridscommand.h"

#include "clierror.h"

#include "scenario/gridregions.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace nightwatt::cli {

int runGridsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The grid regions --grid accepts, with intensity, basis, year and source.\n"
                                                    "Bases differ between tables: compare like with like."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SEARCH"), QStringLiteral("Only regions whose code or name contains this."), QStringLiteral("[SEARCH]"));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the regions as JSON.")));
    if (const std::optional<int> done = parseCommandLine(parser, arguments))
        return *done;
    if (parser.positionalArguments().size() > 1) {
        printUsageError(QStringLiteral("grids takes one SEARCH"));
        return kExitUsage;
    }
    const GridRegions &tables = GridRegions::bundled();
    for (const auto &issue : tables.issues())
        printError({}, 0, QStringLiteral("warning: ") + issue);
    const QString search = parser.positionalArguments().value(0);
    const QList<const GridRegion *> regions = tables.search(search);
    if (regions.isEmpty()) {
        printError({}, 0, QStringLiteral("no grid region matches \"%1\"").arg(search));
        return kExitNothingLoaded;
    }

    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto *r : regions) {
            array.append(QJsonObject{{QStringLiteral("code"), r->code},
                                     {QStringLiteral("aliases"), QJsonArray::fromStringList(r->aliases)},
                                     {QStringLiteral("name"), r->name},
                                     {QStringLiteral("g_per_kwh"), r->gPerKWh},
                                     {QStringLiteral("year"), r->year},
                                     {QStringLiteral("basis"), r->basis},
                                     {QStringLiteral("source"), r->source}});
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("regions"), array}}).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    qsizetype codeWidth = 4, nameWidth = 4, basisWidth = 5;
    for (const auto *r : regions) {
        codeWidth = std::max(codeWidth, r->code.size());
        nameWidth = std::max(nameWidth, r->name.size());
        basisWidth = std::max(basisWidth, r->basis.size());
    }
    out << QStringLiteral("code").leftJustified(codeWidth) << "  " << QStringLiteral("g/kWh").rightJustified(7) << "  year  "
        << QStringLiteral("basis").leftJustified(basisWidth) << "  name\n";
    for (const auto *r : regions) {
        out << r->code.leftJustified(codeWidth) << "  " << QString::number(r->gPerKWh, 'f', 1).rightJustified(7) << "  " << r->year << "  "
            << r->basis.leftJustified(basisWidth) << "  " << r->name << '\n';
    }
    QStringList sources;
    for (const auto *r : regions) {
        if (!sources.contains(r->shortSource))
            sources.append(r->shortSource);
    }
    out << "\nSources: " << sources.join(QStringLiteral("; ")) << " (full text: --json)\n";
    return kExitOk;
}

} // namespace nightwatt::cli
