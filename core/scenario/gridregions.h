#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace nightwatt {

// One grid carbon intensity from a bundled table. The bases differ between tables (lifecycle
// CO2e, direct CO2e at the generator, CO2 only), so a figure always travels with its basis and
// year and is never shown without them.
struct GridRegion
{
    QString code;        // what --grid takes: "FR", "US-CAMX", "US-EIA-2023"
    QStringList aliases; // other codes accepted for the same row: "FRA"
    QString name;        // "France", "WECC California"
    double gPerKWh = 0;  // grams per kWh, of the gas the basis names
    int year = 0;        // data year
    QString basis;       // "CO2e, lifecycle", "CO2e, direct at generation, no T&D losses", ...
    QString source;      // the table's full source text
    QString shortSource; // its publisher and edition, for one-line labels

    // "France (FR), 2023, CO2e, lifecycle; Our World in Data ..." — what ScenarioInputs::gridSource
    // holds once the region is chosen.
    QString label() const;
};

// The grid tables: country averages (OWID/Ember), US eGRID2023 subregions and the EIA US national
// average. Codes are matched case-insensitively.
class GridRegions
{
public:
    enum class Table { Countries, EgridSubregions, EiaNational };

    // The tables bundled under :/grid, read once.
    static const GridRegions &bundled();

    // Appends the rows of one table read from `device`; `name` is used in issues ("FILE:LINE: ...").
    // Rows that cannot be read are skipped with an issue; the good rows still load.
    void load(Table table, QIODevice &device, const QString &name);
    void loadFile(Table table, const QString &path);
    // ISO 3166 alpha-3 → alpha-2 for the country table; load it before the countries.
    void loadCountryCodes(QIODevice &device, const QString &name);

    const QList<GridRegion> &regions() const { return m_regions; }
    const QStringList &issues() const { return m_issues; }

    // By code, then alias, then a full name that only one row has; nullptr when none matches.
    const GridRegion *find(const QString &code) const;
    // Regions whose code, alias or name contains `text`, codes first; all of them for empty text.
    QList<const GridRegion *> search(const QString &text) const;
    // For "unknown region" messages: substring hits first, then the nearest codes and names.
    QList<const GridRegion *> closeMatches(const QString &text, int limit = 5) const;

private:
    QList<GridRegion> m_regions;
    QStringList m_issues;
    QHash<QString, QString> m_alpha2ByAlpha3;
};

} // namespace nightwatt
