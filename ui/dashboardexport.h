#pragma once

#include "charts/chartstate.h"
#include "exportfile.h"
#include "io/numberrange.h"
#include "openrun.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <optional>

namespace nightwatt {

class ScenarioModel;

enum class ExportView { Chart, Dashboard };

struct ExportRequest
{
    ExportView view = ExportView::Dashboard;
    QSize size{1600, 1000};
};

// Draws the power chart alone, or the dashboard as a report page (ReportPage), for `run` at
// `request.size`, with the model's figures and the chart state given. Nothing on screen changes.
// The one renderer of the window's export and `nightwatt export`, for every format.
void paintExport(QPainter &painter, const ExportRequest &request, const std::optional<OpenRun> &run, const ScenarioModel &model,
                 const ChartViewState &chartState);
// paintExport() into a PNG-ready image of exactly `request.size` pixels.
QImage renderExport(const ExportRequest &request, const std::optional<OpenRun> &run, const ScenarioModel &model,
                    const ChartViewState &chartState);
// paintExport() into `path` as `format`; an error text, or empty.
QString writeExport(const QString &path, ExportFormat format, const ExportRequest &request, const std::optional<OpenRun> &run,
                    const ScenarioModel &model, const ChartViewState &chartState);

// Each side of an exported image, in pixels.
inline constexpr NumberRange kExportSideRange{64, 16384};
// "1600x1000" → QSize; invalid for anything else or sides outside kExportSideRange.
QSize parseExportSize(const QString &text);
std::optional<ExportView> parseExportView(const QString &text);
QSize defaultExportSize(ExportView view);

} // namespace nightwatt
