#pragma once

#include "compare/scenariolibrary.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace nightwatt {

// Compare ▸ Open from Library: lists the saved scenarios (read on a worker thread) and returns the
// ones ticked. Ticking one ticks the others saved with the same comparison name.
class SavedScenariosDialog : public QDialog
{
    Q_OBJECT
public:
    SavedScenariosDialog(const QString &libraryPath, QWidget *parent = nullptr);

Q_SIGNALS:
    void chosen(const QList<nightwatt::scenariolibrary::Listed> &scenarios);

private:
    void listed(const scenariolibrary::ListResult &result);
    void acceptChosen();

    QLabel *m_status;
    QListWidget *m_list;
    QDialogButtonBox *m_buttons;
    QList<scenariolibrary::Listed> m_scenarios;
};

} // namespace nightwatt
