#include "panels/emissionspanel.h"

#include "charts/co2barchart.h"
#include "figureformat.h"
#include "panels/panelkit.h"
#include "scenariomodel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace nightwatt {

EmissionsPanel::EmissionsPanel(ScenarioModel *model, QWidget *parent)
    : QGroupBox(tr("CO₂ vs gasoline"), parent)
    , m_model(model)
    , m_grid(panelkit::spinBox(QStringLiteral("gridIntensity"), 0, 5000, 3, QString(), this))
    , m_gridUnit(new QComboBox(this))
    , m_gridSource(panelkit::noteLabel(QStringLiteral("gridSource"), this))
    , m_gasoline(panelkit::spinBox(QStringLiteral("gasolineGPerGallon"), 1, 1e6, 0, tr("g/gal"), this))
    , m_trainingCo2(panelkit::figureLabel(QStringLiteral("trainingCo2"), this))
    , m_everydayCo2(panelkit::figureLabel(QStringLiteral("everydayCo2"), this))
    , m_gallons(panelkit::figureLabel(QStringLiteral("gasolineGallons"), this))
    , m_bars(new Co2BarChart(this))
{
    m_gridUnit->setObjectName(QStringLiteral("gridUnit"));
    m_gridUnit->addItem(tr("lb CO₂/kWh"));
    m_gridUnit->addItem(tr("g CO₂/kWh"));
    m_gasoline->setToolTip(tr("CO₂ from burning one US gallon of gasoline. Default 8,887 g (EPA-420-F-11-041, 2011)."));
    auto *gridRow = new QHBoxLayout;
    gridRow->addWidget(m_grid, 1);
    gridRow->addWidget(m_gridUnit);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *form = new QFormLayout;
    form->addRow(tr("Grid intensity"), gridRow);
    form->addRow(m_gridSource);
    form->addRow(tr("Gasoline"), m_gasoline);
    form->addRow(line);
    form->addRow(tr("Training a year"), m_trainingCo2);
    form->addRow(tr("Everyday use a year"), m_everydayCo2);
    form->addRow(tr("Same CO₂ as burning"), m_gallons);
    // Figures beside the bars keeps this panel as short as its neighbours, leaving height to the chart.
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(form, 4);
    layout->addWidget(m_bars, 5);

    connect(m_grid, &QDoubleSpinBox::valueChanged, this, &EmissionsPanel::gridEdited);
    connect(m_gridUnit, &QComboBox::currentIndexChanged, this, &EmissionsPanel::refresh);
    connect(m_gasoline, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setGasolineGPerGallon);
    connect(model, &ScenarioModel::changed, this, &EmissionsPanel::refresh);
    refresh();
}

bool EmissionsPanel::poundsShown() const
{
    return m_gridUnit->currentIndex() == 0;
}

void EmissionsPanel::gridEdited(double value)
{
    const double gPerKWh = poundsShown() ? units::lbPerKWhToGPerKWh(value) : value;
    const QString source = poundsShown() ? tr("typed in, %1 lb CO₂/kWh").arg(formatNumber(value, 3))
                                         : tr("typed in, %1 g CO₂/kWh").arg(formatNumber(value, 1));
    m_model->setGridGPerKWh(gPerKWh, source);
}

void EmissionsPanel::refresh()
{
    const ScenarioInputs &in = m_model->inputs();
    const ScenarioResult &r = m_model->result();
    {
        const QSignalBlocker blocker(m_grid); // a new number of decimals is not the user's edit
        m_grid->setDecimals(poundsShown() ? 3 : 1);
        m_grid->setSingleStep(poundsShown() ? 0.01 : 10);
    }
    panelkit::showValue(m_grid, poundsShown() ? units::gPerKWhToLbPerKWh(in.gridGPerKWh) : in.gridGPerKWh);
    m_gridSource->setText(tr("%1 = %2 · source: %3")
                              .arg(formatFigure(in.gridGPerKWh, 1, tr("g/kWh")),
                                   formatFigure(units::gPerKWhToLbPerKWh(in.gridGPerKWh), 3, tr("lb/kWh")), in.gridSource));
    panelkit::showValue(m_gasoline, in.gasolineGPerGallon);
    if (m_model->runtimeMissing()) {
        m_trainingCo2->setText(tr("needs runtime"));
        m_gallons->setText(QStringLiteral("—"));
    } else {
        m_trainingCo2->setText(QStringLiteral("%1 (%2)").arg(formatFigure(r.co2KgPerYear, 2, QStringLiteral("kg")),
                                                             formatFigure(r.co2LbPerYear, 2, QStringLiteral("lb"))));
        m_gallons->setText(formatFigure(r.gasolineGallonsPerYear, 2, tr("gal of gasoline")));
    }
    m_everydayCo2->setText(QStringLiteral("%1 (%2)").arg(formatFigure(r.baselineCo2KgPerYear, 2, QStringLiteral("kg")),
                                                         formatFigure(r.baselineCo2LbPerYear, 2, QStringLiteral("lb"))));
    m_bars->setFigures(m_model->runtimeMissing() ? 0 : r.co2KgPerYear, r.baselineCo2KgPerYear,
                       m_model->runtimeMissing() ? 0 : r.gasolineGallonsPerYear);
}

} // namespace nightwatt
