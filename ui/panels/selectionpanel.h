#pragma once

#include "analysis/tracestats.h"

#include <QFrame>

#include <memory>

class QLabel;
class QPushButton;
template<typename T>
class QFutureWatcher;

class QThreadPool;

namespace nightwatt {

class PowerChart;
class ScenarioModel;

// The figures of the range selected on the chart, from full-resolution samples (core
// analyzeTrace over the range): duration, mean power, energy. "Use this range" makes its mean
// power the scenario's. Ranges of many samples are analysed on a worker thread, so that selecting
// a day of 10 Hz readings never blocks the window.
class SelectionPanel : public QFrame
{
    Q_OBJECT
public:
    SelectionPanel(PowerChart *chart, ScenarioModel *model, QWidget *parent = nullptr);

    void refresh();
    // What keeps the chart's trace alive (the loaded log) while a worker reads it. Without one
    // (a live trace, which grows on this thread), ranges are analysed here.
    void setTraceOwner(std::shared_ptr<const void> owner);

private:
    void useRange();
    QString rangeText() const;
    void showFigures(const TraceStats &stats);

    PowerChart *m_chart;
    ScenarioModel *m_model;
    QLabel *m_text;
    QPushButton *m_use;
    QPushButton *m_clear;
    double m_meanW = 0;
    std::shared_ptr<const void> m_traceOwner;
    QFutureWatcher<TraceStats> *m_watcher;
    QThreadPool *m_pool; // its own: its thread works as background work for good
};

} // namespace nightwatt
