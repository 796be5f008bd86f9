#include "compare/comparecolumnwidgets.h"

#include "charts/minipowerchart.h"
#include "compare/comparemodel.h"
#include "figureformat.h"
#include "panels/gridpicker.h"
#include "panels/panelkit.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace nightwatt {

namespace {

// What a column shows of comparisonFigures(): energy per run/week/year, everyday use and the
// ratio, CO2, gasoline and the other equivalents (power and schedule are the inputs above).
const QStringList kShown = {QStringLiteral("scenario/wh_per_run"),          QStringLiteral("scenario/kwh_per_week"),
                            QStringLiteral("scenario/kwh_per_year"),        QStringLiteral("baseline/kwh_per_year"),
                            QStringLiteral("baseline/training_to_baseline_ratio"), QStringLiteral("emissions/co2_g_per_run"),
                            QStringLiteral("emissions/co2_kg_per_year"),    QStringLiteral("emissions/co2_lb_per_year"),
                            QStringLiteral("emissions/gasoline_gallons_per_year"), QStringLiteral("equivalents/car_miles_per_year"),
                            QStringLiteral("equivalents/phone_charges_per_year")};

QString signedText(double value, int decimals)
{
    const QString text = formatNumber(std::abs(value), decimals);
    if (text == formatNumber(0, decimals))
        return text;
    return (value < 0 ? QStringLiteral("−") : QStringLiteral("+")) + text;
}

QString figureObjectName(const char *prefix, const ComparisonFigure &figure, int index)
{
    return QStringLiteral("%1_%2_%3_%4").arg(QLatin1String(prefix), figure.section, figure.key).arg(index);
}

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

const QList<ComparisonFigure> &CompareColumnWidgets::figures()
{
    static const QList<ComparisonFigure> shown = [] {
        QList<ComparisonFigure> list;
        for (const QString &name : kShown) {
            for (const auto &figure : comparisonFigures()) {
                if (figure.section + u'/' + figure.key == name)
                    list.append(figure);
            }
        }
        return list;
    }();
    return shown;
}

QString CompareColumnWidgets::rowLabel(int row)
{
    switch (row) {
    case HeaderRow:
        return QString();
    case SourceRow:
        return QString();
    case ChartRow:
        return tr("Power");
    case PowerRow:
        return tr("Mean power");
    case RuntimeRow:
        return tr("Runtime");
    case RunsRow:
        return tr("Runs per week");
    case WeeksRow:
        return tr("Weeks per year");
    case PueRow:
        return tr("PUE");
    case GridRow:
        return tr("Grid");
    case IntensityRow:
        return tr("Intensity");
    case BasisRow:
        return QString();
    default:
        break;
    }
    const int f = row - FirstFigureRow;
    if (f < 0 || f >= figures().size())
        return QString();
    const ComparisonFigure &figure = figures().at(f);
    return figure.unit.isEmpty() ? figure.label : QStringLiteral("%1 (%2)").arg(figure.label, figure.unit);
}

CompareColumnWidgets::CompareColumnWidgets(CompareModel *model, int index, QGridLayout *grid, QWidget *parent)
    : QObject(parent)
    , m_model(model)
    , m_index(index)
    , m_name(new QLineEdit(parent))
    , m_source(panelkit::noteLabel(QStringLiteral("compareSource_%1").arg(index), parent))
    , m_chart(new MiniPowerChart(parent))
    , m_power(panelkit::spinBox(QStringLiteral("comparePower_%1").arg(index), 0, 1e6, 2, tr("W"), parent))
    , m_runtime(panelkit::spinBox(QStringLiteral("compareRuntime_%1").arg(index), 0, 1e6, 1, tr("min"), parent))
    , m_runs(panelkit::spinBox(QStringLiteral("compareRuns_%1").arg(index), 0, 1000, 1, tr("runs"), parent))
    , m_weeks(panelkit::spinBox(QStringLiteral("compareWeeks_%1").arg(index), 0, 53, 1, tr("weeks"), parent))
    , m_pue(panelkit::spinBox(QStringLiteral("comparePue_%1").arg(index), 1, 10, 2, QString(), parent))
    , m_grid(new GridPicker(parent))
    , m_intensity(panelkit::spinBox(QStringLiteral("compareIntensity_%1").arg(index), 0, 5000, 1, tr("g/kWh"), parent))
    , m_basis(panelkit::noteLabel(QStringLiteral("compareBasis_%1").arg(index), parent))
{
    const int column = index + 1; // column 0 holds the row labels
    m_name->setObjectName(QStringLiteral("compareName_%1").arg(index));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    auto *left = toolButton(QStringLiteral("◀"), tr("Move left (the first column is what the others are compared with)"), parent);
    auto *right = toolButton(QStringLiteral("▶"), tr("Move right"), parent);
    auto *duplicate = toolButton(tr("Duplicate ▾"), tr("Duplicate this scenario and change one assumption"), parent);
    duplicate->setObjectName(QStringLiteral("compareDuplicate_%1").arg(index));
    auto *remove = toolButton(QStringLiteral("✕"), tr("Remove from the comparison"), parent);
    remove->setObjectName(QStringLiteral("compareRemove_%1").arg(index));
    left->setEnabled(index > 0);
    right->setEnabled(index + 1 < model->count());
    auto *header = new QWidget(parent);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(2);
    // The number the bar chart's legend and the basis warning use.
    headerLayout->addWidget(new QLabel(QStringLiteral("<b>[%1]</b>").arg(index + 1), header));
    headerLayout->addWidget(m_name, 1);
    headerLayout->addWidget(left);
    headerLayout->addWidget(right);
    headerLayout->addWidget(duplicate);
    headerLayout->addWidget(remove);
    m_grid->setObjectName(QStringLiteral("compareGrid_%1").arg(index));
    m_grid->setMinimumContentsLength(12);
    m_runtime->setToolTip(tr("Minutes per run (the worked example: 709 min with MPS, 1,100 min CPU-only)"));
    m_pue->setSingleStep(0.05);
    m_intensity->setToolTip(tr("Type a value to use a custom intensity (its basis is then unknown)"));

    grid->addWidget(header, HeaderRow, column);
    grid->addWidget(m_source, SourceRow, column);
    grid->addWidget(m_chart, ChartRow, column);
    grid->addWidget(m_power, PowerRow, column);
    grid->addWidget(m_runtime, RuntimeRow, column);
    grid->addWidget(m_runs, RunsRow, column);
    grid->addWidget(m_weeks, WeeksRow, column);
    grid->addWidget(m_pue, PueRow, column);
    grid->addWidget(m_grid, GridRow, column);
    grid->addWidget(m_intensity, IntensityRow, column);
    grid->addWidget(m_basis, BasisRow, column);
    for (qsizetype f = 0; f < figures().size(); ++f) {
        auto *cell = new QWidget(parent);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 1, 0, 1);
        cellLayout->setSpacing(0);
        auto *value = panelkit::figureLabel(figureObjectName("figure", figures().at(f), index), cell);
        auto *delta = panelkit::noteLabel(figureObjectName("delta", figures().at(f), index), cell);
        delta->setWordWrap(false);
        delta->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        cellLayout->addWidget(value);
        cellLayout->addWidget(delta);
        m_values.append(value);
        m_deltas.append(delta);
        grid->addWidget(cell, FirstFigureRow + int(f), column);
    }

