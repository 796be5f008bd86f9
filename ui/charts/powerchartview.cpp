#include "charts/powerchartview.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWheelEvent>

namespace nightwatt {

namespace {
constexpr int kMinimumDragPx = 4;
constexpr double kWheelZoomStep = 0.8; // one notch shows 80 % of the span
} // namespace

PowerChartView::PowerChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
    , m_band(new QRubberBand(QRubberBand::Rectangle, this))
{
    setRubberBand(QChartView::NoRubberBand);
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
}

double PowerChartView::valueX(const QPointF &viewPos) const
{
    return chart()->mapToValue(chart()->mapFromScene(mapToScene(viewPos.toPoint()))).x();
}

void PowerChartView::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    Q_EMIT zoomRequested(valueX(event->position()), std::pow(kWheelZoomStep, notches));
    event->accept();
}

void PowerChartView::mousePressEvent(QMouseEvent *event)
{
    const QRectF plot = chart()->plotArea();
    const QPointF scenePos = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    if (event->button() == Qt::LeftButton && plot.contains(scenePos)) {
        m_dragging = true;
        m_selectDrag = m_selectionMode || (event->modifiers() & Qt::ShiftModifier);
        m_pressPos = event->position().toPoint();
        const QRect plotInView = mapFromScene(chart()->mapToScene(plot)).boundingRect();
        m_band->setGeometry(QRect(m_pressPos.x(), plotInView.top(), 0, plotInView.height()));
        m_band->show();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_lastPanPos = event->position().toPoint();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void PowerChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        const QRect g = m_band->geometry();
        const int x = event->position().toPoint().x();
        m_band->setGeometry(QRect(QPoint(std::min(x, m_pressPos.x()), g.top()), QSize(std::abs(x - m_pressPos.x()), g.height())));
        event->accept();
        return;
    }
    if (m_panning) {
        const QPoint pos = event->position().toPoint();
        Q_EMIT panRequested(valueX(m_lastPanPos) - valueX(pos));
        m_lastPanPos = pos;
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void PowerChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        m_band->hide();
        const QPoint end = event->position().toPoint();
        if (std::abs(end.x() - m_pressPos.x()) >= kMinimumDragPx) {
            const double a = valueX(m_pressPos);
            const double b = valueX(end);
            Q_EMIT spanDragged(std::min(a, b), std::max(a, b), m_selectDrag);
        }
        event->accept();
        return;
    }
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void PowerChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Home:
        Q_EMIT resetRequested();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        Q_EMIT zoomRequested(std::numeric_limits<double>::quiet_NaN(), kWheelZoomStep);
        break;
    case Qt::Key_Minus:
        Q_EMIT zoomRequested(std::numeric_limits<double>::quiet_NaN(), 1.0 / kWheelZoomStep);
        break;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const QRectF plot = chart()->plotArea();
        const double span = chart()->mapToValue(plot.topRight()).x() - chart()->mapToValue(plot.topLeft()).x();
        Q_EMIT panRequested((event->key() == Qt::Key_Left ? -0.1 : 0.1) * span);
        break;
    }
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace nightwatt
