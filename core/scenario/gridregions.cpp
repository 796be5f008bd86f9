#include "scenario/gridregions.h"

#include "io/editdistance.h"
#include "scenario/units.h"

#include <QFile>
#include <QIODevice>

#include <algorithm>
#include <cmath>
#include <optional>

namespace nightwatt {

namespace {

// Plausible bounds: the dirtiest grids are near 1,000 g/kWh; anything past 3,000 is a typo.
constexpr double kMaxGPerKWh = 3000;

struct CsvRecord
{
    qint64 line = 0; // where the record starts, 1-based
    QStringList fields;
};

// RFC 4180: quoted fields with "" escapes, CRLF or LF. Small tables only: reads everything.
QList<CsvRecord> readCsv(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<CsvRecord> records;
    CsvRecord record;
    QString field;
    bool quoted = false;
    bool recordStarted = false;
    qint64 line = 1;
    auto endRecord = [&] {
        record.fields.append(field);
        field.clear();
        if (recordStarted && !(record.fields.size() == 1 && record.fields.first().trimmed().isEmpty()))
            records.append(record);
        record = {};
        recordStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!recordStarted) {
            recordStarted = true;
            record.line = line;
        }
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record.fields.append(field);
            field.clear();
        } else if (c == u'\n') {
            endRecord();
            ++line;
        } else if (c != u'\r' && c != QChar(0)) {
            field += c;
        }
    }
    if (recordStarted)
        endRecord();
    return records;
}

// The publisher and edition: the source text up to where it says how the figure reached us.
QString shortSourceOf(const QString &source)
{
    qsizetype cut = source.size();
    for (const auto *marker : {" - ", ", as shipped", ", via ", " via "}) {
        const qsizetype at = source.indexOf(QLatin1String(marker));
        if (at > 0)
            cut = std::min(cut, at);
    }
    return source.left(cut).trimmed();
}

std::optional<double> positiveNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0)
        return std::nullopt;
    return value;
}

struct TableLayout
{
    const char *valueColumn; // the intensity as the table states it
    double toGPerKWh;        // factor to g/kWh
    const char *yearColumn;
    const char *basisColumn; // empty: the basis is fixed for the table
    const char *fixedBasis;
};

TableLayout layoutOf(GridRegions::Table table)
{
    switch (table) {
    case GridRegions::Table::Countries:
        return {"g_co2_per_kwh", 1.0, "year", "unit", ""};
    case GridRegions::Table::EgridSubregions:
        // The CO2e column in lb/MWh is EPA's own figure; the g/kWh column beside it is rounded.
        // eGRID output rates are stack emissions at the generator, without T&D losses (facts.md §1b).
        return {"co2e_lb_per_mwh", units::lbPerMWhToGPerKWh(1.0), "data_year", "",
                "CO2e, direct at generation, no T&D losses"};
    case GridRegions::Table::EiaNational:
        return {"lb_co2_per_kwh", units::lbPerKWhToGPerKWh(1.0), "year", "basis", ""};
    }
    return {};
}

// The country table states its unit per row ("gCO2e/kWh lifecycle, generation-based ...").
QString basisFromUnit(const QString &unit)
{
    QString basis = unit.contains(QLatin1String("CO2e")) ? QStringLiteral("CO2e") : QStringLiteral("CO2");
    if (unit.contains(QLatin1String("lifecycle")))
        basis += QStringLiteral(", lifecycle");
    return basis;
}

} // namespace

QString GridRegion::label() const
{
    return QStringLiteral("%1 (%2), %3, %4; %5").arg(name, code).arg(year).arg(basis, shortSource);
}

