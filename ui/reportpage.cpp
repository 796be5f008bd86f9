#include "reportpage.h"

#include "charts/powerchart.h"
#include "dashboard.h"
#include "panels/panelfigures.h"
#include "phasesmodel.h"
#include "scenariomodel.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace nightwatt {

namespace {

struct Row
{
    QString label;
    QString value;
};

struct Section
{
    QString title;
    QList<Row> rows;
    QString note;
};

// Fonts in pixels of the page: the page's size, not the screen's, sets how large text is.
struct PageFonts
{
    explicit PageFonts(QSize size)
    {
        // 14 px body text on a 1600x1000 page, growing with it; never under 11 px.
        const qreal scale = std::min(size.width() / 1600.0, size.height() / 1000.0);
        body.setPixelSize(std::max(11, qRound(14 * scale)));
        title = body;
        title.setPixelSize(qRound(body.pixelSize() * 1.7));
        title.setBold(true);
        heading = body;
        heading.setBold(true);
        small = body;
        small.setPixelSize(std::max(9, qRound(body.pixelSize() * 0.8)));
    }
    QFont body;
    QFont title;
    QFont heading;
    QFont small;
};

const QColor kMuted(0x55, 0x55, 0x55);
const QColor kText(0x11, 0x11, 0x11);

// Height `text` takes wrapped at `width`.
qreal wrappedHeight(const QPainter &painter, const QFont &font, qreal width, const QString &text)
{
    if (text.isEmpty())
        return 0;
    const QFontMetricsF metrics(font, painter.device());
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

// Draws `text` wrapped at `width` from `top`; returns the height used.
qreal drawWrapped(QPainter &painter, const QFont &font, const QColor &color, QPointF topLeft, qreal width, const QString &text)
{
    const qreal height = wrappedHeight(painter, font, width, text);
    if (height > 0) {
        painter.setFont(font);
        painter.setPen(color);
        painter.drawText(QRectF(topLeft, QSizeF(width, height)), Qt::TextWordWrap, text);
    }
    return height;
}

QList<Section> sectionsOf(const ScenarioModel &model)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("nightwatt::ReportPage", text); };
    const RuntimeFigures runtime = PanelFigures::runtime(model);
    const FrequencyFigures frequency = PanelFigures::frequency(model);
    const BaselineFigures baseline = PanelFigures::baseline(model);
    const EmissionsFigures emissions = PanelFigures::emissions(model);
    return {
        {tr("Runtime"),
         {{tr("Measured duration"), runtime.measuredDuration},
          {tr("Coverage, gaps"), runtime.coverage},
          {tr("Samples, mean interval"), runtime.samples},
          {tr("Typical runtime"), runtime.typicalRuntime}},
         runtime.runtimeNote},
        {tr("Weekly frequency"),
         {{tr("Energy per run"), frequency.whPerRun}, {tr("Energy per week"), frequency.kwhPerWeek}, {tr("Energy per year"), frequency.kwhPerYear}},
         frequency.perRunNote},
        {tr("Baseline battery (everyday use)"),
         {{tr("Everyday use a day"), baseline.dailyWh}, {tr("Everyday use a year"), baseline.kwhPerYear}, {tr("Training is"), baseline.trainingRatio}},
         {}},
        {tr("CO₂ vs gasoline"),
         {{tr("Training a year"), emissions.trainingCo2},
          {tr("Everyday use a year"), emissions.everydayCo2},
          {tr("Same CO₂ as burning"), emissions.gallons},
          {tr("or driving"), emissions.miles},
          {tr("or charging a phone"), emissions.charges}},
         tr("Grid: %1").arg(emissions.gridIntensity)},
    };
}

QString sourcesOf(const ScenarioModel &model)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("nightwatt::ReportPage", text); };
    const EmissionsFigures emissions = PanelFigures::emissions(model);
    const BaselineFigures baseline = PanelFigures::baseline(model);
    return tr("Sources. Grid: %1 (%2; %3). Gasoline: %4. Battery: %5. %6")
        .arg(emissions.gridIntensity, emissions.gridSource, emissions.gridBasis, emissions.gasolineSource, baseline.batterySource,
             emissions.equivalentSources);
}

