#include "charts/comparisonbarchart.h"

#include "exportfile.h"
#include "charts/channelstyle.h"
#include "figureformat.h"
#include "report/comparison.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
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

constexpr int kBarLabelDigits = 3;
constexpr qreal kLegendMargin = 8;
constexpr qreal kLegendSpacing = 18; // between entries in a row
constexpr qreal kSwatchGap = 6;

QString legendEntry(const ScenarioComparison &comparison, qsizetype index)
{
    const QString label = index < comparison.labels.size() ? comparison.labels.at(index) : QStringLiteral("scenario %1").arg(index + 1);
    return QStringLiteral("[%1] %2").arg(index + 1).arg(label);
}

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
        auto *set = new QBarSet(legendEntry(comparison, i));
        const double value = panel.value(comparison.scenarios.at(i));
        set->append(value);
        set->setColor(paletteColor(int(i)));
        set->setBorderColor(paletteColor(int(i)).darker(130));
        set->setLabelColor(Qt::black);
        series->append(set);
        maximum = std::max(maximum, value);
    }
    chart->addSeries(series); // the values above the bars are labelBars()' own

    auto *categories = new QBarCategoryAxis;
    categories->append(panel.unit);
    categories->setTruncateLabels(false);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    // Head-room above the tallest bar for its label.
    values->setRange(0, maximum > 0 ? maximum * 1.18 : 1.0);
    values->setLabelFormat(QStringLiteral("%.%1f").arg(panel.decimals));
    values->applyNiceNumbers();
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    chart->legend()->hide(); // one shared legend under the panels, wrapped instead of cut
    return chart;
}

} // namespace

// Each bar's value above it, in the same significant digits for every bar: Qt's own labels print
// as many digits as the value has ("0.73221" beside "32.37").
void labelBars(QChart &chart)
{
    const auto series = chart.series();
    auto *bars = series.isEmpty() ? nullptr : qobject_cast<QBarSeries *>(series.first());
    if (!bars)
        return;
    const QList<QBarSet *> sets = bars->barSets();
    const qreal groupWidth = bars->barWidth(); // in category units, centred on the only category (0)
    for (qsizetype i = 0; i < sets.size(); ++i) {
        const double value = sets.at(i)->at(0);
        const qreal centre = -groupWidth / 2 + (qreal(i) + 0.5) * groupWidth / qreal(sets.size());
        const QPointF top = chart.mapToPosition(QPointF(centre, value), bars);
        auto *label = new QGraphicsSimpleTextItem(formatSignificant(value, kBarLabelDigits), &chart);
        label->setZValue(100); // over the neighbouring bars a long label reaches into
        const QRectF box = label->boundingRect();
        label->setPos(top.x() - box.width() / 2, top.y() - box.height() - 2);
    }
}

QList<LegendPlacement> layoutComparisonLegend(const QStringList &entries, const QFontMetricsF &metrics, qreal width)
{
    QList<LegendPlacement> placements;
    const qreal swatch = std::round(metrics.height() * 0.75);
    const qreal textRoom = std::max<qreal>(metrics.averageCharWidth() * 4, width - 2 * kLegendMargin - swatch - kSwatchGap);
    qreal x = kLegendMargin, y = kLegendMargin, rowHeight = 0;
    for (const QString &entry : entries) {
        const qreal textWidth = std::min(std::ceil(metrics.horizontalAdvance(entry)) + 1, textRoom);
        const QRectF wrapped = metrics.boundingRect(QRectF(0, 0, textWidth, 1e6), Qt::TextWrapAnywhere, entry);
        const qreal entryWidth = swatch + kSwatchGap + textWidth;
        if (x > kLegendMargin && x + entryWidth > width - kLegendMargin) {
            x = kLegendMargin;
            y += rowHeight + 4;
            rowHeight = 0;
        }
        const qreal textHeight = std::ceil(wrapped.height());
        placements.append({QRectF(x, y + (metrics.height() - swatch) / 2, swatch, swatch),
                           QRectF(x + swatch + kSwatchGap, y, textWidth, textHeight)});
        rowHeight = std::max(rowHeight, textHeight);
        x += entryWidth + kLegendSpacing;
    }
    return placements;
}

QImage renderComparisonChart(const ScenarioComparison &comparison, QSize size)
{
    return paintImage(size, [&](QPainter &painter, QSize) { paintComparisonChart(painter, comparison, size); });
}

void paintComparisonChart(QPainter &painter, const ScenarioComparison &comparison, QSize size)
{
    const QList<Panel> panels = {
        {QStringLiteral("Energy per year"), QStringLiteral("kWh / year"), 1, [](const RunSummary &s) { return s.result.kwhPerYear; }},
        {QStringLiteral("CO2 per year"), QStringLiteral("kg CO2 / year"), 1, [](const RunSummary &s) { return s.result.co2KgPerYear; }},
        {QStringLiteral("Gasoline equivalent"), QStringLiteral("US gallons / year"), 2,
         [](const RunSummary &s) { return s.result.gasolineGallonsPerYear; }},
    };
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);

    QStringList entries;
    for (qsizetype i = 0; i < comparison.scenarios.size(); ++i)
        entries.append(legendEntry(comparison, i));
    const QList<LegendPlacement> legend = layoutComparisonLegend(entries, QFontMetricsF(painter.font()), size.width());
    qreal legendHeight = 0;
    for (const LegendPlacement &place : legend)
        legendHeight = std::max(legendHeight, place.text.bottom() + kLegendMargin);
    // The bars keep at least half the image however long the names are.
    const qreal chartHeight = std::max(size.height() - legendHeight, size.height() / 2.0);

    const qreal width = qreal(size.width()) / panels.size();
    for (qsizetype p = 0; p < panels.size(); ++p) {
        QGraphicsScene scene;
        auto chart = panelChart(comparison, panels.at(p));
        const QRectF area(0, 0, width, chartHeight);
        chart->setGeometry(area);
        scene.addItem(chart.get());
        if (QGraphicsLayout *layout = chart->layout())
            layout->activate();
        labelBars(*chart);
        scene.setSceneRect(area);
        scene.render(&painter, QRectF(p * width, 0, width, chartHeight), area);
        scene.removeItem(chart.get());
    }
    painter.translate(0, chartHeight);
    for (qsizetype i = 0; i < legend.size(); ++i) {
        painter.fillRect(legend.at(i).swatch, paletteColor(int(i)));
        painter.setPen(Qt::black);
        painter.drawText(legend.at(i).text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWrapAnywhere, entries.at(i));
    }
    painter.restore();
}

} // namespace nightwatt
