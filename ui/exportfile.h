#pragma once

#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QImage;
class QPainter;

namespace nightwatt {

// The files an export writes: a PNG picture, or SVG and PDF that stay vector (lines as paths,
// text as text) so a paper or slide can scale them.
enum class ExportFormat { Png, Svg, Pdf };

// By the file's suffix (.png, .svg, .pdf, any case); nullopt for anything else.
std::optional<ExportFormat> exportFormatForPath(const QString &path);
QString exportFormatName(ExportFormat format);
// "PNG images (*.png);;SVG drawings (*.svg);;PDF documents (*.pdf)" for file dialogs.
QString exportFileFilter();

// Draws one picture `size` pixels large, origin at the top left. The same call draws every format.
using ExportPainter = std::function<void(QPainter &painter, QSize size)>;

// What `paint` draws, as an image of exactly `size` pixels on white.
QImage paintImage(QSize size, const ExportPainter &paint);

// Writes what `paint` draws to `path`. SVG and PDF use the resolution of a PNG (96 dpi), so
// fonts sized in points keep the proportions of the picture. Returns an error text, or empty.
QString writeExport(const QString &path, ExportFormat format, QSize size, const ExportPainter &paint);

} // namespace nightwatt
