#include "report/comparison.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace nightwatt {

const QList<ComparisonFigure> &comparisonFigures()
{
    using S = const RunSummary &;
    static const QList<ComparisonFigure> figures = {
        {QStringLiteral("scenario"), QStringLiteral("mean_power_w"), QStringLiteral("mean power"), QStringLiteral("W"), 2,
         [](S s) { return s.scenario.meanPowerW; }},
        {QStringLiteral("scenario"), QStringLiteral("runtime_min"), QStringLiteral("runtime"), QStringLiteral("min/run"), 1,
         [](S s) { return s.scenario.runtimeMin; }},
        {QStringLiteral("scenario"), QStringLiteral("runs_per_week"), QStringLiteral("runs per week"), QString(), 1,
         [](S s) { return s.scenario.runsPerWeek; }},
        {QStringLiteral("scenario"), QStringLiteral("wh_per_run"), QStringLiteral("energy per run"), QStringLiteral("Wh"), 2,
         [](S s) { return s.result.whPerRun; }},
        {QStringLiteral("scenario"), QStringLiteral("kwh_per_week"), QStringLiteral("energy per week"), QStringLiteral("kWh"), 4,
         [](S s) { return s.result.kwhPerWeek; }},
        {QStringLiteral("scenario"), QStringLiteral("kwh_per_year"), QStringLiteral("energy per year"), QStringLiteral("kWh"), 2,
         [](S s) { return s.result.kwhPerYear; }},
        {QStringLiteral("baseline"), QStringLiteral("kwh_per_year"), QStringLiteral("everyday use per year"), QStringLiteral("kWh"), 2,
         [](S s) { return s.result.baselineKwhPerYear; }},
        {QStringLiteral("baseline"), QStringLiteral("training_to_baseline_ratio"), QStringLiteral("training ÷ everyday"), QStringLiteral("×"), 3,
         [](S s) { return s.result.trainingToBaselineRatio; }},
        {QStringLiteral("emissions"), QStringLiteral("grid_g_per_kwh"), QStringLiteral("grid intensity"), QStringLiteral("g/kWh"), 1,
         [](S s) { return s.scenario.gridGPerKWh; }},
        {QStringLiteral("emissions"), QStringLiteral("co2_g_per_run"), QStringLiteral("CO2 per run"), QStringLiteral("g"), 1,
         [](S s) { return s.result.co2GPerRun; }},
        {QStringLiteral("emissions"), QStringLiteral("co2_kg_per_week"), QStringLiteral("CO2 per week"), QStringLiteral("kg"), 3,
         [](S s) { return s.result.co2KgPerWeek; }},
        {QStringLiteral("emissions"), QStringLiteral("co2_kg_per_year"), QStringLiteral("CO2 per year"), QStringLiteral("kg"), 2,
         [](S s) { return s.result.co2KgPerYear; }},
        {QStringLiteral("emissions"), QStringLiteral("co2_lb_per_year"), QStringLiteral("CO2 per year"), QStringLiteral("lb"), 2,
         [](S s) { return s.result.co2LbPerYear; }},
        {QStringLiteral("emissions"), QStringLiteral("baseline_co2_kg_per_year"), QStringLiteral("everyday CO2 per year"), QStringLiteral("kg"), 2,
         [](S s) { return s.result.baselineCo2KgPerYear; }},
        {QStringLiteral("emissions"), QStringLiteral("gasoline_gallons_per_year"), QStringLiteral("gasoline"), QStringLiteral("gal/year"), 3,
         [](S s) { return s.result.gasolineGallonsPerYear; }},
        {QStringLiteral("equivalents"), QStringLiteral("car_miles_per_year"), QStringLiteral("car distance"), QStringLiteral("miles/year"), 1,
         [](S s) { return s.result.carMilesPerYear; }},
        {QStringLiteral("equivalents"), QStringLiteral("phone_charges_per_year"), QStringLiteral("smartphone charges"), QStringLiteral("/year"), 0,
         [](S s) { return s.result.phoneChargesPerYear; }},
    };
    return figures;
}

FigureDelta figureDelta(double first, double value)
{
    FigureDelta d;
    d.first = first;
    d.value = value;
    d.absolute = value - first;
    if (first != 0 && std::isfinite(first))
        d.percent = d.absolute / first * 100.0;
    return d;
}

QList<QList<FigureDelta>> ScenarioComparison::deltas() const
{
    QList<QList<FigureDelta>> all;
    if (scenarios.isEmpty())
        return all;
    const RunSummary &first = scenarios.first();
    for (qsizetype i = 1; i < scenarios.size(); ++i) {
        QList<FigureDelta> row;
        for (const auto &figure : comparisonFigures())
            row.append(figureDelta(figure.value(first), figure.value(scenarios.at(i))));
        all.append(row);
    }
    return all;
}

namespace {

QString basisOf(const ScenarioInputs &in)
{
    return in.gridBasis.isEmpty() ? QStringLiteral("basis not stated (typed in)") : in.gridBasis;
}

QString labelOf(const ScenarioComparison &c, qsizetype index)
{
    return index < c.labels.size() ? c.labels.at(index) : QStringLiteral("scenario %1").arg(index + 1);
}

QString signedNumber(double value, int decimals)
{
    const QString text = QString::number(value, 'f', decimals);
    return value > 0 && text.toDouble() != 0 ? QStringLiteral("+") + text : text;
}

} // namespace

