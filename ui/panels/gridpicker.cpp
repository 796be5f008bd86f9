#include "panels/gridpicker.h"

#include "figureformat.h"
#include "scenario/gridregions.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QSignalBlocker>

namespace nightwatt {

GridPicker::GridPicker(QWidget *parent)
    : GridPicker(GridRegions::bundled(), parent)
{
}

GridPicker::GridPicker(const GridRegions &regions, QWidget *parent)
    : QComboBox(parent)
    , m_regions(regions)
{
    setObjectName(QStringLiteral("gridPicker"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(16);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    addItem(tr("Typed in (custom value)"), QString());
    for (const auto &region : m_regions.regions()) {
        addItem(entryText(region), region.code);
        setItemData(count() - 1, QString(region.label() + QStringLiteral("\n") + region.source), Qt::ToolTipRole);
    }
    // A search over the whole entry text, not only its start: "CAMX" finds "US-CAMX".
    auto *completer = new QCompleter(model(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(14);
    setCompleter(completer);
    lineEdit()->setPlaceholderText(tr("Search: code, country, region, basis, year…"));
    lineEdit()->setClearButtonEnabled(true);

    connect(this, &QComboBox::activated, this, &GridPicker::chooseIndex);
    connect(completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, [this](const QModelIndex &index) {
        const int row = findData(index.data(Qt::UserRole));
        if (row >= 0) {
            setCurrentIndex(row);
            chooseIndex(row);
        }
    });
}

QString GridPicker::entryText(const GridRegion &region)
{
    return QStringLiteral("%1 — %2 · %3 · %4, %5 · %6")
        .arg(region.code, region.name, formatFigure(region.gPerKWh, 1, QStringLiteral("g/kWh")), region.basis)
        .arg(region.year)
        .arg(region.shortSource);
}

void GridPicker::chooseIndex(int index)
{
    const QString code = itemData(index).toString();
    if (code.isEmpty())
        return; // the typed-in row: the value field says what it is
    if (const GridRegion *region = m_regions.find(code))
        Q_EMIT regionChosen(*region);
}

void GridPicker::showRegion(const QString &code)
{
    const QSignalBlocker blocker(this);
    const int row = code.isEmpty() ? 0 : findData(code);
    setCurrentIndex(row < 0 ? 0 : row);
    // The field says which region in words that fit; the intensity, basis, year and source are
    // on the lines under it, and the list keeps the whole entries to search.
    if (const GridRegion *region = row > 0 ? m_regions.find(code) : nullptr)
        lineEdit()->setText(QStringLiteral("%1 — %2").arg(region->code, region->name));
    lineEdit()->setCursorPosition(0);
}

QString GridPicker::currentCode() const
{
    return currentData().toString();
}

QStringList GridPicker::codesMatching(const QString &text) const
{
    QCompleter *c = completer();
    c->setCompletionPrefix(text);
    QStringList codes;
    QAbstractItemModel *matches = c->completionModel();
    for (int row = 0; row < matches->rowCount(); ++row) {
        const QString code = matches->index(row, 0).data(Qt::UserRole).toString();
        if (!code.isEmpty())
            codes.append(code);
    }
    return codes;
}

} // namespace nightwatt
