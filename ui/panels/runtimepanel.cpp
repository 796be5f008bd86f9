#include "panels/runtimepanel.h"

#include "panels/panelfigures.h"
#include "panels/panelkit.h"
#include "scenariomodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace nightwatt {


RuntimePanel::RuntimePanel(ScenarioModel *model, QWidget *parent)
    : QGroupBox(tr("Runtime"), parent)
    , m_model(model)
    , m_duration(panelkit::figureLabel(QStringLiteral("measuredDuration"), this))
    , m_coverage(panelkit::figureLabel(QStringLiteral("coverage"), this))
    , m_samples(panelkit::figureLabel(QStringLiteral("samples"), this))
    , m_runtime(panelkit::spinBox(QStringLiteral("runtimeMin"), 0, 1e7, 2, QStringLiteral("min"), this))
    , m_useMeasured(new QPushButton(tr("Measured"), this))
    , m_runtimeNote(panelkit::noteLabel(QStringLiteral("runtimeNote"), this))
    , m_longest(panelkit::spinBox(QStringLiteral("longestRuntimeMin"), 0, 1e7, 2, QStringLiteral("min"), this))
    , m_longestNote(panelkit::noteLabel(QStringLiteral("longestNote"), this))
{
    m_runtime->setToolTip(tr("Runtime of a typical run, in minutes. It defaults to the measured duration."));
    m_longest->setToolTip(tr("The longest run you expect (informative: the figures use the typical runtime)."));
    m_useMeasured->setToolTip(tr("Use the measured duration again"));
    auto *runtimeRow = new QHBoxLayout;
    runtimeRow->addWidget(m_runtime, 1);
    runtimeRow->addWidget(m_useMeasured);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Measured duration"), m_duration);
    form->addRow(tr("Coverage, gaps"), m_coverage);
    form->addRow(tr("Samples, mean interval"), m_samples);
    form->addRow(tr("Typical runtime"), runtimeRow);
    form->addRow(m_runtimeNote);
    form->addRow(tr("Longest runtime"), m_longest);
    form->addRow(m_longestNote);

    connect(m_runtime, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setRuntimeMin);
    connect(m_longest, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setLongestRuntimeMin);
    connect(m_useMeasured, &QPushButton::clicked, model, &ScenarioModel::useMeasuredRuntime);
    connect(model, &ScenarioModel::changed, this, &RuntimePanel::refresh);
    refresh();
}

void RuntimePanel::refresh()
{
    const RuntimeFigures f = PanelFigures::runtime(*m_model);
    m_duration->setText(f.measuredDuration);
    m_coverage->setText(f.coverage);
    m_samples->setText(f.samples);
    // Without timing the runtime is the user's to give: the box waits for it, empty, rather than
    // show the worked example's 709 min beside figures that say they need a runtime.
    const bool missing = m_model->runtimeMissing();
    m_runtime->setSpecialValueText(missing ? tr("needs runtime") : QString());
    panelkit::showValue(m_runtime, missing ? m_runtime->minimum() : m_model->inputs().runtimeMin);
    const auto &m = m_model->measurement();
    m_useMeasured->setEnabled(m && m->durationS && m_model->runtimeSource() != ScenarioModel::RuntimeSource::Measured);
    QPalette palette = m_runtimeNote->palette();
    palette.setColor(QPalette::WindowText, f.noteIsWarning ? QColor(0xb0, 0x30, 0x00) : palette.color(QPalette::PlaceholderText));
    m_runtimeNote->setPalette(palette);
    m_runtimeNote->setText(f.runtimeNote);
    panelkit::showValue(m_longest, m_model->longestRuntimeMin());
    m_longestNote->setText(f.longestNote);
}

} // namespace nightwatt
