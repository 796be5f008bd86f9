#pragma once

#include <QString>

class QDoubleSpinBox;
class QLabel;
class QWidget;

namespace nightwatt::panelkit {

// An input with its unit as suffix; objectName lets tests and settings find it.
QDoubleSpinBox *spinBox(const QString &objectName, double minimum, double maximum, int decimals, const QString &unit,
                        QWidget *parent);
// Shows `value` without echoing the change back to the model, and without disturbing a value
// the user is typing that already equals it.
void showValue(QDoubleSpinBox *spin, double value);
// A figure: selectable, right-aligned, in the tabular font.
QLabel *figureLabel(const QString &objectName, QWidget *parent);
// Smaller grey explanatory text.
QLabel *noteLabel(const QString &objectName, QWidget *parent);

} // namespace nightwatt::panelkit
