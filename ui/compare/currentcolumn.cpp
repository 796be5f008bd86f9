#include "compare/currentcolumn.h"

#include "figureformat.h"
#include "report/comparison.h"
#include "openrun.h"
#include "scenariomodel.h"

namespace nightwatt {

std::optional<qint64> libraryRunId(const QString &path)
{
    if (!path.startsWith(QStringLiteral("run:")))
        return std::nullopt;
    bool ok = false;
    const qint64 id = path.mid(4).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

CompareColumn columnFromCurrent(const ScenarioModel &model, const OpenRun *run, std::optional<SampleRange> selection)
{
    CompareColumn column;
    column.inputs = model.inputs();
    using Source = ScenarioModel::PowerSource;
    const bool measured = run && (model.powerSource() == Source::Measured || model.powerSource() == Source::Range);
    if (measured) {
        column.log = run->log;
        column.runId = libraryRunId(run->log->path);
        // The example keeps its title; a file goes by its stem, as in `nightwatt compare`.
        const QString name = run->example ? run->title : shortScenarioLabel(run->log->path);
        if (model.powerSource() == Source::Range && selection) {
            column.range = selection;
            column.name = QObject::tr("%1, range").arg(name);
        } else {
            column.name = name;
        }
        column.powerSource = model.powerSourceText();
    } else {
        column.name = QObject::tr("%1 typed").arg(formatFigure(column.inputs.meanPowerW, 2, QStringLiteral("W")));
        column.powerSource = model.powerSourceText();
    }
    return column;
}

CompareColumn columnFromPhase(const ScenarioModel &model, const OpenRun &run, const PhaseFigures &phase)
{
    CompareColumn column;
    column.inputs = model.inputs();
    column.inputs.meanPowerW = phase.meanW;
    column.log = run.log;
    column.runId = libraryRunId(run.log->path);
    const Trace &trace = run.trace();
    column.range = sampleRangeBetween(trace, trace.startS() + phase.startS, trace.startS() + phase.endS);
    column.name = QObject::tr("%1, %2").arg(run.title, phase.label);
    column.powerSource = QObject::tr("mean over the phase %1, %2 from %3").arg(phase.label, formatDuration(phase.durationS), formatDuration(phase.startS));
    return column;
}

} // namespace nightwatt
