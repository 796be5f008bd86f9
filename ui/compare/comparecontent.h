#pragma once

#include <QWidget>

#include <functional>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace nightwatt {

class CompareColumnWidgets;
class CompareModel;
class ComparisonBars;

// What the compare view shows and its PNG holds: the basis warning, the scenario columns with
// their row labels, and the grouped bars under them. On screen the columns scroll; for an export
// they are laid out at the image's size.
class CompareContent : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Screen, Export };
    CompareContent(CompareModel *model, Mode mode, QWidget *parent = nullptr);

    // Lets the view offer its menu when a column's "Duplicate" button is clicked.
    void setDuplicateHandler(std::function<void(int index, QWidget *anchor)> handler) { m_duplicate = std::move(handler); }

private:
    void rebuild();
    void refresh();

    CompareModel *m_model;
    Mode m_mode;
    QLabel *m_warning;
    QLabel *m_empty;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_columns = nullptr;
    QList<CompareColumnWidgets *> m_widgets;
    ComparisonBars *m_bars;
    std::function<void(int, QWidget *)> m_duplicate;
};

} // namespace nightwatt
