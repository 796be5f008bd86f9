#include "panels/panelkit.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalBlocker>

#include <cmath>

namespace nightwatt::panelkit {

QDoubleSpinBox *spinBox(const QString &objectName, double minimum, double maximum, int decimals, const QString &unit,
                        QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(minimum, maximum);
    spin->setDecimals(decimals);
    if (!unit.isEmpty())
        spin->setSuffix(QStringLiteral(" ") + unit);
    spin->setAccelerated(true);
    spin->setAlignment(Qt::AlignRight);
    spin->setMinimumWidth(120);
    return spin;
}

void showValue(QDoubleSpinBox *spin, double value)
{
    const double shown = std::round(value * std::pow(10.0, spin->decimals())) / std::pow(10.0, spin->decimals());
    if (spin->value() == shown)
        return;
    const QSignalBlocker blocker(spin);
    spin->setValue(value);
}

QLabel *figureLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel *noteLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

} // namespace nightwatt::panelkit
