#include "compare/comparemodel.h"

#include "figureformat.h"
#include "scenario/gridregions.h"

#include <cmath>

namespace nightwatt {

CompareModel::CompareModel(QObject *parent)
    : QObject(parent)
{
}

ScenarioComparison CompareModel::comparison() const
{
    ScenarioComparison c;
    for (const auto &column : m_columns) {
        RunSummary summary;
        summary.scenario = column.inputs;
        summary.result = computeScenario(column.inputs);
        c.scenarios.append(summary);
        c.labels.append(column.name);
    }
    return c;
}

int CompareModel::add(const CompareColumn &column)
{
    m_columns.append(column);
    if (m_columns.last().name.trimmed().isEmpty())
        m_columns.last().name = tr("Scenario %1").arg(m_columns.size());
    Q_EMIT columnsChanged();
    return count() - 1;
}

void CompareModel::remove(int index)
{
    if (index < 0 || index >= count())
        return;
    m_columns.removeAt(index);
    Q_EMIT columnsChanged();
}

void CompareModel::move(int from, int to)
{
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return;
    m_columns.move(from, to);
    Q_EMIT columnsChanged();
}

void CompareModel::clear()
{
    m_columns.clear();
    Q_EMIT columnsChanged();
}

void CompareModel::rename(int index, const QString &name)
{
    if (index < 0 || index >= count() || m_columns[index].name == name)
        return;
    m_columns[index].name = name;
    Q_EMIT figuresChanged(); // labels of the bars
}

void CompareModel::setInputs(int index, const ScenarioInputs &inputs)
{
    if (index < 0 || index >= count() || m_columns[index].inputs == inputs)
        return;
    m_columns[index].inputs = inputs;
    Q_EMIT figuresChanged();
}

int CompareModel::addCopy(int index, const QString &change, const ScenarioInputs &inputs)
{
    if (index < 0 || index >= count())
        return -1;
    CompareColumn copy = m_columns.at(index);
    copy.inputs = inputs;
    copy.name = change.isEmpty() ? tr("%1 (copy)").arg(copy.name) : QStringLiteral("%1 · %2").arg(copy.name, change);
    // Long run titles hide the end of the name: the change is said under it too.
    if (!change.isEmpty())
        copy.powerSource = tr("%1 · changed: %2").arg(copy.powerSource, change);
    return add(copy);
}

int CompareModel::duplicate(int index)
{
    return index < 0 || index >= count() ? -1 : addCopy(index, QString(), m_columns.at(index).inputs);
}

int CompareModel::duplicateWithGrid(int index, const GridRegion &region)
{
    if (index < 0 || index >= count())
        return -1;
    ScenarioInputs inputs = m_columns.at(index).inputs;
    applyGridRegion(region, inputs);
    return addCopy(index, tr("grid %1").arg(region.code), inputs);
}

int CompareModel::duplicateWithRunsPerWeek(int index, double runsPerWeek)
{
    if (index < 0 || index >= count())
        return -1;
    ScenarioInputs inputs = m_columns.at(index).inputs;
    inputs.runsPerWeek = runsPerWeek;
    return addCopy(index, tr("%1 runs/week").arg(formatNumber(runsPerWeek, runsPerWeek == std::floor(runsPerWeek) ? 0 : 1)), inputs);
}

int CompareModel::duplicateWithRuntime(int index, double runtimeMin)
{
    if (index < 0 || index >= count())
        return -1;
    ScenarioInputs inputs = m_columns.at(index).inputs;
    inputs.runtimeMin = runtimeMin;
    return addCopy(index, tr("%1 min/run").arg(formatNumber(runtimeMin, runtimeMin == std::floor(runtimeMin) ? 0 : 1)), inputs);
}

} // namespace nightwatt
