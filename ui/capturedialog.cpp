#include "capturedialog.h"

#include "io/fileidentity.h"
#include "library/libraryconnection.h"
#include "live/hwmonsource.h"
#include "live/livesource.h"
#include "prometheus/prometheusquery.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace nightwatt {

namespace {

QWidget *withButton(QWidget *parent, QLineEdit *edit, QPushButton *button)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

} // namespace

CaptureDialog::CaptureDialog(QWidget *parent)
    : QDialog(parent)
    , m_kind(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_fromEnd(new QCheckBox(tr("Only what is appended from now on"), this))
    , m_speed(new QDoubleSpinBox(this))
    , m_program(new QLineEdit(this))
    , m_sourceText(new QLineEdit(this))
    , m_promUrl(new QLineEdit(this))
    , m_promQuery(new QComboBox(this))
    , m_promUnit(new QComboBox(this))
    , m_markers(new QLineEdit(this))
    , m_hwmonRoot(new QLineEdit(this))
    , m_interval(new QSpinBox(this))
    , m_saveOutput(new QCheckBox(tr("Also keep the sampler's own output in a file:"), this))
    , m_output(new QLineEdit(this))
    , m_note(new QLabel(this))
    , m_command(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Start capture"));
    m_kind->setObjectName(QStringLiteral("captureKind"));
    m_kind->addItem(tr("NVIDIA GPUs (nvidia-smi)"), NvidiaSmi);
    m_kind->addItem(tr("Mac CPU/GPU (powermetrics, needs root)"), Powermetrics);
    m_kind->addItem(tr("Apple silicon (macmon, no root)"), Macmon);
    m_kind->addItem(tr("Linux RAPL energy counters"), Rapl);
    m_kind->addItem(tr("Linux hwmon power sensors (AMD GPUs' PPT, energy counters; no root)"), Hwmon);
    m_kind->addItem(tr("NVIDIA Jetson (tegrastats)"), Tegrastats);
    m_kind->addItem(tr("AMD GPUs (rocm-smi)"), RocmSmi);
    m_kind->addItem(tr("AMD GPUs, ROCm 6 and newer (amd-smi)"), AmdSmi);
    m_kind->addItem(tr("Follow a growing log file"), Follow);
    m_kind->addItem(tr("Replay a recorded log"), Replay);
    m_kind->addItem(tr("Any sampler program"), Program);
    m_kind->addItem(tr("Prometheus query (DCGM, RAPL, Scaphandre, Kepler, PromQL)"), Prometheus);
    m_kind->addItem(tr("As on the command line (--source …)"), CommandLine);

    m_path->setObjectName(QStringLiteral("capturePath"));
    m_path->setPlaceholderText(tr("A power log in any format Nightwatt reads"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    m_speed->setObjectName(QStringLiteral("captureSpeed"));
    m_speed->setRange(0.01, 1'000'000);
    m_speed->setDecimals(2);
    m_speed->setValue(1);
    m_speed->setSuffix(tr(" × real time"));
    m_program->setObjectName(QStringLiteral("captureProgram"));
    m_program->setPlaceholderText(tr("nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -lms 500"));
    m_program->setToolTip(tr("The program and its arguments, split at spaces (\"double quotes\" group words), "
                             "and run directly: no shell, no pipes, no variables."));
    m_sourceText->setObjectName(QStringLiteral("captureSource"));
    m_sourceText->setPlaceholderText(tr("nvidia-smi, macmon, rapl, follow:PATH, replay:PATH"));
    m_promUrl->setObjectName(QStringLiteral("capturePrometheusUrl"));
    m_promUrl->setPlaceholderText(QStringLiteral("prom+http://localhost:9090"));
    m_promQuery->setObjectName(QStringLiteral("capturePrometheusQuery"));
    m_promQuery->setEditable(true);
    for (const PrometheusPreset &preset : prometheusPresets())
        m_promQuery->addItem(preset.id);
    m_promQuery->setToolTip(tr("A preset (its metric names and unit are built in) or any PromQL expression with its unit."));
    m_promUnit->setObjectName(QStringLiteral("capturePrometheusUnit"));
    m_promUnit->addItem(tr("the preset's"), QString());
    for (const char *unit : {"W", "mW", "uW", "J", "mJ", "uJ"})
        m_promUnit->addItem(QString::fromLatin1(unit), QString::fromLatin1(unit));
    m_markers->setObjectName(QStringLiteral("captureMarkers"));
    m_markers->setPlaceholderText(tr("Optional: the CSV time,event,label your training script appends to"));
    m_markers->setToolTip(tr("Followed while capturing, even if it does not exist yet: each start/stop pair becomes a phase of "
                             "the run, stored with its samples."));
    auto *browseMarkers = new QPushButton(tr("Browse…"), this);
    m_hwmonRoot->setObjectName(QStringLiteral("captureHwmonRoot"));
    const QString systemHwmon = HwmonSource::defaultRoot();
    m_hwmonRoot->setPlaceholderText(systemHwmon.isEmpty() ? tr("A folder laid out like Linux's /sys/class/hwmon")
                                                          : tr("%1 (leave empty for this)").arg(systemHwmon));
    auto *browseHwmon = new QPushButton(tr("Browse…"), this);
    m_interval->setObjectName(QStringLiteral("captureInterval"));
    m_interval->setRange(10, 3'600'000);
    m_interval->setSingleStep(100);
    m_interval->setValue(LiveSourceSpec::kDefaultIntervalMs);
    m_interval->setSuffix(tr(" ms"));
    m_output->setObjectName(QStringLiteral("captureOutput"));
    m_output->setEnabled(false);
    auto *browseOutput = new QPushButton(tr("Browse…"), this);
    browseOutput->setEnabled(false);
    m_note->setObjectName(QStringLiteral("captureNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setTextFormat(Qt::PlainText);
    m_command->setObjectName(QStringLiteral("captureCommand"));
    m_command->setWordWrap(true);
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setTextFormat(Qt::PlainText);
    m_command->setStyleSheet(QStringLiteral("color: gray"));

    auto *form = new QFormLayout;
    form->addRow(tr("Source:"), m_kind);
    form->addRow(tr("File:"), withButton(this, m_path, browse));
    form->addRow(QString(), m_fromEnd);
    form->addRow(tr("Speed:"), m_speed);
    form->addRow(tr("Program:"), m_program);
    form->addRow(tr("SOURCE:"), m_sourceText);
    form->addRow(tr("Interval:"), m_interval);
    form->addRow(tr("Server:"), m_promUrl);
    form->addRow(tr("Query:"), m_promQuery);
    form->addRow(tr("Unit:"), m_promUnit);
    form->addRow(tr("Folder:"), withButton(this, m_hwmonRoot, browseHwmon));
    form->addRow(tr("Marker file:"), withButton(this, m_markers, browseMarkers)); // every source
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_saveOutput);
    layout->addWidget(withButton(this, m_output, browseOutput));
    layout->addWidget(m_note);
    layout->addWidget(new QLabel(tr("The same capture in a terminal:"), this));
    layout->addWidget(m_command);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));

    auto rowsFor = [form, this] {
        const Kind k = kind();
        form->setRowVisible(1, k == Follow || k == Replay);
        form->setRowVisible(2, k == Follow);
        form->setRowVisible(3, k == Replay);
        form->setRowVisible(4, k == Program);
        form->setRowVisible(5, k == CommandLine);
        form->setRowVisible(6, k != Follow && k != Program);
        for (int row : {7, 8, 9})
            form->setRowVisible(row, k == Prometheus);
        form->setRowVisible(10, k == Hwmon);
        validate();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, rowsFor);
    for (QLineEdit *edit : {m_path, m_program, m_sourceText, m_output, m_promUrl, m_markers, m_hwmonRoot})
        connect(edit, &QLineEdit::textChanged, this, &CaptureDialog::validate);
    connect(m_promQuery, &QComboBox::currentTextChanged, this, &CaptureDialog::validate);
    connect(m_promUnit, &QComboBox::currentIndexChanged, this, &CaptureDialog::validate);
    connect(m_fromEnd, &QCheckBox::toggled, this, &CaptureDialog::validate);
    connect(m_speed, &QDoubleSpinBox::valueChanged, this, &CaptureDialog::validate);
    connect(m_interval, &QSpinBox::valueChanged, this, &CaptureDialog::validate);
    connect(m_saveOutput, &QCheckBox::toggled, this, [this, browseOutput](bool on) {
        m_output->setEnabled(on);
        browseOutput->setEnabled(on);
        validate();
    });
    connect(browse, &QPushButton::clicked, this, &CaptureDialog::browsePath);
    connect(browseOutput, &QPushButton::clicked, this, &CaptureDialog::browseOutput);
    connect(browseMarkers, &QPushButton::clicked, this, &CaptureDialog::browseMarkers);
    connect(browseHwmon, &QPushButton::clicked, this, &CaptureDialog::browseHwmonRoot);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    rowsFor();
    resize(640, sizeHint().height());
}

CaptureDialog::Kind CaptureDialog::kind() const
{
    return Kind(m_kind->currentData().toInt());
}

void CaptureDialog::setKind(Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(kind));
}

void CaptureDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void CaptureDialog::setProgram(const QString &commandLine)
{
    m_program->setText(commandLine);
}

void CaptureDialog::setSourceText(const QString &source)
{
    m_sourceText->setText(source);
}

void CaptureDialog::setPrometheus(const QString &url, const QString &query, const QString &unit)
{
    m_promUrl->setText(url);
    m_promQuery->setCurrentText(query);
    m_promUnit->setCurrentIndex(std::max(0, m_promUnit->findData(unit)));
}

void CaptureDialog::setHwmonRoot(const QString &folder)
{
    m_hwmonRoot->setText(folder);
}

void CaptureDialog::setIntervalMs(int ms)
{
    m_interval->setValue(ms);
}

void CaptureDialog::setSpeed(double speed)
{
    m_speed->setValue(speed);
}

void CaptureDialog::setOutputPath(const QString &path)
{
    m_saveOutput->setChecked(!path.isEmpty());
    m_output->setText(path);
}

void CaptureDialog::setMarkerFile(const QString &path)
{
    m_markers->setText(path);
}

void CaptureDialog::restore(const QSettings &settings)
{
    setKind(Kind(settings.value(QStringLiteral("capture/kind"), int(NvidiaSmi)).toInt()));
    setIntervalMs(settings.value(QStringLiteral("capture/intervalMs"), LiveSourceSpec::kDefaultIntervalMs).toInt());
    setPath(settings.value(QStringLiteral("capture/path")).toString());
    setProgram(settings.value(QStringLiteral("capture/program")).toString());
    setSourceText(settings.value(QStringLiteral("capture/source")).toString());
    setSpeed(settings.value(QStringLiteral("capture/speed"), 1.0).toDouble());
    setMarkerFile(settings.value(QStringLiteral("capture/markers")).toString());
    setHwmonRoot(settings.value(QStringLiteral("capture/hwmonRoot")).toString());
    setPrometheus(settings.value(QStringLiteral("capture/prometheusUrl")).toString(),
                  settings.value(QStringLiteral("capture/prometheusQuery"), QStringLiteral("dcgm")).toString(),
                  settings.value(QStringLiteral("capture/prometheusUnit")).toString());
}

void CaptureDialog::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("capture/kind"), int(kind()));
    settings.setValue(QStringLiteral("capture/intervalMs"), m_interval->value());
    settings.setValue(QStringLiteral("capture/path"), m_path->text());
    // A typed password or token is never kept, not even in the settings file.
    const bool secret = kind() == Program && spec().describeForLibrary().contains(QStringLiteral("***"));
    settings.setValue(QStringLiteral("capture/program"), secret ? QString() : m_program->text());
    settings.setValue(QStringLiteral("capture/source"), m_sourceText->text());
    settings.setValue(QStringLiteral("capture/speed"), m_speed->value());
    settings.setValue(QStringLiteral("capture/markers"), m_markers->text());
    settings.setValue(QStringLiteral("capture/hwmonRoot"), m_hwmonRoot->text());
    settings.setValue(QStringLiteral("capture/prometheusUrl"), redactSecrets(m_promUrl->text()));
    settings.setValue(QStringLiteral("capture/prometheusQuery"), m_promQuery->currentText());
    settings.setValue(QStringLiteral("capture/prometheusUnit"), m_promUnit->currentData().toString());
}

