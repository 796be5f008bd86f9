#include "charts/co2barchart.h"

#include "charts/axisticks.h"

#include <QLocale>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

namespace nightwatt {

class Co2BarChartPrivate
{
public:
    QChart *chart = nullptr;
    QBarSet *set = nullptr;
    QBarCategoryAxis *categories = nullptr;
    QValueAxis *values = nullptr;
};

Co2BarChart::Co2BarChart(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Co2BarChartPrivate>())
{
    d->chart = new QChart;
    d->chart->legend()->hide();
    d->chart->setMargins(QMargins(0, 0, 6, 0));
    d->chart->setBackgroundRoundness(0);
    d->chart->setLocalizeNumbers(true);
    d->set = new QBarSet(tr("CO2"));
    d->set->setColor(QColor(0x4c, 0x72, 0xb0));
    d->set->setLabelColor(Qt::black);
    *d->set << 0 << 0 << 0;
    auto *series = new QHorizontalBarSeries;
    series->append(d->set);
    series->setBarWidth(0.65);
    d->chart->addSeries(series);
    d->categories = new QBarCategoryAxis;
    d->values = new QValueAxis;
    d->values->setTitleText(tr("kg CO₂ a year"));
    d->values->setLabelFormat(QStringLiteral("%.0f"));
    d->chart->addAxis(d->categories, Qt::AlignLeft);
    d->chart->addAxis(d->values, Qt::AlignBottom);
    series->attachAxis(d->categories);
    series->attachAxis(d->values);

    auto *view = new QChartView(d->chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(280, 150);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
}

Co2BarChart::~Co2BarChart() = default;

void Co2BarChart::setFigures(double trainingKg, double everydayKg, double gasolineGallons)
{
    setToolTip(tr("Training %1 kg, everyday use %2 kg CO₂ a year; burning %3 gal of gasoline emits as much as the training")
                   .arg(QLocale().toString(trainingKg, 'f', 2), QLocale().toString(everydayKg, 'f', 2),
                        QLocale().toString(gasolineGallons, 'f', 2)));
    // Bottom to top in a horizontal bar chart: the training bar reads first at the top. The figures
    // stand beside the chart, so the names stay short enough never to be elided.
    const QStringList names = {tr("Gasoline"), tr("Everyday"), tr("Training")};
    d->set->replace(0, trainingKg);
    d->set->replace(1, everydayKg);
    d->set->replace(2, trainingKg);
    d->categories->setCategories(names);
    const double top = std::max({trainingKg, everydayKg, 1e-9}) * 1.1;
    const AxisTicks ticks = niceTicks(0, top, 4);
    d->values->setTickType(QValueAxis::TicksDynamic);
    applyTicks(d->values, 0, std::ceil(top / ticks.interval) * ticks.interval, ticks);
}

} // namespace nightwatt
