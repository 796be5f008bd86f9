#include "prometheus/prometheusquery.h"

#include <QRegularExpression>

namespace nightwatt {

namespace {

struct UnitRow
{
    PrometheusUnit unit;
    const char *symbol;
    double toBase;
    bool energy;
};

constexpr UnitRow kUnits[] = {
    {PrometheusUnit::Watt, "W", 1.0, false},       {PrometheusUnit::Milliwatt, "mW", 1e-3, false},
    {PrometheusUnit::Microwatt, "uW", 1e-6, false}, {PrometheusUnit::Joule, "J", 1.0, true},
    {PrometheusUnit::Millijoule, "mJ", 1e-3, true}, {PrometheusUnit::Microjoule, "uJ", 1e-6, true},
};

const UnitRow &row(PrometheusUnit unit)
{
    for (const auto &r : kUnits) {
        if (r.unit == unit)
            return r;
    }
    return kUnits[0];
}

QString selector(const QStringList &metrics, const QString &matchers)
{
    if (metrics.size() == 1)
        return matchers.isEmpty() ? metrics.first() : metrics.first() + u'{' + matchers + u'}';
    QString s = QStringLiteral("{__name__=~\"") + metrics.join(u'|') + u'"';
    if (!matchers.isEmpty())
        s += u',' + matchers;
    return s + u'}';
}

} // namespace

bool PrometheusQuery::isSelector() const
{
    // An optional metric name, then optional {matchers} whose quoted values may hold any character.
    static const QRegularExpression bare(QStringLiteral(R"(^\s*(?=[A-Za-z_:{])([A-Za-z_:][A-Za-z0-9_:]*)?\s*(\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?\s*$)"));
    return bare.match(expression).hasMatch();
}

QString unitSymbol(PrometheusUnit unit)
{
    return QString::fromLatin1(row(unit).symbol);
}

std::optional<PrometheusUnit> parsePrometheusUnit(const QString &text)
{
    QString t = text.trimmed();
    t.replace(QChar(0x00B5), u'u'); // micro sign
    t.replace(QChar(0x03BC), u'u'); // Greek mu
    for (const auto &r : kUnits) {
        if (t == QLatin1String(r.symbol))
            return r.unit;
    }
    return std::nullopt;
}

bool isEnergyUnit(PrometheusUnit unit)
{
    return row(unit).energy;
}

double unitToBase(PrometheusUnit unit)
{
    return row(unit).toBase;
}

const QList<PrometheusPreset> &prometheusPresets()
{
    // Names and units: dcgm-exporter default-counters.csv, node_exporter collector/rapl_linux.go,
    // Scaphandre docs references/metrics.md, Kepler docs user/metrics.md (checked 2026).
    static const QList<PrometheusPreset> presets = {
        {QStringLiteral("dcgm"), QStringLiteral("NVIDIA DCGM exporter: GPU energy counter (mJ)"),
         {QStringLiteral("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")}, {}, PrometheusUnit::Millijoule,
         QStringLiteral("Hostname"), {QStringLiteral("gpu"), QStringLiteral("GPU_I_ID")}},
        {QStringLiteral("dcgm-power"), QStringLiteral("NVIDIA DCGM exporter: GPU power draw (W)"),
         {QStringLiteral("DCGM_FI_DEV_POWER_USAGE")}, {}, PrometheusUnit::Watt,
         QStringLiteral("Hostname"), {QStringLiteral("gpu"), QStringLiteral("GPU_I_ID")}},
        // Package and DRAM are separate RAPL domains; core/uncore are inside package, so summing
        // them as well would count twice.
        {QStringLiteral("rapl"), QStringLiteral("node_exporter RAPL: CPU package + DRAM energy counters (J)"),
         {QStringLiteral("node_rapl_package_joules_total"), QStringLiteral("node_rapl_dram_joules_total")}, {},
         PrometheusUnit::Joule, QStringLiteral("instance"), {QStringLiteral("index")}},
        {QStringLiteral("scaphandre"), QStringLiteral("Scaphandre: host energy counter (uJ)"),
         {QStringLiteral("scaph_host_energy_microjoules")}, {}, PrometheusUnit::Microjoule,
         QStringLiteral("instance"), {}},
        {QStringLiteral("scaphandre-power"), QStringLiteral("Scaphandre: host power (uW)"),
         {QStringLiteral("scaph_host_power_microwatts")}, {}, PrometheusUnit::Microwatt,
         QStringLiteral("instance"), {}},
        {QStringLiteral("kepler"), QStringLiteral("Kepler >= 0.10: node CPU (package + DRAM) and GPU energy counters (J)"),
         {QStringLiteral("kepler_node_cpu_joules_total"), QStringLiteral("kepler_node_gpu_joules_total")},
         QStringLiteral("zone=~\"package|dram|\""), PrometheusUnit::Joule, QStringLiteral("node_name"),
         {QStringLiteral("zone"), QStringLiteral("gpu")}},
        {QStringLiteral("kepler-legacy"), QStringLiteral("Kepler <= 0.7: node package, DRAM and GPU energy counters (J)"),
         {QStringLiteral("kepler_node_package_joules_total"), QStringLiteral("kepler_node_dram_joules_total"),
          QStringLiteral("kepler_node_gpu_joules_total")},
         {}, PrometheusUnit::Joule, QStringLiteral("instance"), {QStringLiteral("mode"), QStringLiteral("package")}},
    };
    return presets;
}

const PrometheusPreset *prometheusPresetById(const QString &id)
{
    for (const auto &preset : prometheusPresets()) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

QStringList fallbackGroupLabels()
{
    return {QStringLiteral("Hostname"), QStringLiteral("hostname"), QStringLiteral("node_name"), QStringLiteral("node"),
            QStringLiteral("host"), QStringLiteral("instance")};
}

std::optional<PrometheusQuery> resolvePrometheusQuery(const PrometheusQueryOptions &options, QString *error)
{
    const QString text = options.presetOrExpression.trimmed();
    if (text.isEmpty()) {
        *error = QStringLiteral("no query: give a preset (dcgm, dcgm-power, rapl, scaphandre, scaphandre-power, kepler, kepler-legacy) or a PromQL expression");
        return std::nullopt;
    }
    static const QRegularExpression metricName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    PrometheusQuery query;
    if (const PrometheusPreset *preset = prometheusPresetById(text)) {
        query.presetId = preset->id;
        query.metrics = options.metrics.isEmpty() ? preset->metrics : options.metrics;
        for (const QString &metric : std::as_const(query.metrics)) {
            if (!metricName.match(metric).hasMatch()) {
                *error = QStringLiteral("\"%1\" is not a metric name").arg(metric);
                return std::nullopt;
            }
        }
        query.expression = selector(query.metrics, preset->matchers);
        query.unit = options.unit.value_or(preset->unit);
        query.groupLabels = {options.groupLabel.isEmpty() ? preset->groupLabel : options.groupLabel};
        query.deviceLabels = preset->deviceLabels;
    } else {
        if (!options.metrics.isEmpty()) {
            *error = QStringLiteral("--metric only applies to a preset; write the metric into the expression instead");
            return std::nullopt;
        }
        if (!options.unit) {
            *error = QStringLiteral("a PromQL expression needs --unit (W, mW, uW for power; J, mJ, uJ for energy counters)");
            return std::nullopt;
        }
        query.expression = text;
        query.unit = *options.unit;
        if (!options.groupLabel.isEmpty())
            query.groupLabels = {options.groupLabel};
        query.deviceLabels = {QStringLiteral("gpu"), QStringLiteral("zone"), QStringLiteral("index")};
    }
    for (const QString &label : fallbackGroupLabels()) {
        if (!query.groupLabels.contains(label))
            query.groupLabels.append(label);
    }
    return query;
}

} // namespace nightwatt