    const CompareColumn &c = model->at(index);
    if (c.log)
        m_chart->setTrace(&c.log->trace, c.range);

    connect(m_name, &QLineEdit::editingFinished, this, [this] { m_model->rename(m_index, m_name->text()); });
    connect(left, &QToolButton::clicked, this, [this] { m_model->move(m_index, m_index - 1); });
    connect(right, &QToolButton::clicked, this, [this] { m_model->move(m_index, m_index + 1); });
    connect(remove, &QToolButton::clicked, this, [this] { m_model->remove(m_index); });
    connect(duplicate, &QToolButton::clicked, this, [this, duplicate] { Q_EMIT duplicateRequested(m_index, duplicate); });
    connect(m_power, &QDoubleSpinBox::valueChanged, this, [this](double v) { editInputs([](double x, ScenarioInputs &in) { in.meanPowerW = x; }, v); });
    connect(m_runtime, &QDoubleSpinBox::valueChanged, this, [this](double v) { editInputs([](double x, ScenarioInputs &in) { in.runtimeMin = x; }, v); });
    connect(m_runs, &QDoubleSpinBox::valueChanged, this, [this](double v) { editInputs([](double x, ScenarioInputs &in) { in.runsPerWeek = x; }, v); });
    connect(m_weeks, &QDoubleSpinBox::valueChanged, this, [this](double v) { editInputs([](double x, ScenarioInputs &in) { in.weeksPerYear = x; }, v); });
    connect(m_pue, &QDoubleSpinBox::valueChanged, this, [this](double v) { editInputs([](double x, ScenarioInputs &in) { in.pue = x; }, v); });
    connect(m_intensity, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        editInputs([](double x, ScenarioInputs &in) { applyCustomGrid(x, tr("typed in, %1 g CO₂/kWh").arg(formatNumber(x, 1)), in); }, v);
    });
    connect(m_grid, &GridPicker::regionChosen, this, [this](const GridRegion &region) {
        ScenarioInputs inputs = m_model->at(m_index).inputs;
        applyGridRegion(region, inputs);
        m_model->setInputs(m_index, inputs);
    });
    refresh();
}

