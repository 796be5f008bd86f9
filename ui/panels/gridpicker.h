#pragma once

#include "scenario/gridregions.h"

#include <QComboBox>

namespace nightwatt {

struct GridRegion;
class GridRegions;

// The bundled grid tables as a searchable list: typing any part of a code, name, basis, year or
// source narrows it (e.g. "FR", "CAMX", "lifecycle"). Each entry shows its value, basis and year,
// so a figure is never picked without them. Row 0 stands for a typed-in value.
class GridPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit GridPicker(QWidget *parent = nullptr);
    GridPicker(const GridRegions &regions, QWidget *parent);

    // Shows `code` as chosen (empty: the typed-in row) without emitting regionChosen.
    void showRegion(const QString &code);
    QString currentCode() const;
    // The entries whose text contains `text`, as the completer offers them (codes as data).
    QStringList codesMatching(const QString &text) const;

    static QString entryText(const GridRegion &region);

Q_SIGNALS:
    void regionChosen(const nightwatt::GridRegion &region);

private:
    void chooseIndex(int index);

    const GridRegions &m_regions;
};

} // namespace nightwatt