const GridRegions &GridRegions::bundled()
{
    static const GridRegions tables = [] {
        GridRegions t;
        QFile codes(QStringLiteral(":/grid/country_codes.csv"));
        if (codes.open(QIODevice::ReadOnly))
            t.loadCountryCodes(codes, codes.fileName());
        t.loadFile(Table::Countries, QStringLiteral(":/grid/grid_intensity_countries.csv"));
        t.loadFile(Table::EgridSubregions, QStringLiteral(":/grid/grid_intensity_us_subregions_egrid2023.csv"));
        t.loadFile(Table::EiaNational, QStringLiteral(":/grid/grid_intensity_us_eia.csv"));
        return t;
    }();
    return tables;
}

void GridRegions::loadFile(Table table, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_issues.append(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
        return;
    }
    load(table, file, path);
}

void GridRegions::loadCountryCodes(QIODevice &device, const QString &name)
{
    const QList<CsvRecord> records = readCsv(device.readAll());
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &r = records.at(i);
        if (r.fields.size() < 2 || r.fields.at(0).trimmed().isEmpty() || r.fields.at(1).trimmed().isEmpty()) {
            m_issues.append(QStringLiteral("%1:%2: expected alpha3,alpha2").arg(name).arg(r.line));
            continue;
        }
        m_alpha2ByAlpha3.insert(r.fields.at(0).trimmed().toUpper(), r.fields.at(1).trimmed().toUpper());
    }
}

void GridRegions::load(Table table, QIODevice &device, const QString &name)
{
    const QList<CsvRecord> records = readCsv(device.readAll());
    if (records.isEmpty()) {
        m_issues.append(QStringLiteral("%1: empty table").arg(name));
        return;
    }
    const TableLayout layout = layoutOf(table);
    const QStringList header = records.first().fields;
    auto column = [&](const char *columnName) { return header.indexOf(QLatin1String(columnName)); };
    const qsizetype codeAt = column("code"), nameAt = column("name"), valueAt = column(layout.valueColumn),
                    yearAt = column(layout.yearColumn), sourceAt = column("source");
    const qsizetype basisAt = *layout.basisColumn ? column(layout.basisColumn) : -1;
    QStringList missing;
    for (const auto &[at, columnName] : {std::pair{codeAt, "code"}, {nameAt, "name"}, {valueAt, layout.valueColumn},
                                         {yearAt, layout.yearColumn}, {sourceAt, "source"}}) {
        if (at < 0)
            missing.append(QLatin1String(columnName));
    }
    if (*layout.basisColumn && basisAt < 0)
        missing.append(QLatin1String(layout.basisColumn));
    if (!missing.isEmpty()) {
        m_issues.append(QStringLiteral("%1:%2: missing column(s) %3").arg(name).arg(records.first().line).arg(missing.join(QStringLiteral(", "))));
        return;
    }
    const qsizetype needed = std::max({codeAt, nameAt, valueAt, yearAt, sourceAt, basisAt}) + 1;

    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &r = records.at(i);
        auto issue = [&](const QString &message) { m_issues.append(QStringLiteral("%1:%2: %3").arg(name).arg(r.line).arg(message)); };
        if (r.fields.size() < needed) {
            issue(QStringLiteral("expected %1 fields, found %2").arg(needed).arg(r.fields.size()));
            continue;
        }
        GridRegion region;
        const QString code = r.fields.at(codeAt).trimmed().toUpper();
        if (code.isEmpty()) {
            issue(QStringLiteral("no code"));
            continue;
        }
        const auto value = positiveNumber(r.fields.at(valueAt));
        region.gPerKWh = value ? *value * layout.toGPerKWh : 0;
        if (!value || region.gPerKWh > kMaxGPerKWh) {
            issue(QStringLiteral("%1: \"%2\" is not a plausible intensity").arg(code, r.fields.at(valueAt)));
            continue;
        }
        bool yearOk = false;
        region.year = r.fields.at(yearAt).trimmed().toInt(&yearOk);
        if (!yearOk || region.year < 1990 || region.year > 2100) {
            issue(QStringLiteral("%1: \"%2\" is not a year").arg(code, r.fields.at(yearAt)));
            continue;
        }
        region.name = r.fields.at(nameAt).trimmed();
        region.source = r.fields.at(sourceAt).trimmed();
        region.shortSource = shortSourceOf(region.source);
        switch (table) {
        case Table::Countries:
            region.basis = basisFromUnit(r.fields.at(basisAt));
            if (const auto alpha2 = m_alpha2ByAlpha3.value(code); !alpha2.isEmpty()) {
                region.code = alpha2;
                region.aliases = {code};
            } else {
                region.code = code;
            }
            break;
        case Table::EgridSubregions:
            region.basis = QString::fromLatin1(layout.fixedBasis);
            // The national row is eGRID's own US figure; "US" alone is the country table's.
            region.code = code == u"US" ? QStringLiteral("US-EGRID-%1").arg(region.year) : QStringLiteral("US-") + code;
            region.aliases = {code == u"US" ? QStringLiteral("EGRID-US") : code};
            if (code == u"US")
                region.name = QStringLiteral("United States, eGRID");
            break;
        case Table::EiaNational:
            region.basis = r.fields.at(basisAt).trimmed();
            region.code = code;
            break;
        }
        if (find(region.code)) {
            issue(QStringLiteral("%1 is listed twice; the first row is kept").arg(region.code));
            continue;
        }
        m_regions.append(region);
    }
}

