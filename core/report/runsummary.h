#pragma once

#include "analysis/phases.h"
#include "analysis/tracestats.h"
#include "formats/parsesink.h"
#include "scenario/scenario.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace nightwatt {

// One run's figures as `summary` reports them: what was read, the measured power, and the
// scenario built on it. `input` is absent when the power was typed rather than measured.
struct RunSummary
{
    struct Input
    {
        QString path;
        QString formatId;
        TraceStats stats;
        QList<ParseIssue> issues;
        qint64 issueCount = 0;
        QMap<QString, QString> metadata; // what the source told about itself (model, query, ...)
        QList<PhaseFigures> phases;      // of the run's interval markers, in order of start
        // The marker file read onto the log, when one was given, and what was wrong with it.
        QString markersPath;
        QList<ParseIssue> markerIssues;
        qint64 markerIssueCount = 0;
    };
    std::optional<Input> input;
    ScenarioInputs scenario;
    ScenarioResult result;
};

// The stable `summary --json` contract: later versions add keys, never rename them.
QJsonObject summaryToJson(const RunSummary &summary);
// A short aligned table with units, for people.
QString summaryToText(const RunSummary &summary);

} // namespace nightwatt

namespace nightwatt {

struct LoadedLog;

// The measured part of a summary, from a loaded log.
RunSummary::Input summaryInputFromLog(const LoadedLog &log);

// Takes the scenario's mean power and runtime from the measurement; the caller applies the
// user's overrides afterwards. Leaves the runtime alone when the log has no duration.
void applyMeasurementToScenario(const RunSummary::Input &input, ScenarioInputs &scenario);

} // namespace nightwatt