QString shortScenarioLabel(const QString &source)
{
    if (source.startsWith(QLatin1String("run:")) || source.startsWith(QLatin1String("power:")) || source.contains(QLatin1String("://")))
        return source;
    const QString stem = QFileInfo(source).completeBaseName();
    return stem.isEmpty() ? source : stem;
}

QStringList ScenarioComparison::notes() const
{
    QStringList notes;
    QStringList bases;
    for (const auto &summary : scenarios) {
        if (!bases.contains(basisOf(summary.scenario)))
            bases.append(basisOf(summary.scenario));
    }
    if (bases.size() > 1) {
        QStringList which;
        for (qsizetype i = 0; i < scenarios.size(); ++i)
            which.append(QStringLiteral("[%1] %2").arg(i + 1).arg(basisOf(scenarios.at(i).scenario)));
        notes.append(QStringLiteral("The grid intensities are not on one basis (%1): part of the CO2 difference is the basis, "
                                    "not the electricity.")
                         .arg(which.join(QStringLiteral("; "))));
    }
    return notes;
}

QJsonObject comparisonToJson(const ScenarioComparison &c)
{
    QJsonArray scenarios;
    for (const auto &summary : c.scenarios)
        scenarios.append(summaryToJson(summary));
    QJsonArray deltas;
    const auto all = c.deltas();
    for (qsizetype i = 0; i < all.size(); ++i) {
        QJsonObject delta{{QStringLiteral("label"), labelOf(c, i + 1)}, {QStringLiteral("against"), labelOf(c, 0)}};
        const auto &figures = comparisonFigures();
        for (qsizetype f = 0; f < figures.size(); ++f) {
            const FigureDelta &d = all.at(i).at(f);
            QJsonObject section = delta.value(figures.at(f).section).toObject();
            section.insert(figures.at(f).key,
                           QJsonObject{{QStringLiteral("absolute"), d.absolute},
                                       {QStringLiteral("percent"), d.percent ? QJsonValue(*d.percent) : QJsonValue(QJsonValue::Null)}});
            delta.insert(figures.at(f).section, section);
        }
        deltas.append(delta);
    }
    return {{QStringLiteral("scenarios"), scenarios}, {QStringLiteral("deltas"), deltas}};
}

QString comparisonToText(const ScenarioComparison &c)
{
    const auto &figures = comparisonFigures();
    const auto all = c.deltas();
    // cells[row][column]: column 0 is the figure's label and unit, then one per scenario.
    QList<QStringList> cells;
    QStringList header{QString()};
    for (qsizetype i = 0; i < c.scenarios.size(); ++i)
        header.append(QStringLiteral("[%1]").arg(i + 1));
    cells.append(header);
    for (qsizetype f = 0; f < figures.size(); ++f) {
        const ComparisonFigure &figure = figures.at(f);
        QStringList row{figure.unit.isEmpty() ? figure.label : QStringLiteral("%1 (%2)").arg(figure.label, figure.unit)};
        for (qsizetype i = 0; i < c.scenarios.size(); ++i) {
            QString cell = QString::number(figure.value(c.scenarios.at(i)), 'f', figure.decimals);
            if (i > 0) {
                const FigureDelta &d = all.at(i - 1).at(f);
                if (d.absolute == 0)
                    cell += QStringLiteral(" (same)");
                else if (d.percent)
                    cell += QStringLiteral(" (%1 %)").arg(signedNumber(*d.percent, 1));
                else
                    cell += QStringLiteral(" (%1)").arg(signedNumber(d.absolute, figure.decimals));
            }
            row.append(cell);
        }
        cells.append(row);
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const auto &row : cells) {
        for (qsizetype col = 0; col < row.size(); ++col)
            widths[col] = std::max(widths[col], row.at(col).size());
    }
    QString out;
    for (qsizetype i = 0; i < c.scenarios.size(); ++i) {
        const ScenarioInputs &in = c.scenarios.at(i).scenario;
        out += QStringLiteral("[%1] %2\n").arg(i + 1).arg(labelOf(c, i));
        if (i < c.sources.size() && !c.sources.at(i).isEmpty() && c.sources.at(i) != labelOf(c, i))
            out += QStringLiteral("    source: %1\n").arg(c.sources.at(i));
        out += QStringLiteral("    grid: %1 g/kWh, %2\n").arg(in.gridGPerKWh, 0, 'f', 1).arg(in.gridSource);
    }
    out += u'\n';
    for (const auto &row : cells) {
        QString line = QStringLiteral("  ") + row.first().leftJustified(widths.first());
        for (qsizetype col = 1; col < row.size(); ++col)
            line += QStringLiteral("  ") + row.at(col).rightJustified(widths.at(col));
        out += line + u'\n';
    }
    if (c.scenarios.size() > 1)
        out += QStringLiteral("\nBrackets: change against [1].\n");
    for (const auto &note : c.notes())
        out += QStringLiteral("Note: ") + note + u'\n';
    return out;
}

} // namespace nightwatt
