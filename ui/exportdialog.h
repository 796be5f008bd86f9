#pragma once

#include "dashboardexport.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace nightwatt {

// File > Export…: the report page or the chart alone, at a chosen size, to a PNG, SVG or PDF file
// (the file's suffix chooses).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString &suggestedPath, QWidget *parent = nullptr);

    ExportRequest request() const;
    QString path() const;
    ExportFormat format() const; // by the path's suffix; Save stays off for any other suffix

private:
    void browse();

    QComboBox *m_view;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QLineEdit *m_path;
};

} // namespace nightwatt
