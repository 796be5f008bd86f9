#include "charts/comparisonbarchart.h"

#include "charts/channelstyle.h"
#include "report/comparison.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QGraphicsScene>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <memory>

namespace nightwatt {

namespace {

struct Panel
{
    QString title;
    QString unit;
    int decimals;
    double (*value)(const RunSummary &);
};

std::unique_ptr<QChart> panelChart(const ScenarioComparison &comparison, const Panel &panel)
{
    auto chart = std::make_unique<QChart>();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(QStringLiteral("<b>%1</b>").arg(panel.title));
    chart->setBackgroundRoundness(0);
    chart->setLocalizeNumbers(true);
    auto *series = new QBarSeries;
    double maximum = 0;
    for (qsizetype i = 0; i < comparison.scenarios.size(); ++i) {
        const QString label = i < comparison.labels.size() ? comparison.labels.at(i) : QStringLiteral("scenario %1").arg(i + 1);
        auto *set = new QBarSet(QStringLiteral("[%1] %2").arg(i + 1).arg(label));
        const double value = panel.value(comparison.scenarios.at(i));
        set->append(value);
        set->setColor(paletteColor(int(i)));
        set->setBorderColor(paletteColor(int(i)).darker(130));
        set->setLabelColor(Qt::black);
        series->append(set);
        maximum = std::max(maximum, value);
    }
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(panel.decimals + 3);
    chart->addSeries(series);

    auto *categories = new QBarCategoryAxis;
    categories->append(panel.unit);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    // Head-room above the tallest bar for its label.
    values->setRange(0, maximum > 0 ? maximum * 1.18 : 1.0);
    values->setLabelFormat(QStringLiteral("%.%1f").arg(panel.decimals));
    values->applyNiceNumbers();
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setShowToolTips(true);
    return chart;
}

} // namespace

QImage renderComparisonChart(const ScenarioComparison &comparison, QSize size)
{
    const QList<Panel> panels = {
        {QStringLiteral("Energy per year"), QStringLiteral("kWh / year"), 1, [](const RunSummary &s) { return s.result.kwhPerYear; }},
        {QStringLiteral("CO2 per year"), QStringLiteral("kg CO2 / year"), 1, [](const RunSummary &s) { return s.result.co2KgPerYear; }},
        {QStringLiteral("Gasoline equivalent"), QStringLiteral("US gallons / year"), 2,
         [](const RunSummary &s) { return s.result.gasolineGallonsPerYear; }},
    };
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal width = qreal(size.width()) / panels.size();
    for (qsizetype p = 0; p < panels.size(); ++p) {
        QGraphicsScene scene;
        auto chart = panelChart(comparison, panels.at(p));
        const QRectF area(0, 0, width, size.height());
        chart->setGeometry(area);
        scene.addItem(chart.get());
        scene.setSceneRect(area);
        scene.render(&painter, QRectF(p * width, 0, width, size.height()), area);
        scene.removeItem(chart.get());
    }
    painter.end();
    return image;
}

} // namespace nightwatt
