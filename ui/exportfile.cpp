#include "exportfile.h"

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace nightwatt {

namespace {

// A QImage's own resolution: points become the same number of pixels in every format.
constexpr int kDotsPerInch = 96;

QString writePng(const QString &path, QSize size, const ExportPainter &paint)
{
    return paintImage(size, paint).save(path, "PNG") ? QString() : QStringLiteral("cannot write the PNG file");
}

QString writeSvg(const QString &path, QSize size, const ExportPainter &paint)
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(kDotsPerInch);
    svg.setTitle(QFileInfo(path).completeBaseName());
    svg.setDescription(QStringLiteral("Drawn by Nightwatt"));
    QPainter painter;
    if (!painter.begin(&svg))
        return QStringLiteral("cannot write the SVG file");
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    paint(painter, size);
    return painter.end() ? QString() : QStringLiteral("cannot write the SVG file");
}

QString writePdf(const QString &path, QSize size, const ExportPainter &paint)
{
    QPdfWriter pdf(path);
    pdf.setResolution(kDotsPerInch);
    pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / kDotsPerInch, QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setCreator(QStringLiteral("Nightwatt"));
    pdf.setTitle(QFileInfo(path).completeBaseName());
    QPainter painter;
    if (!painter.begin(&pdf))
        return QStringLiteral("cannot write the PDF file");
    paint(painter, size);
    return painter.end() ? QString() : QStringLiteral("cannot write the PDF file");
}

} // namespace

QImage paintImage(QSize size, const ExportPainter &paint)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, size);
    painter.end();
    return image;
}

std::optional<ExportFormat> exportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return ExportFormat::Png;
    if (suffix == u"svg")
        return ExportFormat::Svg;
    if (suffix == u"pdf")
        return ExportFormat::Pdf;
    return std::nullopt;
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("PNG");
    case ExportFormat::Svg:
        return QStringLiteral("SVG");
    case ExportFormat::Pdf:
        return QStringLiteral("PDF");
    }
    return {};
}

QString exportFileFilter()
{
    return QStringLiteral("PNG images (*.png);;SVG drawings (*.svg);;PDF documents (*.pdf)");
}

QString writeExport(const QString &path, ExportFormat format, QSize size, const ExportPainter &paint)
{
    switch (format) {
    case ExportFormat::Png:
        return writePng(path, size, paint);
    case ExportFormat::Svg:
        return writeSvg(path, size, paint);
    case ExportFormat::Pdf:
        return writePdf(path, size, paint);
    }
    return {};
}

} // namespace nightwatt
