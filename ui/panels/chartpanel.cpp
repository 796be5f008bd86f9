#include "panels/chartpanel.h"

#include "charts/powerchart.h"
#include "panels/selectionpanel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace nightwatt {

ChartPanel::ChartPanel(ScenarioModel *model, QWidget *parent)
    : QWidget(parent)
    , m_chart(new PowerChart(this))
    , m_selection(new SelectionPanel(m_chart, model, this))
    , m_xAxis(new QComboBox(this))
    , m_unit(new QComboBox(this))
    , m_select(new QAction(tr("Select range"), this))
    , m_follow(new QAction(tr("Follow"), this))
    , m_followButton(new QToolButton(this))
    , m_reset(new QToolButton(this))
{
    m_xAxis->setObjectName(QStringLiteral("xAxisMode"));
    m_xAxis->addItem(tr("Measurement points"), int(XAxisMode::Samples));
    m_xAxis->addItem(tr("Elapsed time"), int(XAxisMode::Elapsed));
    m_xAxis->addItem(tr("Clock time"), int(XAxisMode::Clock));
    m_unit->setObjectName(QStringLiteral("powerUnit"));
    m_unit->addItem(tr("Auto"), int(PowerUnit::Auto));
    m_unit->addItem(tr("mW"), int(PowerUnit::Milliwatts));
    m_unit->addItem(tr("W"), int(PowerUnit::Watts));
    m_unit->addItem(tr("kW"), int(PowerUnit::Kilowatts));
    m_unit->setToolTip(tr("Auto: mW below a 10 W peak, W up to 10 kW, kW above"));
    m_select->setCheckable(true);
    m_select->setShortcut(QKeySequence(Qt::Key_S));
    m_select->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_select->setToolTip(tr("Drag on the chart to select a range instead of zooming (S; or hold Shift while dragging)"));
    auto *selectButton = new QToolButton(this);
    selectButton->setDefaultAction(m_select);
    selectButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_follow->setObjectName(QStringLiteral("followLive"));
    m_follow->setCheckable(true);
    m_follow->setChecked(m_chart->isFollowing());
    m_follow->setShortcut(QKeySequence(Qt::Key_F));
    m_follow->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_follow->setToolTip(tr("Keep the newest samples in view while capturing (F). Zooming or panning switches to free zoom."));
    m_followButton->setDefaultAction(m_follow);
    m_followButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_followButton->hide();
    m_reset->setText(tr("Reset zoom"));
    m_reset->setToolTip(tr("Show the whole run (Esc or Home on the chart)"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 0, 4, 0);
    controls->addWidget(new QLabel(tr("X axis:"), this));
    controls->addWidget(m_xAxis);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Power in:"), this));
    controls->addWidget(m_unit);
    controls->addSpacing(8);
    controls->addWidget(selectButton);
    controls->addWidget(m_reset);
    controls->addWidget(m_followButton);
    controls->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_selection);

    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setXAxisMode(XAxisMode(m_xAxis->currentData().toInt()));
    });
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setPowerUnit(PowerUnit(m_unit->currentData().toInt()));
    });
    connect(m_select, &QAction::toggled, m_chart, &PowerChart::setSelectionMode);
    connect(m_reset, &QToolButton::clicked, m_chart, &PowerChart::resetZoom);
    connect(m_chart, &PowerChart::viewChanged, this, &ChartPanel::syncControls);
    connect(m_follow, &QAction::toggled, m_chart, &PowerChart::setFollowing);
    connect(m_chart, &PowerChart::followingChanged, m_follow, &QAction::setChecked);
    syncControls();
}

void ChartPanel::setTrace(const Trace *trace, std::shared_ptr<const void> owner)
{
    m_selection->setTraceOwner(trace ? std::move(owner) : nullptr);
    m_chart->setTrace(trace);
    m_selection->refresh();
    syncControls();
}

void ChartPanel::setLive(bool live)
{
    m_followButton->setVisible(live);
    if (live)
        m_chart->setFollowing(true);
}

void ChartPanel::syncControls()
{
    const QSignalBlocker xBlocker(m_xAxis);
    const QSignalBlocker unitBlocker(m_unit);
    auto *items = qobject_cast<QStandardItemModel *>(m_xAxis->model());
    for (int i = 0; i < m_xAxis->count(); ++i) {
        const bool usable = m_chart->canShow(XAxisMode(m_xAxis->itemData(i).toInt()));
        if (items)
            items->item(i)->setEnabled(usable);
    }
    m_xAxis->setCurrentIndex(m_xAxis->findData(int(m_chart->xAxisMode())));
    m_unit->setCurrentIndex(m_unit->findData(int(m_chart->powerUnit())));
}

} // namespace nightwatt
