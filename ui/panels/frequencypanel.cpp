#include "panels/frequencypanel.h"

#include "panels/panelfigures.h"
#include "panels/panelkit.h"
#include "scenariomodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>

namespace nightwatt {

FrequencyPanel::FrequencyPanel(ScenarioModel *model, QWidget *parent)
    : QGroupBox(tr("Weekly frequency"), parent)
    , m_model(model)
    , m_runsPerWeek(panelkit::spinBox(QStringLiteral("runsPerWeek"), 0, 1000, 1, tr("runs"), this))
    , m_weeksPerYear(panelkit::spinBox(QStringLiteral("weeksPerYear"), 0, 53, 1, tr("weeks"), this))
    , m_pue(panelkit::spinBox(QStringLiteral("pue"), 1, 10, 2, QString(), this))
    , m_whPerRun(panelkit::figureLabel(QStringLiteral("whPerRun"), this))
    , m_kwhPerWeek(panelkit::figureLabel(QStringLiteral("kwhPerWeek"), this))
    , m_kwhPerYear(panelkit::figureLabel(QStringLiteral("kwhPerYear"), this))
    , m_note(panelkit::noteLabel(QStringLiteral("frequencyNote"), this))
{
    m_pue->setSingleStep(0.05);
    m_pue->setToolTip(tr("Power usage effectiveness: 1.0 for a laptop or workstation; a data centre draws more "
                         "than its computers (about 1.1 to 1.6)."));
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Runs per week"), m_runsPerWeek);
    form->addRow(tr("Weeks per year"), m_weeksPerYear);
    form->addRow(tr("PUE (overhead)"), m_pue);
    form->addRow(line);
    form->addRow(tr("Energy per run"), m_whPerRun);
    form->addRow(tr("Energy per week"), m_kwhPerWeek);
    form->addRow(tr("Energy per year"), m_kwhPerYear);
    form->addRow(m_note);

    connect(m_runsPerWeek, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setRunsPerWeek);
    connect(m_weeksPerYear, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setWeeksPerYear);
    connect(m_pue, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setPue);
    connect(model, &ScenarioModel::changed, this, &FrequencyPanel::refresh);
    refresh();
}

void FrequencyPanel::refresh()
{
    const ScenarioInputs &in = m_model->inputs();
    panelkit::showValue(m_runsPerWeek, in.runsPerWeek);
    panelkit::showValue(m_weeksPerYear, in.weeksPerYear);
    panelkit::showValue(m_pue, in.pue);
    const FrequencyFigures f = PanelFigures::frequency(*m_model);
    m_whPerRun->setText(f.whPerRun);
    m_kwhPerWeek->setText(f.kwhPerWeek);
    m_kwhPerYear->setText(f.kwhPerYear);
    m_note->setText(f.perRunNote);
}

} // namespace nightwatt
