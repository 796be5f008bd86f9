#pragma once

#include "analysis/tracestats.h"
#include "io/loadedlog.h"
#include "report/comparison.h"
#include "scenario/scenario.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace nightwatt {

struct GridRegion;

// One scenario of a comparison: a run, a range of one, or a typed power, with its assumptions.
struct CompareColumn
{
    QString name;
    ScenarioInputs inputs;
    QString powerSource;                  // how the power was obtained, said under the name
    std::optional<qint64> runId;          // the run in the library the power was measured on
    std::shared_ptr<const LoadedLog> log; // for the mini chart; null for a typed power
    std::optional<SampleRange> range;     // the selected part of the run, when not all of it
};

// The columns of the compare view; the first is what every delta is measured against. Figures
// are computed here from each column's inputs, so every figure follows every edit.
class CompareModel : public QObject
{
    Q_OBJECT
public:
    explicit CompareModel(QObject *parent = nullptr);

    int count() const { return int(m_columns.size()); }
    const CompareColumn &at(int index) const { return m_columns.at(index); }
    ScenarioResult result(int index) const { return computeScenario(m_columns.at(index).inputs); }
    // As `nightwatt compare` builds it, for the deltas, the notes and the bar chart.
    ScenarioComparison comparison() const;

    int add(const CompareColumn &column);
    void remove(int index);
    void move(int from, int to);
    void clear();
    void rename(int index, const QString &name);
    void setInputs(int index, const ScenarioInputs &inputs);

    // "Duplicate and change one assumption": the copy is added after the last column, named after
    // the change, and its index returned.
    int duplicate(int index);
    int duplicateWithGrid(int index, const GridRegion &region);
    int duplicateWithRunsPerWeek(int index, double runsPerWeek);
    int duplicateWithRuntime(int index, double runtimeMin);

Q_SIGNALS:
    void columnsChanged(); // added, removed, moved: the view rebuilds its columns
    void figuresChanged(); // an input changed: every column's figures and deltas follow

private:
    int addCopy(int index, const QString &change, const ScenarioInputs &inputs);

    QList<CompareColumn> m_columns;
};

} // namespace nightwatt