const GridRegion *GridRegions::find(const QString &code) const
{
    const QString wanted = code.trimmed();
    for (const auto &region : m_regions) {
        if (region.code.compare(wanted, Qt::CaseInsensitive) == 0)
            return &region;
    }
    // eGRID acronyms without the US- prefix ("CAMX") are unambiguous, as are ISO alpha-3 codes.
    for (const auto &region : m_regions) {
        for (const auto &alias : region.aliases) {
            if (alias.compare(wanted, Qt::CaseInsensitive) == 0)
                return &region;
        }
    }
    // A full name ("France") when only one row has it.
    const GridRegion *named = nullptr;
    for (const auto &region : m_regions) {
        if (region.name.compare(wanted, Qt::CaseInsensitive) == 0) {
            if (named)
                return nullptr;
            named = &region;
        }
    }
    return named;
}

QList<const GridRegion *> GridRegions::search(const QString &text) const
{
    const QString wanted = text.trimmed();
    QList<const GridRegion *> byCode, byName;
    for (const auto &region : m_regions) {
        const bool codeHit = region.code.contains(wanted, Qt::CaseInsensitive)
                          || std::any_of(region.aliases.cbegin(), region.aliases.cend(),
                                         [&](const QString &alias) { return alias.contains(wanted, Qt::CaseInsensitive); });
        if (codeHit)
            byCode.append(&region);
        else if (region.name.contains(wanted, Qt::CaseInsensitive))
            byName.append(&region);
    }
    return byCode + byName;
}

QList<const GridRegion *> GridRegions::closeMatches(const QString &text, int limit) const
{
    const QString wanted = text.trimmed().toUpper();
    QList<const GridRegion *> matches = wanted.isEmpty() ? QList<const GridRegion *>() : search(wanted);
    if (matches.size() >= limit)
        return matches.first(limit);

    // Then spelling slips: the nearest codes and names by edit distance.
    QList<std::pair<int, const GridRegion *>> scored;
    const int tolerance = std::max(2, int(wanted.size() / 3));
    for (const auto &region : m_regions) {
        if (matches.contains(&region))
            continue;
        int best = editDistance(wanted, region.code.toUpper());
        for (const auto &alias : region.aliases)
            best = std::min(best, editDistance(wanted, alias.toUpper()));
        best = std::min(best, editDistance(wanted, region.name.toUpper()));
        if (best <= tolerance)
            scored.append({best, &region});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[distance, region] : scored) {
        if (matches.size() >= limit)
            break;
        matches.append(region);
    }
    return matches;
}

} // namespace nightwatt
