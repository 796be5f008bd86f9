#include "panels/emissionspanel.h"

#include "charts/co2barchart.h"
#include "figureformat.h"
#include "panels/gridpicker.h"
#include "panels/panelfigures.h"
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
    , m_picker(new GridPicker(this))
    , m_grid(panelkit::spinBox(QStringLiteral("gridIntensity"), 0, 5000, 3, QString(), this))
    , m_gridUnit(new QComboBox(this))
    , m_gridBasis(new QLabel(this))
    , m_gridSource(panelkit::noteLabel(QStringLiteral("gridSource"), this))
    , m_gasoline(panelkit::spinBox(QStringLiteral("gasolineGPerGallon"), 1, 1e6, 0, tr("g/gal"), this))
    , m_car(panelkit::spinBox(QStringLiteral("carGPerMile"), 1, 1e5, 1, tr("g/mile"), this))
    , m_phone(panelkit::spinBox(QStringLiteral("phoneGPerCharge"), 0.01, 1e4, 2, tr("g/charge"), this))
    , m_trainingCo2(panelkit::figureLabel(QStringLiteral("trainingCo2"), this))
    , m_everydayCo2(panelkit::figureLabel(QStringLiteral("everydayCo2"), this))
    , m_gallons(panelkit::figureLabel(QStringLiteral("gasolineGallons"), this))
    , m_miles(panelkit::figureLabel(QStringLiteral("carMiles"), this))
    , m_charges(panelkit::figureLabel(QStringLiteral("phoneCharges"), this))
    , m_equivalentSources(panelkit::noteLabel(QStringLiteral("equivalentSources"), this))
    , m_bars(new Co2BarChart(this))
{
    m_gridUnit->setObjectName(QStringLiteral("gridUnit"));
    m_gridUnit->addItem(tr("lb CO₂/kWh"));
    m_gridUnit->addItem(tr("g CO₂/kWh"));
    m_gridBasis->setObjectName(QStringLiteral("gridBasis"));
    m_gridBasis->setWordWrap(true);
    m_gasoline->setToolTip(tr("CO₂ from burning one US gallon of gasoline. Default 8,887 g (EPA-420-F-11-041, 2011)."));
    m_car->setToolTip(tr("Tailpipe CO₂ per mile of a typical passenger car. Default 400 g (EPA-420-F-23-014, 2023)."));
    m_phone->setToolTip(tr("CO₂ of the electricity for one smartphone charge. Default 12.4 g (EPA Greenhouse Gas "
                           "Equivalencies Calculator, 2024)."));
    auto *gridRow = new QHBoxLayout;
    gridRow->addWidget(m_grid, 1);
    gridRow->addWidget(m_gridUnit);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *form = new QFormLayout;
    form->addRow(tr("Grid"), m_picker);
    form->addRow(tr("Intensity"), gridRow);
    form->addRow(m_gridBasis);
    form->addRow(m_gridSource);
    auto *factors = new QHBoxLayout;
    factors->addWidget(m_gasoline);
    factors->addWidget(m_car);
    factors->addWidget(m_phone);
    form->addRow(tr("Per gal / mile / charge"), factors);
    form->addRow(line);

    auto *figures = new QFormLayout;
    figures->addRow(tr("Training a year"), m_trainingCo2);
    figures->addRow(tr("Everyday use a year"), m_everydayCo2);
    figures->addRow(tr("Same CO₂ as burning"), m_gallons);
    figures->addRow(tr("or driving"), m_miles);
    figures->addRow(tr("or charging a phone"), m_charges);
    auto *figuresAndBars = new QHBoxLayout;
    figuresAndBars->addLayout(figures, 4);
    figuresAndBars->addWidget(m_bars, 5);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(figuresAndBars, 1);
    layout->addWidget(m_equivalentSources);

    connect(m_picker, &GridPicker::regionChosen, model, &ScenarioModel::setGridRegion);
    connect(m_grid, &QDoubleSpinBox::valueChanged, this, &EmissionsPanel::gridEdited);
    connect(m_gridUnit, &QComboBox::currentIndexChanged, this, &EmissionsPanel::refresh);
    connect(m_gasoline, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setGasolineGPerGallon);
    connect(m_car, &QDoubleSpinBox::valueChanged, this,
            [this](double value) { m_model->setCarGPerMile(value, tr("typed in, %1 g CO₂/mile").arg(formatNumber(value, 1))); });
    connect(m_phone, &QDoubleSpinBox::valueChanged, this,
            [this](double value) { m_model->setPhoneGPerCharge(value, tr("typed in, %1 g CO₂/charge").arg(formatNumber(value, 2))); });
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
    // A typed value has no known basis: it never inherits the basis of the region it replaces.
    m_model->setCustomGrid(gPerKWh, source);
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
    if (!m_picker->hasFocus())
        m_picker->showRegion(in.gridRegion);
    const EmissionsFigures f = PanelFigures::emissions(*m_model);
    m_gridBasis->setText(QStringLiteral("<b>%1</b> · %2").arg(f.gridIntensity.toHtmlEscaped(), f.gridBasis.toHtmlEscaped()));
    m_gridSource->setText(tr("Source: %1").arg(f.gridSource));
    panelkit::showValue(m_gasoline, in.gasolineGPerGallon);
    panelkit::showValue(m_car, in.carGPerMile);
    panelkit::showValue(m_phone, in.phoneGPerCharge);
    m_trainingCo2->setText(f.trainingCo2);
    m_gallons->setText(f.gallons);
    m_miles->setText(f.miles);
    m_charges->setText(f.charges);
    m_everydayCo2->setText(f.everydayCo2);
    m_equivalentSources->setText(f.equivalentSources);
    m_bars->setFigures(m_model->runtimeMissing() ? 0 : r.co2KgPerYear, r.baselineCo2KgPerYear,
                       m_model->runtimeMissing() ? 0 : r.gasolineGallonsPerYear);
}

} // namespace nightwatt
