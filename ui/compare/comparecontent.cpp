#include "compare/comparecontent.h"

#include "charts/comparisonbars.h"
#include "compare/comparecolumnwidgets.h"
#include "compare/comparemodel.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace nightwatt {

CompareContent::CompareContent(CompareModel *model, Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_mode(mode)
    , m_warning(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_bars(new ComparisonBars(this))
{
    setAutoFillBackground(true);
    m_warning->setObjectName(QStringLiteral("compareBasisWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; border: 1px solid #ffe69c; padding: 4px; }"));
    m_warning->hide();
    m_empty->setObjectName(QStringLiteral("compareEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setText(tr("No scenarios yet. In the main window, “Add Current to Comparison” (Ctrl+Shift+K) takes the open run, "
                        "its selected range or the typed power with its assumptions; then duplicate a column and change one "
                        "assumption. Saved comparisons open from the library."));
    m_bars->setObjectName(QStringLiteral("compareBars"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_warning);
    layout->addWidget(m_empty);
    if (m_mode == Mode::Screen) {
        m_scroll = new QScrollArea(this);
        m_scroll->setWidgetResizable(true);
        m_scroll->setFrameShape(QFrame::NoFrame);
        auto *split = new QSplitter(Qt::Vertical, this);
        split->addWidget(m_scroll);
        split->addWidget(m_bars);
        split->setStretchFactor(0, 3);
        split->setStretchFactor(1, 1);
        split->setChildrenCollapsible(false);
        layout->addWidget(split, 1);
    } else {
        layout->addStretch(0);
        layout->addWidget(m_bars, 1);
    }
    connect(model, &CompareModel::columnsChanged, this, &CompareContent::rebuild);
    connect(model, &CompareModel::figuresChanged, this, &CompareContent::refresh);
    rebuild();
}

void CompareContent::rebuild()
{
    // The old columns go later (a button of theirs may be the one being clicked), and silently: a
    // name field losing focus must not rename whatever column now has its index.
    m_widgets.clear();
    if (m_columns) {
        for (QObject *child : m_columns->findChildren<QObject *>())
            child->blockSignals(true);
        if (m_scroll)
            m_scroll->takeWidget();
        m_columns->hide();
        m_columns->setParent(nullptr);
        m_columns->deleteLater();
    }
    m_columns = new QWidget;
    m_columns->setObjectName(QStringLiteral("compareColumns"));
    auto *grid = new QGridLayout(m_columns);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(3);
    const int rows = CompareColumnWidgets::FirstFigureRow + int(CompareColumnWidgets::figures().size());
    for (int row = 0; row < rows; ++row) {
        auto *label = new QLabel(CompareColumnWidgets::rowLabel(row), m_columns);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        grid->addWidget(label, row, 0);
    }
    for (int i = 0; i < m_model->count(); ++i) {
        auto *column = new CompareColumnWidgets(m_model, i, grid, m_columns);
        connect(column, &CompareColumnWidgets::duplicateRequested, this, [this](int index, QWidget *anchor) {
            if (m_duplicate)
                m_duplicate(index, anchor);
        });
        m_widgets.append(column);
        grid->setColumnMinimumWidth(i + 1, 250);
        grid->setColumnStretch(i + 1, 1);
    }
    grid->setRowStretch(rows, 1);
    if (m_scroll) {
        m_scroll->setWidget(m_columns);
    } else {
        auto *layout = static_cast<QVBoxLayout *>(this->layout());
        layout->insertWidget(2, m_columns);
    }
    if (m_mode == Mode::Export) {
        // A picture of the comparison, not of its controls.
        for (QWidget *button : m_columns->findChildren<QToolButton *>())
            button->hide();
    }
    m_empty->setVisible(m_model->count() == 0);
    m_columns->setVisible(m_model->count() > 0);
    refresh();
}

void CompareContent::refresh()
{
    for (CompareColumnWidgets *column : std::as_const(m_widgets))
        column->refresh();
    const ScenarioComparison comparison = m_model->comparison();
    const QStringList notes = comparison.notes();
    m_warning->setText(notes.join(QStringLiteral("\n")));
    m_warning->setVisible(!notes.isEmpty());
    m_bars->setComparison(comparison);
    m_bars->setVisible(m_model->count() > 0);
}

} // namespace nightwatt
