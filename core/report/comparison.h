#pragma once

#include "report/runsummary.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace nightwatt {

// One figure the comparison puts side by side. `section` and `key` name it exactly as in the
// `summary --json` object, so a delta is found where the figure itself is.
struct ComparisonFigure
{
    QString section; // "scenario", "baseline", "emissions", "equivalents"
    QString key;     // "kwh_per_year"
    QString label;   // "energy per year"
    QString unit;    // "kWh"
    int decimals = 2;
    double (*value)(const RunSummary &summary) = nullptr;
};

// The figures compared, in display order: power and schedule, energy per run/week/year, ratio to
// everyday use, grid intensity, CO2, gasoline and the other everyday equivalents.
const QList<ComparisonFigure> &comparisonFigures();

// A figure of one scenario against the first: absolute difference, and percent of the first
// (none when the first is zero: a change from nothing has no percentage).
struct FigureDelta
{
    double first = 0;
    double value = 0;
    double absolute = 0;
    std::optional<double> percent;
};
FigureDelta figureDelta(double first, double value);

// Two or more scenarios, each a summary with its own assumptions, and what sets them apart.
struct ScenarioComparison
{
    QList<RunSummary> scenarios;
    QStringList labels; // one per scenario: as the user named it, else shortScenarioLabel()
    QStringList sources; // one per scenario when known: the full path or run:ID it was read from

    // For each scenario after the first, one delta per comparisonFigures() entry.
    QList<QList<FigureDelta>> deltas() const;
    // Warnings a reader needs before trusting the deltas: grid intensities of different bases
    // (CO2 only vs CO2e, lifecycle vs direct) are not like for like.
    QStringList notes() const;
};

// What a scenario read from `source` goes by in legends and headings when not named: a file's
// stem ("/data/a100/run-3.csv" is "run-3"), anything else (run:ID, power:W) as written. The full
// path belongs in the notes, not in every legend entry.
QString shortScenarioLabel(const QString &source);

// {"scenarios": [summary JSON, ...], "deltas": [{"label", "against", "<section>": {"<key>":
// {"absolute", "percent"}}}, ...]} — one delta object per scenario after the first.
QJsonObject comparisonToJson(const ScenarioComparison &comparison);
// A table: one column per scenario, changes against the first in brackets.
QString comparisonToText(const ScenarioComparison &comparison);

} // namespace nightwatt
