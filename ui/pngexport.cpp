#include "pngexport.h"

#include "charts/powerchart.h"
#include "dashboard.h"

#include <QCoreApplication>
#include <QPainter>
#include <QRegularExpression>

namespace nightwatt {

namespace {

// Lays `widget` out at `size` without showing it, and paints it into an image of that size.
QImage renderOffscreen(QWidget *widget, PowerChart *chart, QSize size)
{
    widget->setAttribute(Qt::WA_DontShowOnScreen);
    widget->resize(size);
    widget->show();
    // Layout requests (widgets and the chart's graphics layout) are posted events: deliver them,
    // draw at the settled plot width, and settle once more for axis labels that changed width.
    for (int pass = 0; pass < 2; ++pass) {
        QCoreApplication::sendPostedEvents();
        chart->redrawNow();
    }
    QCoreApplication::sendPostedEvents();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    widget->render(&image);
    widget->hide();
    return image;
}

} // namespace

QImage renderExport(const ExportRequest &request, const std::optional<OpenRun> &run, ScenarioModel *model,
                    const ChartViewState &chartState)
{
    if (request.view == ExportView::Chart) {
        PowerChart chart;
        chart.setTrace(run ? &run->trace() : nullptr);
        chart.setState(chartState);
        return renderOffscreen(&chart, &chart, request.size);
    }
    Dashboard dashboard(model);
    dashboard.setRun(run);
    dashboard.chart()->setState(chartState);
    return renderOffscreen(&dashboard, dashboard.chart(), request.size);
}

QSize parseExportSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    const int w = match.captured(1).toInt();
    const int h = match.captured(2).toInt();
    if (w < kExportSideRange.minimum || h < kExportSideRange.minimum || w > kExportSideRange.maximum || h > kExportSideRange.maximum)
        return {};
    return {w, h};
}

std::optional<ExportView> parseExportView(const QString &text)
{
    if (text == u"chart")
        return ExportView::Chart;
    if (text == u"dashboard")
        return ExportView::Dashboard;
    return std::nullopt;
}

QSize defaultExportSize(ExportView view)
{
    return view == ExportView::Chart ? QSize(1200, 600) : QSize(1600, 1000);
}

} // namespace nightwatt
