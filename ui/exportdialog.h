#pragma once

#include "pngexport.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace nightwatt {

// File > Export…: the chart alone or the whole dashboard, at a chosen size, to a PNG file.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString &suggestedPath, QWidget *parent = nullptr);

    ExportRequest request() const;
    QString path() const;

private:
    void browse();

    QComboBox *m_view;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QLineEdit *m_path;
};

} // namespace nightwatt
