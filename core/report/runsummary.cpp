#include "report/runsummary.h"

#include "report/significant.h"

#include <QJsonArray>
#include <QStringList>

#include <cmath>

namespace nightwatt {

namespace {

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonArray issuesJson(const QList<ParseIssue> &list)
{
    QJsonArray issues;
    for (const auto &issue : list)
        issues.append(QJsonObject{{QStringLiteral("line"), issue.line}, {QStringLiteral("message"), issue.message}});
    return issues;
}

QJsonObject inputJson(const RunSummary::Input &input)
{
    QJsonObject metadata;
    for (auto it = input.metadata.begin(); it != input.metadata.end(); ++it)
        metadata.insert(it.key(), it.value());
    const QJsonArray issues = issuesJson(input.issues);
    return {
        {QStringLiteral("path"), input.path.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(input.path)},
        {QStringLiteral("format"), input.formatId},
        {QStringLiteral("samples"), qint64(input.stats.samples)},
        {QStringLiteral("duration_s"), optionalNumber(input.stats.durationS)},
        {QStringLiteral("covered_s"), optionalNumber(input.stats.coveredS)},
        {QStringLiteral("gaps"), input.stats.gaps},
        {QStringLiteral("energy_method"), describeMethod(input.stats.method)},
        {QStringLiteral("issues"), issues},
        {QStringLiteral("issue_count"), input.issueCount},
        {QStringLiteral("metadata"), metadata},
    };
}

QJsonArray phasesJson(const QList<PhaseFigures> &phases)
{
    QJsonArray array;
    for (const PhaseFigures &phase : phases) {
        array.append(QJsonObject{{QStringLiteral("kind"), markerKindId(phase.kind)},
                                 {QStringLiteral("label"), phase.label},
                                 {QStringLiteral("start_s"), phase.startS},
                                 {QStringLiteral("end_s"), phase.endS},
                                 {QStringLiteral("duration_s"), phase.durationS},
                                 {QStringLiteral("mean_w"), phase.samples > 0 ? QJsonValue(phase.meanW) : QJsonValue()},
                                 {QStringLiteral("energy_wh"), optionalNumber(phase.energyWh)},
                                 {QStringLiteral("share"), optionalNumber(phase.share)},
                                 {QStringLiteral("coverage"), optionalNumber(phase.coverage)}});
    }
    return array;
}

QJsonObject channelsJson(const TraceStats &stats)
{
    QJsonObject channels;
    for (const auto &c : stats.channels) {
        channels.insert(c.id, QJsonObject{{QStringLiteral("mean_w"), c.meanW},
                                          {QStringLiteral("max_w"), c.maxW},
                                          {QStringLiteral("energy_wh"), optionalNumber(c.energyWh)},
                                          {QStringLiteral("samples"), qint64(c.samples)}});
    }
    return channels;
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

// Rows of label, value, unit, padded into columns.
class TextTable
{
public:
    void heading(const QString &title) { m_rows.append({title, {}, {}, true}); }
    void row(const QString &label, const QString &value, const QString &unit = {})
    {
        m_rows.append({label, value, unit, false});
    }
    QString render() const
    {
        qsizetype labelWidth = 0, valueWidth = 0;
        for (const auto &r : m_rows) {
            if (!r.heading) {
                labelWidth = std::max(labelWidth, r.label.size());
                valueWidth = std::max(valueWidth, r.value.size());
            }
        }
        QString out;
        for (const auto &r : m_rows) {
            if (r.heading) {
                out += (out.isEmpty() ? QString() : QStringLiteral("\n")) + r.label + u'\n';
                continue;
            }
            out += QStringLiteral("  ") + r.label.leftJustified(labelWidth) + QStringLiteral("  ")
                 + r.value.rightJustified(valueWidth) + (r.unit.isEmpty() ? QString() : QStringLiteral(" ") + r.unit);
            out += u'\n';
        }
        return out;
    }

private:
    struct Row
    {
        QString label, value, unit;
        bool heading;
    };
    QList<Row> m_rows;
};

// "0:01:05"; a phase that began before the log's first reading (an MLPerf init) is "-0:00:16".
QString clockText(double seconds)
{
    const qint64 whole = qint64(std::floor(std::abs(seconds)));
    return QStringLiteral("%1%2:%3:%4")
        .arg(seconds < 0 && whole > 0 ? QStringLiteral("-") : QString())
        .arg(whole / 3600)
        .arg(whole % 3600 / 60, 2, 10, QLatin1Char('0'))
        .arg(whole % 60, 2, 10, QLatin1Char('0'));
}

// "W mean, 12.300 Wh (45.1 %), 5.00 min from 0:01:00 to 0:06:00, 98.0 % covered"
QString phaseDetail(const PhaseFigures &phase)
{
    if (phase.samples == 0) {
        return QStringLiteral("no reading inside (shorter than the log's sampling), %1 min from %2 to %3")
            .arg(number(phase.durationS / 60.0, 2), clockText(phase.startS), clockText(phase.endS));
    }
    QString detail = QStringLiteral("W mean");
    if (phase.energyWh) {
        detail += QStringLiteral(", %1 Wh").arg(number(*phase.energyWh, 3));
        if (phase.share)
            detail += QStringLiteral(" (%1 %)").arg(number(*phase.share * 100.0, 1));
    }
    detail += QStringLiteral(", %1 min from %2 to %3").arg(number(phase.durationS / 60.0, 2), clockText(phase.startS), clockText(phase.endS));
    if (phase.coverage && *phase.coverage < 0.995)
        detail += QStringLiteral(", %1 % covered").arg(number(*phase.coverage * 100.0, 1));
    return detail;
}

} // namespace

QJsonObject summaryToJson(const RunSummary &s)
{
    QJsonObject root;
    if (s.input) {
        root.insert(QStringLiteral("input"), inputJson(*s.input));
        root.insert(QStringLiteral("channels"), channelsJson(s.input->stats));
        root.insert(QStringLiteral("phases"), phasesJson(s.input->phases));
        if (!s.input->markersPath.isEmpty()) {
            root.insert(QStringLiteral("markers"), QJsonObject{{QStringLiteral("path"), s.input->markersPath},
                                                               {QStringLiteral("issues"), issuesJson(s.input->markerIssues)},
                                                               {QStringLiteral("issue_count"), s.input->markerIssueCount}});
        }
        const TotalStats &total = s.input->stats.total;
        root.insert(QStringLiteral("total"), QJsonObject{{QStringLiteral("mean_w"), total.meanW},
                                                         {QStringLiteral("energy_wh"), optionalNumber(total.energyWh)},
                                                         {QStringLiteral("components"), QJsonArray::fromStringList(total.components)}});
    } else {
        root.insert(QStringLiteral("input"), QJsonObject{{QStringLiteral("path"), QJsonValue(QJsonValue::Null)},
                                                         {QStringLiteral("format"), QStringLiteral("typed")},
                                                         {QStringLiteral("samples"), 0},
                                                         {QStringLiteral("duration_s"), QJsonValue(QJsonValue::Null)},
                                                         {QStringLiteral("covered_s"), QJsonValue(QJsonValue::Null)},
                                                         {QStringLiteral("gaps"), 0},
                                                         {QStringLiteral("issues"), QJsonArray()}});
        root.insert(QStringLiteral("channels"), QJsonObject());
        root.insert(QStringLiteral("phases"), QJsonArray());
        root.insert(QStringLiteral("total"), QJsonObject{{QStringLiteral("mean_w"), s.scenario.meanPowerW},
                                                         {QStringLiteral("energy_wh"), QJsonValue(QJsonValue::Null)},
                                                         {QStringLiteral("components"), QJsonArray()}});
    }
    const ScenarioInputs &in = s.scenario;
    const ScenarioResult &r = s.result;
    root.insert(QStringLiteral("scenario"), QJsonObject{
                                                {QStringLiteral("mean_power_w"), in.meanPowerW},
                                                {QStringLiteral("runtime_min"), in.runtimeMin},
                                                {QStringLiteral("runs_per_week"), in.runsPerWeek},
                                                {QStringLiteral("weeks_per_year"), in.weeksPerYear},
                                                {QStringLiteral("pue"), in.pue},
                                                {QStringLiteral("wh_per_run"), r.whPerRun},
                                                {QStringLiteral("kwh_per_week"), r.kwhPerWeek},
                                                {QStringLiteral("kwh_per_year"), r.kwhPerYear},
                                            });
    root.insert(QStringLiteral("baseline"), QJsonObject{
                                                {QStringLiteral("battery_wh"), in.batteryWh},
                                                {QStringLiteral("daily_fraction"), in.batteryDailyFraction},
                                                {QStringLiteral("days_per_year"), in.daysPerYear},
                                                {QStringLiteral("kwh_per_year"), r.baselineKwhPerYear},
                                                {QStringLiteral("training_to_baseline_ratio"), r.trainingToBaselineRatio},
                                            });
    root.insert(QStringLiteral("emissions"), QJsonObject{
                                                 {QStringLiteral("grid_g_per_kwh"), in.gridGPerKWh},
                                                 {QStringLiteral("grid_source"), in.gridSource},
                                                 {QStringLiteral("co2_kg_per_year"), r.co2KgPerYear},
                                                 {QStringLiteral("co2_lb_per_year"), r.co2LbPerYear},
                                                 {QStringLiteral("baseline_co2_kg_per_year"), r.baselineCo2KgPerYear},
                                                 {QStringLiteral("baseline_co2_lb_per_year"), r.baselineCo2LbPerYear},
                                                 {QStringLiteral("gasoline_g_per_gallon"), in.gasolineGPerGallon},
                                                 {QStringLiteral("gasoline_gallons_per_year"), r.gasolineGallonsPerYear},
                                                 {QStringLiteral("grid_region"), in.gridRegion.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(in.gridRegion)},
                                                 {QStringLiteral("grid_basis"), in.gridBasis.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(in.gridBasis)},
                                                 {QStringLiteral("grid_year"), in.gridYear > 0 ? QJsonValue(in.gridYear) : QJsonValue(QJsonValue::Null)},
                                                 {QStringLiteral("co2_g_per_run"), r.co2GPerRun},
                                                 {QStringLiteral("co2_kg_per_week"), r.co2KgPerWeek},
                                             });
    root.insert(QStringLiteral("equivalents"), QJsonObject{
                                                   {QStringLiteral("car_g_per_mile"), in.carGPerMile},
                                                   {QStringLiteral("car_miles_per_year"), r.carMilesPerYear},
                                                   {QStringLiteral("car_source"), in.carSource},
                                                   {QStringLiteral("phone_g_per_charge"), in.phoneGPerCharge},
                                                   {QStringLiteral("phone_charges_per_year"), r.phoneChargesPerYear},
                                                   {QStringLiteral("phone_source"), in.phoneSource},
                                               });
    return root;
}

QString summaryToText(const RunSummary &s)
{
    TextTable table;
    if (s.input) {
        const TraceStats &st = s.input->stats;
        table.heading(QStringLiteral("Input: %1 (%2)").arg(s.input->path, s.input->formatId));
        table.row(QStringLiteral("samples"), QString::number(st.samples));
        if (st.durationS) {
            table.row(QStringLiteral("duration"), number(*st.durationS / 60.0, 2), QStringLiteral("min"));
            if (const auto coverage = st.coverage())
                table.row(QStringLiteral("coverage"), number(*coverage * 100.0, 1), QStringLiteral("%"));
            table.row(QStringLiteral("gaps"), QString::number(st.gaps));
        } else {
            table.row(QStringLiteral("duration"), QStringLiteral("unknown"), QStringLiteral("(the log has no timing)"));
        }
        if (s.input->issueCount > 0)
            table.row(QStringLiteral("issues"), QString::number(s.input->issueCount));
        if (const QString energyFrom = s.input->metadata.value(QStringLiteral("energy_from")); !energyFrom.isEmpty())
            table.row(QStringLiteral("energy from"), QString(), energyFrom);
        table.heading(QStringLiteral("Measured power"));
        for (const auto &c : st.channels) {
            QString detail = QStringLiteral("W mean, max %1 W").arg(number(c.maxW, 2));
            if (c.energyWh)
                detail += QStringLiteral(", %1 Wh").arg(number(*c.energyWh, 3));
            table.row(c.label, number(c.meanW, 2), detail);
        }
        table.row(QStringLiteral("Total"), number(st.total.meanW, 2), st.total.energyWh ? QStringLiteral("W mean, %1 Wh (= %2)").arg(number(*st.total.energyWh, 3), st.total.components.join(QStringLiteral(" + ")))
                                   : QStringLiteral("W mean (= %1)").arg(st.total.components.join(QStringLiteral(" + "))));
        if (!s.input->phases.isEmpty()) {
            table.heading(QStringLiteral("Phases"));
            for (const PhaseFigures &phase : s.input->phases)
                table.row(phase.label, phase.samples > 0 ? number(phase.meanW, 2) : QStringLiteral("—"), phaseDetail(phase));
        }
    }
    const ScenarioInputs &in = s.scenario;
    const ScenarioResult &r = s.result;
    table.heading(QStringLiteral("Scenario"));
    table.row(QStringLiteral("mean power"), number(in.meanPowerW, 2), QStringLiteral("W"));
    table.row(QStringLiteral("runtime"), number(in.runtimeMin, 1), QStringLiteral("min per run"));
    table.row(QStringLiteral("runs per week"), number(in.runsPerWeek, 1));
    table.row(QStringLiteral("weeks per year"), number(in.weeksPerYear, 1));
    // Shown once it is not the default: otherwise the energy below would not follow from the rows above.
    if (in.pue != ScenarioInputs().pue)
        table.row(QStringLiteral("PUE"), number(in.pue, 2), QStringLiteral("applied: energy = power × runtime × PUE (default %1)").arg(number(ScenarioInputs().pue, 1)));
    table.row(QStringLiteral("energy per run"), number(r.whPerRun, 2), QStringLiteral("Wh"));
    table.row(QStringLiteral("energy per week"), number(r.kwhPerWeek, 4), QStringLiteral("kWh"));
    table.row(QStringLiteral("energy per year"), number(r.kwhPerYear, 2), QStringLiteral("kWh"));
    table.heading(QStringLiteral("Everyday use"));
    table.row(QStringLiteral("battery"), number(in.batteryWh, 1), QStringLiteral("Wh"));
    table.row(QStringLiteral("used a day"), number(in.batteryDailyFraction * 100, 1), QStringLiteral("% of the battery"));
    table.row(QStringLiteral("days a year"), number(in.daysPerYear, 0));
    table.row(QStringLiteral("energy per year"), number(r.baselineKwhPerYear, 2), QStringLiteral("kWh"));
    table.row(QStringLiteral("training ÷ everyday"), number(r.trainingToBaselineRatio, significantDecimals(r.trainingToBaselineRatio, 3)),
              QStringLiteral("(%1)").arg(describeRatio(r.trainingToBaselineRatio)));
    table.heading(QStringLiteral("Emissions"));
    table.row(QStringLiteral("grid intensity"), number(in.gridGPerKWh, 1),
              QStringLiteral("g %1/kWh = %2 lb/kWh (%3)")
                  .arg(in.gridBasis.startsWith(QLatin1String("CO2e")) ? QStringLiteral("CO2e") : QStringLiteral("CO2"),
                       number(units::gPerKWhToLbPerKWh(in.gridGPerKWh), 3), in.gridSource));
    table.row(QStringLiteral("training CO2"), number(r.co2KgPerYear, 2), QStringLiteral("kg/year (%1 lb)").arg(number(r.co2LbPerYear, 2)));
    table.row(QStringLiteral("everyday CO2"), number(r.baselineCo2KgPerYear, 2), QStringLiteral("kg/year (%1 lb)").arg(number(r.baselineCo2LbPerYear, 2)));
    table.row(QStringLiteral("gasoline equivalent"), number(r.gasolineGallonsPerYear, 3),
              QStringLiteral("gallons/year at %1 g CO2/gallon").arg(number(in.gasolineGPerGallon, 0)));
    table.row(QStringLiteral("car distance"), number(r.carMilesPerYear, 1),
              QStringLiteral("miles/year at %1 g CO2/mile (%2)").arg(number(in.carGPerMile, 1), in.carSource));
    table.row(QStringLiteral("smartphone charges"), number(r.phoneChargesPerYear, 0),
              QStringLiteral("a year at %1 g CO2/charge (%2)").arg(number(in.phoneGPerCharge, 2), in.phoneSource));
    return table.render();
}

} // namespace nightwatt

#include "io/loadedlog.h"

namespace nightwatt {

RunSummary::Input summaryInputFromLog(const LoadedLog &log)
{
    RunSummary::Input input;
    input.path = log.path;
    input.formatId = log.formatId;
    input.stats = analyzeTrace(log.trace);
    input.issues = log.issues;
    input.issueCount = log.issueCount;
    input.metadata = log.metadata;
    input.phases = analyzePhases(log.trace, input.stats);
    return input;
}

void applyMeasurementToScenario(const RunSummary::Input &input, ScenarioInputs &scenario)
{
    scenario.meanPowerW = input.stats.total.meanW;
    // The mean power holds for measured time only. When a log has gaps (runs appended to one file,
    // CodeCarbon rows of separate runs) its wall span would bill the pauses between runs at that
    // power, so the runtime is the measured time; without gaps both are the same.
    const std::optional<double> runtimeS = input.stats.gaps > 0 ? input.stats.coveredS : input.stats.durationS;
    if (runtimeS && *runtimeS > 0)
        scenario.runtimeMin = *runtimeS / 60.0;
}

} // namespace nightwatt
