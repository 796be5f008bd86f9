#include "dashboardexport.h"

#include "reportpage.h"

#include <QPainter>
#include <QRegularExpression>

namespace nightwatt {

void paintExport(QPainter &painter, const ExportRequest &request, const std::optional<OpenRun> &run, const ScenarioModel &model,
                 const ChartViewState &chartState)
{
    if (request.view == ExportView::Chart)
        paintPowerChart(painter, QRect(QPoint(0, 0), request.size), run ? &run->trace() : nullptr, chartState);
    else
        ReportPage(run, model, chartState).paint(painter, request.size);
}

QImage renderExport(const ExportRequest &request, const std::optional<OpenRun> &run, const ScenarioModel &model,
                    const ChartViewState &chartState)
{
    return paintImage(request.size, [&](QPainter &painter, QSize) { paintExport(painter, request, run, model, chartState); });
}

QString writeExport(const QString &path, ExportFormat format, const ExportRequest &request, const std::optional<OpenRun> &run,
                    const ScenarioModel &model, const ChartViewState &chartState)
{
    return writeExport(path, format, request.size,
                       [&](QPainter &painter, QSize) { paintExport(painter, request, run, model, chartState); });
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
