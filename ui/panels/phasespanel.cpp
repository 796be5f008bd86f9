#include "panels/phasespanel.h"

#include "panels/panelkit.h"
#include "phasesmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace nightwatt {

namespace {

constexpr int kRowsShown = 5;
constexpr int kShareColumnWidth = 160;

// The share column: a bar as long as the share, the figure over it.
class ShareBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant share = index.data(PhasesModel::SortRole);
        if (share.isValid()) {
            QRectF bar = QRectF(option.rect).adjusted(2, 3, -2, -3);
            bar.setWidth(bar.width() * std::clamp(share.toDouble(), 0.0, 1.0));
            QColor color = option.palette.color(QPalette::Highlight);
            color.setAlpha(90);
            painter->fillRect(bar, color);
        }
        QStyledItemDelegate::paint(painter, option, index);
    }
};

} // namespace

PhasesPanel::PhasesPanel(QWidget *parent)
    : QGroupBox(tr("Phases"), parent)
    , m_model(new PhasesModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_addToComparison(new QPushButton(tr("Add Phase to Comparison"), this))
{
    setObjectName(QStringLiteral("phasesPanel"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(PhasesModel::SortRole);
    m_table->setObjectName(QStringLiteral("phasesTable"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PhasesModel::Start, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PhasesModel::Label, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(PhasesModel::Share, QHeaderView::Fixed);
    m_table->horizontalHeader()->resizeSection(PhasesModel::Share, kShareColumnWidth);
    // A few rows and a scroll bar: the chart above keeps most of the height.
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    m_table->setMinimumHeight(rowHeight * 3);
    m_table->setMaximumHeight(m_table->horizontalHeader()->sizeHint().height() + rowHeight * kRowsShown + 2 * m_table->frameWidth());
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_table->setItemDelegateForColumn(PhasesModel::Share, new ShareBarDelegate(m_table));
    m_addToComparison->setObjectName(QStringLiteral("addPhaseToComparison"));
    m_addToComparison->setToolTip(tr("Put the chosen phase in the Compare view as a column of its own"));
    m_addToComparison->setEnabled(false);

    auto *addAction = new QAction(tr("Add Phase to Comparison"), m_table);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(addAction);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->addWidget(m_table, 1);
    auto *actions = new QHBoxLayout;
    QLabel *hint = panelkit::noteLabel(QStringLiteral("phasesHint"), this);
    hint->setText(tr("Click a phase to select its range on the chart; click a heading to sort."));
    actions->addWidget(hint, 1);
    actions->addWidget(m_addToComparison);
    layout->addLayout(actions);

    const auto requestAdd = [this] {
        if (const auto phase = currentPhase())
            Q_EMIT addToComparisonRequested(*phase);
    };
    connect(m_addToComparison, &QPushButton::clicked, this, requestAdd);
    connect(addAction, &QAction::triggered, this, requestAdd);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        m_addToComparison->setEnabled(true);
        Q_EMIT phaseChosen(m_model->phaseAt(m_sorted->mapToSource(index).row()));
    });
    setPhases({});
}

void PhasesPanel::setPhases(const QList<PhaseFigures> &phases)
{
    m_model->setPhases(phases);
    m_addToComparison->setEnabled(false);
    setVisible(!phases.isEmpty());
}

std::optional<PhaseFigures> PhasesPanel::currentPhase() const
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    return m_model->phaseAt(m_sorted->mapToSource(index).row());
}

} // namespace nightwatt