void CaptureDialog::setLibraryPath(const QString &path)
{
    m_libraryPath = path;
    validate();
}

void CaptureDialog::accept()
{
    const QString output = outputPath();
    if (!output.isEmpty() && holdsData(output)) {
        const auto answer = QMessageBox::question(this, tr("Replace %1?").arg(QFileInfo(output).fileName()),
                                                  tr("%1 already holds data. The capture replaces it, once its first bytes arrive.\n\n"
                                                     "Replace it?")
                                                      .arg(output),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    QDialog::accept();
}

void CaptureDialog::setSamplerEnvironment(const SamplerEnvironment &environment)
{
    m_environment = environment;
    validate();
}

QString CaptureDialog::problem() const
{
    return m_problem;
}

LiveSourceSpec CaptureDialog::spec() const
{
    LiveSourceSpec spec;
    switch (kind()) {
    case NvidiaSmi:
        spec.source = QStringLiteral("nvidia-smi");
        break;
    case Powermetrics:
        spec.source = QStringLiteral("powermetrics");
        break;
    case Macmon:
        spec.source = QStringLiteral("macmon");
        break;
    case Rapl:
        spec.source = QStringLiteral("rapl");
        break;
    case Hwmon:
        spec.source = QStringLiteral("hwmon");
        spec.hwmonRoot = m_hwmonRoot->text().trimmed();
        break;
    case Tegrastats:
        spec.source = QStringLiteral("tegrastats");
        break;
    case RocmSmi:
        spec.source = QStringLiteral("rocm-smi");
        break;
    case AmdSmi:
        spec.source = QStringLiteral("amd-smi");
        break;
    case Follow:
        spec.source = QStringLiteral("follow:") + m_path->text().trimmed();
        spec.fromEnd = m_fromEnd->isChecked();
        break;
    case Replay:
        spec.source = QStringLiteral("replay:") + m_path->text().trimmed();
        spec.speed = m_speed->value();
        break;
    case Program:
        // Split into argv here; the program is started directly, never by a shell.
        spec.program = QProcess::splitCommand(m_program->text());
        break;
    case CommandLine:
        spec.source = m_sourceText->text().trimmed();
        break;
    case Prometheus:
        spec.source = m_promUrl->text().trimmed();
        spec.prometheus.url = spec.source;
        spec.prometheus.query = m_promQuery->currentText().trimmed();
        spec.prometheus.unit = m_promUnit->currentData().toString();
        break;
    }
    if (kind() != Follow && kind() != Program)
        spec.intervalMs = m_interval->value();
    spec.markerFile = m_markers->text().trimmed();
    return spec;
}

QString CaptureDialog::outputPath() const
{
    return m_saveOutput->isChecked() ? m_output->text().trimmed() : QString();
}

QString CaptureDialog::commandLine() const
{
    const LiveSourceSpec s = spec();
    QStringList words{QStringLiteral("nightwatt"), QStringLiteral("capture")};
    if (!s.source.isEmpty())
        words << QStringLiteral("--source") << quoteArgumentForDisplay(s.source);
    if (s.intervalMs && (kind() != Replay))
        words << QStringLiteral("--interval-ms") << QString::number(int(*s.intervalMs));
    if (s.speed)
        words << QStringLiteral("--speed") << QString::number(*s.speed);
    if (kind() == Prometheus) {
        words << QStringLiteral("--query") << quoteArgumentForDisplay(s.prometheus.query);
        if (!s.prometheus.unit.isEmpty())
            words << QStringLiteral("--unit") << s.prometheus.unit;
    }
    if (!s.hwmonRoot.isEmpty())
        words << QStringLiteral("--hwmon-root") << quoteArgumentForDisplay(s.hwmonRoot);
    if (s.fromEnd)
        words << QStringLiteral("--from-end");
    if (!s.markerFile.isEmpty())
        words << QStringLiteral("--markers") << quoteArgumentForDisplay(s.markerFile);
    if (!outputPath().isEmpty()) {
        words << QStringLiteral("-o") << quoteArgumentForDisplay(outputPath());
        if (holdsData(outputPath()))
            words << QStringLiteral("--overwrite");
    }
    if (!s.program.isEmpty()) {
        words << QStringLiteral("--");
        for (const QString &argument : s.program)
            words << quoteArgumentForDisplay(argument);
    }
    return words.join(QLatin1Char(' '));
}

void CaptureDialog::validate()
{
    const LiveSourceSpec s = spec();
    m_problem.clear();
    QString note;
    if ((kind() == Follow || kind() == Replay) && m_path->text().trimmed().isEmpty()) {
        m_problem = tr("Choose the log file.");
    } else if (kind() == Replay && !QFileInfo(m_path->text().trimmed()).isFile()) {
        m_problem = tr("%1 is not a file.").arg(m_path->text().trimmed());
    } else if (kind() == Program && s.program.isEmpty()) {
        m_problem = tr("Type the sampler program and its arguments.");
    } else if (kind() == Prometheus && !isPrometheusUrl(s.source)) {
        m_problem = tr("Type the Prometheus server as prom+http://HOST:PORT (or prom+https://).");
    } else if (kind() == Prometheus && s.prometheus.query.isEmpty()) {
        m_problem = tr("Choose a preset or type a PromQL expression.");
    } else if (kind() == CommandLine && s.source.isEmpty()) {
        m_problem = tr("Type a SOURCE as --source takes it.");
    } else if (!s.markerFile.isEmpty() && QFileInfo(s.markerFile).isDir()) {
        m_problem = tr("The marker file %1 is a folder: choose a file (it may not exist yet).").arg(s.markerFile);
    } else if (m_saveOutput->isChecked() && outputPath().isEmpty()) {
        m_problem = tr("Choose the output file, or untick it.");
    } else if (const auto used = sameFileAmong(outputPath(), LibraryConnection::files(m_libraryPath.isEmpty() ? LibraryConnection::defaultPath() : m_libraryPath) + s.inputFiles())) {
        m_problem = tr("The output file is %1, which this capture reads or writes: choose another file.").arg(*used);
    } else {
        const LiveSourceChoice choice = createLiveSourceToStart(s, m_environment);
        m_problem = choice.error.isEmpty() ? choice.failure : choice.error;
        if (choice.source && kind() != Program)
            note = tr("Runs: %1").arg(choice.source->description());
    }
    if (m_problem.isEmpty() && kind() == Program)
        note += tr("\nThe program's standard output must be a power log Nightwatt reads. It runs as you, without a shell.");
    if (m_problem.isEmpty())
        note += tr("\nThe capture is stored in the run library as it arrives.");
    m_note->setText(m_problem.isEmpty() ? note.trimmed() : m_problem);
    m_note->setStyleSheet(m_problem.isEmpty() ? QString() : QStringLiteral("color: #a33"));
    m_command->setText(commandLine());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
    // The powermetrics explanation is long: grow so none of it is cut off.
    if (layout())
        resize(width(), std::max(height(), layout()->totalHeightForWidth(width())));
}

void CaptureDialog::browsePath()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a power log"), QFileInfo(m_path->text()).absolutePath(),
                                                      tr("Power logs (*.txt *.log *.csv *.tsv *.jsonl *.plist);;All files (*)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void CaptureDialog::browseMarkers()
{
    // The training script may not have written it yet: any name will do.
    const QString path = QFileDialog::getSaveFileName(this, tr("Marker file of the training run"), m_markers->text(),
                                                      tr("Marker files (*.csv *.txt);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_markers->setText(path);
}

void CaptureDialog::browseHwmonRoot()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a hwmon folder"), m_hwmonRoot->text());
    if (!folder.isEmpty())
        m_hwmonRoot->setText(folder);
}

void CaptureDialog::browseOutput()
{
    const QString start = m_output->text().isEmpty() ? QDir::home().filePath(QStringLiteral("capture.txt")) : m_output->text();
    const QString path = QFileDialog::getSaveFileName(this, tr("Keep the captured log in"), start);
    if (!path.isEmpty())
        m_output->setText(path);
}

} // namespace nightwatt
