#include "phasesmodel.h"

#include "charts/channelstyle.h"
#include "figureformat.h"

#include <QColor>

namespace nightwatt {

PhasesModel::PhasesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PhasesModel::setPhases(const QList<PhaseFigures> &phases)
{
    beginResetModel();
    m_phases = phases;
    endResetModel();
}

int PhasesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_phases.size());
}

int PhasesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PhasesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_phases.size())
        return {};
    const PhaseFigures &phase = m_phases.at(index.row());
    if (role == Qt::DecorationRole && index.column() == Label)
        return markerColor(phase.kind);
    if (role == Qt::TextAlignmentRole && index.column() != Label)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Label && phase.coverage && *phase.coverage < 1)
        return tr("%1: samples cover %2 of the phase").arg(markerKindId(phase.kind), formatFigure(*phase.coverage * 100, 0, QStringLiteral("%")));
    if (role == Qt::ToolTipRole && index.column() == Label)
        return markerKindId(phase.kind);
    if (role == SortRole) {
        switch (index.column()) {
        case Label:
            return phase.label;
        case Start:
            return phase.startS;
        case Duration:
            return phase.durationS;
        case MeanPower:
            return phase.samples > 0 ? QVariant(phase.meanW) : QVariant();
        case Energy:
            return phase.energyWh ? QVariant(*phase.energyWh) : QVariant();
        case Share:
            return phase.share ? QVariant(*phase.share) : QVariant();
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Label:
        return phase.label;
    case Start:
        return formatDuration(phase.startS);
    case Duration:
        return formatDuration(phase.durationS);
    case MeanPower:
        return phase.samples > 0 ? formatFigure(phase.meanW, 1, QStringLiteral("W")) : QStringLiteral("—");
    case Energy:
        return phase.energyWh ? formatFigure(*phase.energyWh, *phase.energyWh < 10 ? 3 : 1, QStringLiteral("Wh")) : QStringLiteral("—");
    case Share:
        return phase.share ? formatFigure(*phase.share * 100, 1, QStringLiteral("%")) : QStringLiteral("—");
    }
    return {};
}

QVariant PhasesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Label:
        return tr("Phase");
    case Start:
        return tr("Start");
    case Duration:
        return tr("Duration");
    case MeanPower:
        return tr("Mean");
    case Energy:
        return tr("Energy");
    case Share:
        return tr("Share");
    }
    return {};
}

} // namespace nightwatt
