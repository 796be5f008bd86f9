#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace nightwatt {

// The unit of the numbers a query returns. Power units are gauges; energy units are counters
// whose per-step increase gives exact energy.
enum class PrometheusUnit { Watt, Milliwatt, Microwatt, Joule, Millijoule, Microjoule };

QString unitSymbol(PrometheusUnit unit);
std::optional<PrometheusUnit> parsePrometheusUnit(const QString &text); // "W", "mW", "uW"/"µW", "J", ...
bool isEnergyUnit(PrometheusUnit unit);
double unitToBase(PrometheusUnit unit); // factor to W or J

// What a known exporter publishes, with its unit built in (exporters do not publish units in a
// way a backfilled or remote server keeps: /api/v1/metadata is often empty).
struct PrometheusPreset
{
    QString id;          // "dcgm", "rapl", ...
    QString name;        // what a person reads
    QStringList metrics; // summed series; several names become a __name__ regex
    QString matchers;    // extra label matchers inside {...}, may be empty
    PrometheusUnit unit = PrometheusUnit::Watt;
    QString groupLabel;       // the label naming the host
    QStringList deviceLabels; // labels that tell series of one host apart, in naming order
};

const QList<PrometheusPreset> &prometheusPresets();
const PrometheusPreset *prometheusPresetById(const QString &id);

// A query ready to send, and how to read what comes back.
struct PrometheusQuery
{
    QString presetId;   // empty for a custom expression
    QString expression; // PromQL
    PrometheusUnit unit = PrometheusUnit::Watt;
    QStringList groupLabels;  // first one present names the host
    QStringList deviceLabels;
    QStringList metrics;      // preset metric names (to name channels when there are several)

    bool isEnergyCounter() const { return isEnergyUnit(unit); }
    // A bare vector selector (metric{labels}), which can take a range ([5m]) to read the
    // samples as scraped, with their own times.
    bool isSelector() const;
};

// Host labels tried after the preset's own, so renamed labels (DCGM 4.8.3 Hostname -> hostname)
// still group by host.
QStringList fallbackGroupLabels();

struct PrometheusQueryOptions
{
    QString presetOrExpression;   // a preset id or PromQL
    std::optional<PrometheusUnit> unit; // required for an expression; overrides a preset's
    QStringList metrics;          // replaces a preset's metric names
    QString groupLabel;           // replaces a preset's host label
};

// Returns nullopt and sets `error` when the options do not make a query.
std::optional<PrometheusQuery> resolvePrometheusQuery(const PrometheusQueryOptions &options, QString *error);

} // namespace nightwatt
