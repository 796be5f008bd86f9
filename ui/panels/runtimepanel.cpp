#include "panels/runtimepanel.h"

#include "figureformat.h"
#include "panels/panelkit.h"
#include "scenariomodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace nightwatt {

namespace {
// A log this short is an excerpt, not a training run: say so next to the runtime it gives.
constexpr double kShortLogMin = 5;
} // namespace

RuntimePanel::RuntimePanel(ScenarioModel *model, QWidget *parent)
    : QGroupBox(tr("Runtime"), parent)
    , m_model(model)
    , m_duration(panelkit::figureLabel(QStringLiteral("measuredDuration"), this))
    , m_coverage(panelkit::figureLabel(QStringLiteral("coverage"), this))
    , m_samples(panelkit::figureLabel(QStringLiteral("samples"), this))
    , m_runtime(panelkit::spinBox(QStringLiteral("runtimeMin"), 0, 1e7, 2, QStringLiteral("min"), this))
    , m_useMeasured(new QPushButton(tr("Measured"), this))
    , m_runtimeNote(panelkit::noteLabel(QStringLiteral("runtimeNote"), this))
    , m_longest(panelkit::spinBox(QStringLiteral("longestRuntimeMin"), 0, 1e7, 2, QStringLiteral("min"), this))
    , m_longestNote(panelkit::noteLabel(QStringLiteral("longestNote"), this))
{
    m_runtime->setToolTip(tr("Runtime of a typical run, in minutes. It defaults to the measured duration."));
    m_longest->setToolTip(tr("The longest run you expect (informative: the figures use the typical runtime)."));
    m_useMeasured->setToolTip(tr("Use the measured duration again"));
    auto *runtimeRow = new QHBoxLayout;
    runtimeRow->addWidget(m_runtime, 1);
    runtimeRow->addWidget(m_useMeasured);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Measured duration"), m_duration);
    form->addRow(tr("Coverage, gaps"), m_coverage);
    form->addRow(tr("Samples, mean interval"), m_samples);
    form->addRow(tr("Typical runtime"), runtimeRow);
    form->addRow(m_runtimeNote);
    form->addRow(tr("Longest runtime"), m_longest);
    form->addRow(m_longestNote);

    connect(m_runtime, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setRuntimeMin);
    connect(m_longest, &QDoubleSpinBox::valueChanged, model, &ScenarioModel::setLongestRuntimeMin);
    connect(m_useMeasured, &QPushButton::clicked, model, &ScenarioModel::useMeasuredRuntime);
    connect(model, &ScenarioModel::changed, this, &RuntimePanel::refresh);
    refresh();
}

void RuntimePanel::refresh()
{
    const auto &m = m_model->measurement();
    const bool timed = m && m->durationS;
    if (!m) {
        m_duration->setText(QStringLiteral("—"));
        m_coverage->setText(QStringLiteral("—"));
        m_samples->setText(QStringLiteral("—"));
    } else if (!timed) {
        m_duration->setText(tr("unknown (no timing)"));
        m_coverage->setText(QStringLiteral("—"));
        m_samples->setText(QString::number(m->samples));
    } else {
        QString duration = formatDuration(*m->durationS);
        if (*m->durationS >= 3600)
            duration += QStringLiteral(" (") + formatFigure(*m->durationS / 60.0, 1, QStringLiteral("min")) + u')';
        m_duration->setText(duration);
        const auto coverage = m->coverage();
        const QString gaps = m->gaps == 0 ? tr("no gaps") : m->gaps == 1 ? tr("1 gap") : tr("%1 gaps").arg(m->gaps);
        m_coverage->setText(QStringLiteral("%1 %, %2").arg(coverage ? formatNumber(*coverage * 100.0, 1) : QStringLiteral("—"), gaps));
        m_samples->setText(QStringLiteral("%1, %2").arg(QString::number(m->samples),
                                                        m->meanIntervalS ? formatDuration(*m->meanIntervalS) : QStringLiteral("—")));
    }
    // Without timing the runtime is the user's to give: the box waits for it, empty, rather than
    // show the worked example's 709 min beside figures that say they need a runtime.
    const bool missing = m_model->runtimeMissing();
    m_runtime->setSpecialValueText(missing ? tr("needs runtime") : QString());
    panelkit::showValue(m_runtime, missing ? m_runtime->minimum() : m_model->inputs().runtimeMin);
    m_useMeasured->setEnabled(timed && m_model->runtimeSource() != ScenarioModel::RuntimeSource::Measured);

    QString note;
    QPalette palette = m_runtimeNote->palette();
    if (m_model->runtimeMissing()) {
        note = tr("Required: the log has no timing, so its duration is unknown. Type the runtime of a run.");
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x30, 0x00));
    } else {
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
        switch (m_model->runtimeSource()) {
        case ScenarioModel::RuntimeSource::Measured:
            note = tr("= the measured duration (%1).").arg(formatDuration(m_model->inputs().runtimeMin * 60.0));
            if (m_model->inputs().runtimeMin < kShortLogMin) {
                note += tr(" The log is short: if it is an excerpt, type the runtime of a whole run.");
                palette.setColor(QPalette::WindowText, QColor(0xb0, 0x30, 0x00));
            }
            break;
        case ScenarioModel::RuntimeSource::Typed:
            note = tr("Typed in (%1).").arg(formatDuration(m_model->inputs().runtimeMin * 60.0));
            break;
        case ScenarioModel::RuntimeSource::Default:
            note = tr("Worked example: 709 min (%1).").arg(formatDuration(709 * 60.0));
            break;
        }
    }
    m_runtimeNote->setPalette(palette);
    m_runtimeNote->setText(note);

    panelkit::showValue(m_longest, m_model->longestRuntimeMin());
    const ScenarioResult longest = m_model->longestRunResult();
    m_longestNote->setText(tr("Informative: at that runtime a run takes %1, %2 a year.")
                               .arg(formatFigure(longest.whPerRun, 1, QStringLiteral("Wh")),
                                    formatFigure(longest.kwhPerYear, 1, QStringLiteral("kWh"))));
}

} // namespace nightwatt
