#include "compare/savedscenariosdialog.h"

#include "figureformat.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace nightwatt {

SavedScenariosDialog::SavedScenariosDialog(const QString &libraryPath, QWidget *parent)
    : QDialog(parent)
    , m_status(new QLabel(tr("Reading the library…"), this))
    , m_list(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open saved scenarios"));
    m_status->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    resize(720, 460);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SavedScenariosDialog::acceptChosen);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *watcher = new QFutureWatcher<scenariolibrary::ListResult>(this);
    connect(watcher, &QFutureWatcher<scenariolibrary::ListResult>::finished, this, [this, watcher] {
        listed(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(scenariolibrary::list(libraryPath));
}

void SavedScenariosDialog::listed(const scenariolibrary::ListResult &result)
{
    m_scenarios = result.scenarios;
    if (!result.error.isEmpty()) {
        m_status->setText(tr("Could not read the library: %1").arg(result.error));
        return;
    }
    m_status->setText(m_scenarios.isEmpty() ? tr("No scenarios are saved in the library yet.")
                                            : tr("Tick the scenarios to add as columns (the first ticked becomes the reference)."));
    for (const auto &listed : std::as_const(m_scenarios)) {
        const ScenarioInputs &in = listed.scenario.inputs;
        auto *item = new QListWidgetItem(tr("%1 — %2 · %3 × %4 min × %5/week · %6 · saved %7")
                                             .arg(listed.scenario.name,
                                                  listed.runName.isEmpty() ? tr("typed power") : tr("run “%1”").arg(listed.runName),
                                                  formatFigure(in.meanPowerW, 2, QStringLiteral("W")), formatNumber(in.runtimeMin, 1),
                                                  formatNumber(in.runsPerWeek, 1), formatFigure(in.gridGPerKWh, 1, QStringLiteral("g/kWh")),
                                                  listed.scenario.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                                             m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *changed) {
        // Saved together as "title · column": ticking one offers the whole comparison.
        const QString name = m_scenarios.at(m_list->row(changed)).scenario.name;
        const qsizetype cut = name.indexOf(QStringLiteral(" · "));
        if (changed->checkState() == Qt::Checked && cut > 0) {
            const QString prefix = name.left(cut + 3);
            const QSignalBlocker blocker(m_list);
            for (int row = 0; row < m_list->count(); ++row) {
                if (m_scenarios.at(row).scenario.name.startsWith(prefix))
                    m_list->item(row)->setCheckState(Qt::Checked);
            }
        }
        bool any = false;
        for (int row = 0; row < m_list->count(); ++row)
            any = any || m_list->item(row)->checkState() == Qt::Checked;
        m_buttons->button(QDialogButtonBox::Open)->setEnabled(any);
    });
}

void SavedScenariosDialog::acceptChosen()
{
    QList<scenariolibrary::Listed> picked;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            picked.append(m_scenarios.at(row));
    }
    Q_EMIT chosen(picked);
    accept();
}

} // namespace nightwatt
