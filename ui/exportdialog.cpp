#include "exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace nightwatt {

ExportDialog::ExportDialog(const QString &suggestedPath, QWidget *parent)
    : QDialog(parent)
    , m_view(new QComboBox(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_path(new QLineEdit(suggestedPath, this))
{
    setWindowTitle(tr("Export"));
    m_view->addItem(tr("Report (chart, figures, sources)"), int(ExportView::Dashboard));
    m_view->addItem(tr("Power chart only"), int(ExportView::Chart));
    for (QSpinBox *spin : {m_width, m_height}) {
        spin->setRange(64, 16384);
        spin->setSuffix(tr(" px"));
    }
    auto setDefaults = [this] {
        const QSize size = defaultExportSize(ExportView(m_view->currentData().toInt()));
        m_width->setValue(size.width());
        m_height->setValue(size.height());
    };
    setDefaults();
    connect(m_view, &QComboBox::currentIndexChanged, this, setDefaults);

    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *form = new QFormLayout(this);
    form->addRow(tr("What"), m_view);
    form->addRow(tr("Size"), sizeRow);
    form->addRow(tr("File"), pathRow);
    form->addRow(buttons);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Save)->setEnabled(exportFormatForPath(path()).has_value());
    });
}

void ExportDialog::browse()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), m_path->text(), exportFileFilter(), &filter);
    if (path.isEmpty())
        return;
    if (exportFormatForPath(path)) {
        m_path->setText(path);
        return;
    }
    // No known suffix typed: take the one of the chosen filter, "PNG images (*.png)" → ".png".
    const qsizetype star = filter.indexOf(QStringLiteral("*."));
    m_path->setText(path + (star >= 0 ? filter.mid(star + 1, 4) : QStringLiteral(".png")));
}

ExportRequest ExportDialog::request() const
{
    return {ExportView(m_view->currentData().toInt()), QSize(m_width->value(), m_height->value())};
}

ExportFormat ExportDialog::format() const
{
    return exportFormatForPath(path()).value_or(ExportFormat::Png);
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

} // namespace nightwatt
