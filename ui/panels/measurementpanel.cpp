#include "panels/measurementpanel.h"

#include "figureformat.h"
#include "panels/panelkit.h"
#include "scenariomodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace nightwatt {

MeasurementPanel::MeasurementPanel(ScenarioModel *model, QWidget *parent)
    : QGroupBox(tr("Measurement"), parent)
    , m_model(model)
    , m_power(panelkit::spinBox(QStringLiteral("meanPowerW"), 0, 1e6, 2, QStringLiteral("W"), this))
    , m_source(panelkit::noteLabel(QStringLiteral("powerSource"), this))
    , m_channels(new QLabel(this))
    , m_method(panelkit::noteLabel(QStringLiteral("measurementMethod"), this))
    , m_useMeasured(new QPushButton(tr("Whole run"), this))
{
    m_channels->setObjectName(QStringLiteral("channelMeans"));
    m_channels->setWordWrap(true);
    m_power->setToolTip(tr("Mean power of one run, in watts. Typing a value overrides the measurement."));
    m_useMeasured->setToolTip(tr("Use the mean power of the whole run again"));

    auto *powerRow = new QHBoxLayout;
    powerRow->addWidget(m_power, 1);
    powerRow->addWidget(m_useMeasured);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Mean power"), powerRow);
    form->addRow(m_source);
    form->addRow(m_channels);
    form->addRow(m_method);

    connect(m_power, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setMeanPowerW);
    connect(m_useMeasured, &QPushButton::clicked, model, &ScenarioModel::useMeasuredPower);
    connect(model, &ScenarioModel::changed, this, &MeasurementPanel::refresh);
    refresh();
}

void MeasurementPanel::refresh()
{
    panelkit::showValue(m_power, m_model->inputs().meanPowerW);
    m_source->setText(tr("From: %1").arg(m_model->powerSourceText()));
    const auto &measurement = m_model->measurement();
    m_useMeasured->setEnabled(measurement && m_model->powerSource() != ScenarioModel::PowerSource::Measured);
    if (!measurement) {
        m_channels->setText(tr("No run open: the figures use the typed power."));
        m_method->clear();
        return;
    }
    QStringList parts;
    for (const auto &c : measurement->channels) {
        QString part = c.label + QStringLiteral(" ") + formatFigure(c.meanW, 2, QStringLiteral("W"));
        if (c.role != ChannelRole::Component)
            part = QStringLiteral("<span style='color:gray'>") + part + QStringLiteral("</span>");
        parts.append(part);
    }
    m_channels->setText(parts.join(QStringLiteral(" · ")) + QStringLiteral("<br><b>Total %1</b> = %2")
                            .arg(formatFigure(measurement->total.meanW, 2, QStringLiteral("W")),
                                 measurement->total.components.join(QStringLiteral(" + ")).toUpper()));
    QString method = tr("How: %1.").arg(describeMethod(measurement->method));
    if (const auto coverage = measurement->coverage())
        method += tr(" Coverage %1 % of %2.").arg(formatNumber(*coverage * 100.0, 1), formatDuration(*measurement->durationS));
    else
        method += tr(" Duration unknown: type the runtime below.");
    m_method->setText(method);
}

} // namespace nightwatt
