#include "panels/baselinepanel.h"

#include "panels/panelfigures.h"
#include "panels/panelkit.h"
#include "scenariomodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>

namespace nightwatt {

BaselinePanel::BaselinePanel(ScenarioModel *model, QWidget *parent)
    : QGroupBox(tr("Baseline battery (everyday use)"), parent)
    , m_model(model)
    , m_batteryWh(panelkit::spinBox(QStringLiteral("batteryWh"), 0, 1e5, 1, QStringLiteral("Wh"), this))
    , m_dailyPercent(panelkit::spinBox(QStringLiteral("batteryDailyPercent"), 0, 10000, 1, QStringLiteral("%"), this))
    , m_daysPerYear(panelkit::spinBox(QStringLiteral("daysPerYear"), 0, 366, 0, tr("days"), this))
    , m_dailyWh(panelkit::figureLabel(QStringLiteral("baselineWhPerDay"), this))
    , m_kwhPerYear(panelkit::figureLabel(QStringLiteral("baselineKwhPerYear"), this))
    , m_ratio(new QLabel(this))
{
    m_batteryWh->setToolTip(tr("Battery capacity in Wh. Default: 72.4 Wh, MacBook Pro 14\" M4 (Apple tech specs, 2024)."));
    m_dailyPercent->setToolTip(tr("Share of a full battery used on an ordinary day (above 100 % for more than one charge)."));
    m_ratio->setObjectName(QStringLiteral("trainingToBaseline"));
    m_ratio->setWordWrap(true);
    m_ratio->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Battery"), m_batteryWh);
    form->addRow(tr("Used a day"), m_dailyPercent);
    form->addRow(tr("Days per year"), m_daysPerYear);
    form->addRow(line);
    form->addRow(tr("Everyday use a day"), m_dailyWh);
    form->addRow(tr("Everyday use a year"), m_kwhPerYear);
    form->addRow(tr("Training is"), m_ratio);

    connect(m_batteryWh, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setBatteryWh);
    connect(m_dailyPercent, &QDoubleSpinBox::valueChanged, model, [model](double percent) {
        model->setBatteryDailyFraction(percent / 100.0);
    });
    connect(m_daysPerYear, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setDaysPerYear);
    connect(model, &ScenarioModel::changed, this, &BaselinePanel::refresh);
    refresh();
}

void BaselinePanel::refresh()
{
    const ScenarioInputs &in = m_model->inputs();
    panelkit::showValue(m_batteryWh, in.batteryWh);
    panelkit::showValue(m_dailyPercent, in.batteryDailyFraction * 100.0);
    panelkit::showValue(m_daysPerYear, in.daysPerYear);
    const BaselineFigures f = PanelFigures::baseline(*m_model);
    m_dailyWh->setText(f.dailyWh);
    m_kwhPerYear->setText(f.kwhPerYear);
    m_ratio->setText(m_model->runtimeMissing() ? f.trainingRatio : QStringLiteral("<b>%1</b>").arg(f.trainingRatio.toHtmlEscaped()));
}

} // namespace nightwatt
