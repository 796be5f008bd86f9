#pragma once

#include "charts/chartstate.h"
#include "openrun.h"

#include <QSize>

#include <optional>

class QPainter;

namespace nightwatt {

class ScenarioModel;

// The dashboard as a page someone pastes into a paper, a slide or a README: the run's title and
// origin, its power chart, the scenario panels' figures as labelled text and the source of every
// factor, laid out for the page's size and drawn with QPainter (no controls, no hints), so a PNG,
// SVG or PDF of it reads the same. The figures are the panels' own text from the same model.
class ReportPage
{
public:
    ReportPage(const std::optional<OpenRun> &run, const ScenarioModel &model, const ChartViewState &chartState);

    void paint(QPainter &painter, QSize size) const;

private:
    const std::optional<OpenRun> &m_run;
    const ScenarioModel &m_model;
    ChartViewState m_chartState;
};

// The power chart of `trace` (nullptr: an empty chart) drawn into `area` of the painter's device
// at that size, lines as paths and text as text on a vector device.
void paintPowerChart(QPainter &painter, const QRect &area, const Trace *trace, const ChartViewState &state);

} // namespace nightwatt
