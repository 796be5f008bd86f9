#pragma once

#include "openrun.h"

#include <QWidget>

#include <vector>

class QListWidget;

namespace nightwatt {

// The runs that are open; picking one shows it on the dashboard.
class RunListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunListPanel(QWidget *parent = nullptr);

    // Returns the new run's row, which becomes current.
    int add(const OpenRun &run);
    void removeCurrent();
    int count() const { return int(m_runs.size()); }
    const OpenRun *current() const;
    const OpenRun &at(int row) const { return m_runs[size_t(row)]; }
    void setCurrent(int row);

Q_SIGNALS:
    void currentChanged(); // current() is the run to show, or nullptr

private:
    QListWidget *m_list;
    std::vector<OpenRun> m_runs;
};

} // namespace nightwatt
