#pragma once

#include <QtCharts/QChartView>

class QRubberBand;

namespace nightwatt {

// The chart's mouse and keys: wheel zooms around the cursor, left drag zooms to a span (or
// selects it with Shift or in selection mode), right/middle drag pans, Esc/Home resets. It only
// reports gestures in plot coordinates; PowerChart decides what they do.
class PowerChartView : public QChartView
{
    Q_OBJECT
public:
    explicit PowerChartView(QChart *chart, QWidget *parent = nullptr);

    void setSelectionMode(bool on) { m_selectionMode = on; }
    bool selectionMode() const { return m_selectionMode; }

Q_SIGNALS:
    void zoomRequested(double centerX, double factor); // factor < 1 zooms in
    void spanDragged(double x0, double x1, bool select);
    void panRequested(double dx);
    void resetRequested();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    double valueX(const QPointF &viewPos) const;

    QRubberBand *m_band = nullptr;
    QPoint m_pressPos;
    QPoint m_lastPanPos;
    bool m_dragging = false;
    bool m_panning = false;
    bool m_selectDrag = false;
    bool m_selectionMode = false;
};

} // namespace nightwatt
