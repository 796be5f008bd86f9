#include "panels/runlistpanel.h"

#include "figureformat.h"

#include <QListWidget>
#include <QVBoxLayout>

namespace nightwatt {

RunListPanel::RunListPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
{
    m_list->setObjectName(QStringLiteral("runList"));
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMinimumWidth(160);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    connect(m_list, &QListWidget::currentRowChanged, this, &RunListPanel::currentChanged);
}

int RunListPanel::add(const OpenRun &run)
{
    m_runs.push_back(run);
    auto *item = new QListWidgetItem(run.title);
    QString detail = formatFigure(run.stats.total.meanW, 2, QStringLiteral("W"));
    if (run.stats.durationS)
        detail += QStringLiteral(" · ") + formatDuration(*run.stats.durationS);
    item->setText(run.title + u'\n' + detail);
    item->setToolTip(run.log->path);
    m_list->addItem(item);
    const int row = int(m_runs.size()) - 1;
    m_list->setCurrentRow(row);
    return row;
}

void RunListPanel::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_runs.erase(m_runs.begin() + row);
    // The current row may keep its number while its run changes: always say so.
    delete m_list->takeItem(row);
    Q_EMIT currentChanged();
}

const OpenRun *RunListPanel::current() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < int(m_runs.size()) ? &m_runs[size_t(row)] : nullptr;
}

void RunListPanel::setCurrent(int row)
{
    m_list->setCurrentRow(row);
}

} // namespace nightwatt