// One section's label/value rows in a column `width` wide: labels in a column of their own when
// there is room, else above their values. Draws when `draw`, and returns the height either way.
qreal layoutSection(QPainter &painter, const PageFonts &fonts, const Section &section, QPointF topLeft, qreal width, bool draw)
{
    const QFontMetricsF body(fonts.body, painter.device());
    const qreal gap = body.height() * 0.25;
    qreal labelWidth = 0;
    for (const Row &row : section.rows)
        labelWidth = std::max(labelWidth, body.horizontalAdvance(row.label));
    labelWidth += body.averageCharWidth() * 2;
    const bool sideBySide = labelWidth <= width * 0.55;
    qreal y = topLeft.y();
    const auto text = [&](const QFont &font, const QColor &color, qreal x, qreal w, const QString &s) {
        return draw ? drawWrapped(painter, font, color, QPointF(x, y), w, s) : wrappedHeight(painter, font, w, s);
    };
    y += text(fonts.heading, kText, topLeft.x(), width, section.title) + gap;
    for (const Row &row : section.rows) {
        if (sideBySide) {
            const qreal labelHeight = text(fonts.body, kMuted, topLeft.x(), labelWidth, row.label);
            const qreal valueHeight = text(fonts.heading, kText, topLeft.x() + labelWidth, width - labelWidth, row.value);
            y += std::max(labelHeight, valueHeight) + gap * 0.5;
        } else {
            y += text(fonts.body, kMuted, topLeft.x(), width, row.label);
            y += text(fonts.heading, kText, topLeft.x(), width, row.value) + gap * 0.5;
        }
    }
    y += text(fonts.small, kMuted, topLeft.x(), width, section.note);
    return y - topLeft.y();
}

// The sections in columns (four on a wide page, two or one when narrow) below `top`; returns the
// height of the tallest row of sections. Draws when `draw`.
qreal layoutSections(QPainter &painter, const PageFonts &fonts, const QList<Section> &sections, QRectF area, bool draw)
{
    const QFontMetricsF body(fonts.body, painter.device());
    const qreal gutter = body.height() * 1.5;
    // A column needs room for about 38 characters: the longest label with a figure beside it.
    const qreal columnMin = body.averageCharWidth() * 38;
    qsizetype columns = sections.size();
    while (columns > 1 && (area.width() - gutter * (columns - 1)) / columns < columnMin)
        columns = columns > 2 ? 2 : 1;
    const qreal columnWidth = (area.width() - gutter * (columns - 1)) / columns;
    qreal y = area.top();
    for (qsizetype first = 0; first < sections.size(); first += columns) {
        qreal rowHeight = 0;
        for (qsizetype i = first; i < std::min(sections.size(), first + columns); ++i) {
            const QPointF topLeft(area.left() + (i - first) * (columnWidth + gutter), y);
            rowHeight = std::max(rowHeight, layoutSection(painter, fonts, sections.at(i), topLeft, columnWidth, draw));
        }
        y += rowHeight + gutter * 0.5;
    }
    return y - area.top();
}

// At most this many phases are listed; a run with hundreds of epochs says how many are left out.
constexpr int kPhaseRowsShown = 12;

