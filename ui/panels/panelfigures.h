#pragma once

#include <QCoreApplication>
#include <QString>

namespace nightwatt {

class ScenarioModel;

// The figures the scenario panels show, worded once: the panels and the exported report read the
// same text from the same model, so a report never says something the window does not.
struct RuntimeFigures
{
    QString measuredDuration;
    QString coverage;
    QString samples;
    QString typicalRuntime;
    QString runtimeNote; // where the typical runtime comes from
    bool noteIsWarning = false;
    QString longestNote;
};

struct FrequencyFigures
{
    QString whPerRun;
    QString kwhPerWeek;
    QString kwhPerYear;
    QString perRunNote;
};

struct BaselineFigures
{
    QString dailyWh;
    QString kwhPerYear;
    QString trainingRatio; // plain text; the panel shows it bold
    QString batterySource;
};

struct EmissionsFigures
{
    QString gridIntensity; // "330.2 g/kWh = 0.728 lb/kWh"
    QString gridBasis;     // "CO2 only, … · 2023", or why it is unknown
    QString gridSource;
    QString trainingCo2;
    QString everydayCo2;
    QString gallons;
    QString miles;
    QString charges;
    QString gasolineSource;
    QString equivalentSources;
};

class PanelFigures
{
    Q_DECLARE_TR_FUNCTIONS(PanelFigures)
public:
    static RuntimeFigures runtime(const ScenarioModel &model);
    static FrequencyFigures frequency(const ScenarioModel &model);
    static BaselineFigures baseline(const ScenarioModel &model);
    static EmissionsFigures emissions(const ScenarioModel &model);
};

} // namespace nightwatt
