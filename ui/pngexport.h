#pragma once

#include "charts/chartstate.h"
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

// Draws a fresh chart or dashboard for `run` at exactly `size` pixels, off screen, with the
// model's figures and the chart state given. Nothing on screen changes.
QImage renderExport(const ExportRequest &request, const std::optional<OpenRun> &run, ScenarioModel *model,
                    const ChartViewState &chartState);

// Each side of an exported image, in pixels.
inline constexpr NumberRange kExportSideRange{64, 16384};
// "1600x1000" → QSize; invalid for anything else or sides outside kExportSideRange.
QSize parseExportSize(const QString &text);
std::optional<ExportView> parseExportView(const QString &text);
QSize defaultExportSize(ExportView view);

} // namespace nightwatt