void CompareColumnWidgets::editInputs(void (*apply)(double value, ScenarioInputs &inputs), double value)
{
    ScenarioInputs inputs = m_model->at(m_index).inputs;
    apply(value, inputs);
    m_model->setInputs(m_index, inputs);
}

void CompareColumnWidgets::refresh()
{
    const CompareColumn &c = m_model->at(m_index);
    const ScenarioInputs &in = c.inputs;
    if (!m_name->hasFocus()) {
        m_name->setText(c.name);
        m_name->setCursorPosition(0);
        m_name->setToolTip(c.name);
    }
    QStringList source{c.powerSource};
    if (c.runId)
        source.append(tr("run %1 in the library").arg(*c.runId));
    m_source->setText(source.join(QStringLiteral(" · ")));
    if (!c.log)
        m_chart->setTypedPower(in.meanPowerW, in.runtimeMin);
    panelkit::showValue(m_power, in.meanPowerW);
    panelkit::showValue(m_runtime, in.runtimeMin);
    panelkit::showValue(m_runs, in.runsPerWeek);
    panelkit::showValue(m_weeks, in.weeksPerYear);
    panelkit::showValue(m_pue, in.pue);
    panelkit::showValue(m_intensity, in.gridGPerKWh);
    if (!m_grid->hasFocus())
        m_grid->showRegion(in.gridRegion);
    m_basis->setText(in.gridBasis.isEmpty() ? tr("basis and year unknown (typed in)")
                                            : QStringLiteral("%1 · %2").arg(in.gridBasis).arg(in.gridYear));
    m_basis->setToolTip(in.gridSource);

    const RunSummary first = [&] {
        RunSummary s;
        s.scenario = m_model->at(0).inputs;
        s.result = computeScenario(s.scenario);
        return s;
    }();
    RunSummary own;
    own.scenario = in;
    own.result = computeScenario(in);
    for (qsizetype f = 0; f < figures().size(); ++f) {
        const ComparisonFigure &figure = figures().at(f);
        const double value = figure.value(own);
        m_values.at(f)->setText(figure.unit.isEmpty() || figure.unit == u"/year" ? formatNumber(value, figure.decimals)
                                                                                 : formatFigure(value, figure.decimals, figure.unit));
        if (m_index == 0) {
            m_deltas.at(f)->setText(tr("reference"));
            continue;
        }
        const FigureDelta d = figureDelta(figure.value(first), value);
        QString text;
        if (formatNumber(std::abs(d.absolute), figure.decimals) == formatNumber(0, figure.decimals))
            text = tr("same");
        else if (d.percent)
            text = QStringLiteral("%1 (%2 %)").arg(signedText(d.absolute, figure.decimals), signedText(*d.percent, 1));
        else
            text = signedText(d.absolute, figure.decimals);
        m_deltas.at(f)->setText(text);
        m_deltas.at(f)->setToolTip(tr("Difference to “%1”").arg(m_model->at(0).name));
    }
}

} // namespace nightwatt