// The run's phases as a table in the phases panel's own words (label, start, duration, mean
// power, energy, share). Draws when `draw`; returns the height, 0 without phases.
qreal layoutPhases(QPainter &painter, const PageFonts &fonts, const QList<PhaseFigures> &phases, QRectF area, bool draw)
{
    if (phases.isEmpty())
        return 0;
    PhasesModel model;
    model.setPhases(phases);
    const QFontMetricsF small(fonts.small, painter.device());
    const qreal rowHeight = small.height() * 1.25;
    const int rows = std::min(model.rowCount(), kPhaseRowsShown);
    const int leftOut = model.rowCount() - rows;
    const qreal titleHeight = wrappedHeight(painter, fonts.heading, area.width(), model.tr("Phases"));
    const qreal height = titleHeight + rowHeight * (rows + 1 + (leftOut > 0 ? 1 : 0)) + small.height() * 0.5;
    if (!draw)
        return height;
    qreal y = area.top();
    y += drawWrapped(painter, fonts.heading, kText, QPointF(area.left(), y), area.width(), model.tr("Phases"));
    // The label column takes what the five figure columns leave.
    const qreal figureWidth = small.averageCharWidth() * 13;
    const qreal labelWidth = std::max(area.width() - figureWidth * (PhasesModel::ColumnCount - 1), area.width() * 0.3);
    const auto cell = [&](int column) {
        const qreal left = column == 0 ? area.left() : area.left() + labelWidth + figureWidth * (column - 1);
        return QRectF(left, y, column == 0 ? labelWidth : figureWidth, rowHeight);
    };
    painter.setFont(fonts.small);
    painter.setPen(kMuted);
    for (int column = 0; column < PhasesModel::ColumnCount; ++column) {
        painter.drawText(cell(column), (column == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                         model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    }
    y += rowHeight;
    painter.setPen(kText);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < PhasesModel::ColumnCount; ++column) {
            const QString text = model.data(model.index(row, column), Qt::DisplayRole).toString();
            const QRectF rect = cell(column);
            painter.drawText(rect, (column == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                             small.elidedText(text, Qt::ElideRight, rect.width()));
        }
        y += rowHeight;
    }
    if (leftOut > 0) {
        painter.setPen(kMuted);
        painter.drawText(QRectF(area.left(), y, area.width(), rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         model.tr("… and %n more phases (all of them: nightwatt summary --json)", nullptr, leftOut));
    }
    return height;
}

} // namespace

ReportPage::ReportPage(const std::optional<OpenRun> &run, const ScenarioModel &model, const ChartViewState &chartState)
    : m_run(run)
    , m_model(model)
    , m_chartState(chartState)
{
}

void ReportPage::paint(QPainter &painter, QSize size) const
{
    const PageFonts fonts(size);
    const QFontMetricsF body(fonts.body, painter.device());
    const qreal margin = body.height() * 1.6;
    const QRectF page = QRectF(QPointF(0, 0), QSizeF(size)).adjusted(margin, margin, -margin, -margin);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);

    const QString title = m_run ? m_run->title : QCoreApplication::translate("nightwatt::ReportPage", "No run open (typed power)");
    qreal y = page.top();
    y += drawWrapped(painter, fonts.title, kText, QPointF(page.left(), y), page.width(), title);
    if (m_run)
        y += drawWrapped(painter, fonts.body, kMuted, QPointF(page.left(), y), page.width(), Dashboard::describeRun(*m_run));
    y += body.height() * 0.5;

    const QList<Section> sections = sectionsOf(m_model);
    const QString sources = sourcesOf(m_model);
    const qreal sectionsHeight = layoutSections(painter, fonts, sections, QRectF(page.left(), 0, page.width(), 0), false);
    const qreal sourcesHeight = wrappedHeight(painter, fonts.small, page.width(), sources);
    const QList<PhaseFigures> phases = m_run ? m_run->phases : QList<PhaseFigures>();
    const qreal phasesHeight = layoutPhases(painter, fonts, phases, QRectF(page.left(), 0, page.width(), 0), false);
    // The chart takes what the text leaves, but never under a quarter of the page: on a page too
    // short for both the text runs past the bottom rather than the chart vanishing.
    const qreal chartHeight = std::max(size.height() * 0.25, page.bottom() - y - sectionsHeight - phasesHeight - sourcesHeight - body.height());
    if (m_run)
        paintPowerChart(painter, QRectF(page.left(), y, page.width(), chartHeight).toRect(), &m_run->trace(), m_chartState);
    y += chartHeight + body.height() * 0.5;
    y += layoutSections(painter, fonts, sections, QRectF(page.left(), y, page.width(), 0), true);
    y += layoutPhases(painter, fonts, phases, QRectF(page.left(), y, page.width(), 0), true);
    drawWrapped(painter, fonts.small, kMuted, QPointF(page.left(), y), page.width(), sources);
    painter.restore();
}

void paintPowerChart(QPainter &painter, const QRect &area, const Trace *trace, const ChartViewState &state)
{
    PowerChart chart;
    chart.setTrace(trace);
    chart.setState(state);
    chart.setAttribute(Qt::WA_DontShowOnScreen);
    chart.resize(area.size());
    chart.show();
    // Layout requests (widgets and the chart's graphics layout) are posted events: deliver them,
    // draw at the settled plot width, and settle once more for axis labels that changed width.
    for (int pass = 0; pass < 2; ++pass) {
        QCoreApplication::sendPostedEvents();
        chart.redrawNow();
    }
    QCoreApplication::sendPostedEvents();
    chart.render(&painter, area.topLeft(), QRegion(), QWidget::DrawChildren);
    chart.hide();
}

} // namespace nightwatt
