#pragma once

#include "live/livesourcespec.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace nightwatt {

// "Start capture…": where the samples come from (a sampler preset, RAPL, hwmon, a growing file, a
// replayed log, any program given as separate arguments, or a SOURCE as on the command line),
// the interval, an optional marker file for the run's phases and an optional output file. Nothing is run through a shell, and nothing asks for
// a password: what powermetrics needs instead is explained in the dialog.
class CaptureDialog : public QDialog
{
    Q_OBJECT
public:
    // Appended only: the last choice is kept in the settings by number.
    enum Kind { NvidiaSmi, Powermetrics, Macmon, Rapl, Follow, Replay, Program, CommandLine, Prometheus, Hwmon, Tegrastats, RocmSmi, AmdSmi };

    explicit CaptureDialog(QWidget *parent = nullptr);

    LiveSourceSpec spec() const;
    QString outputPath() const;
    // The same capture as a command (for the person who wants it in a terminal, or under sudo).
    QString commandLine() const;

    // For tests and for remembering the last choice.
    void setKind(Kind kind);
    void setPath(const QString &path);
    void setProgram(const QString &commandLine);
    void setSourceText(const QString &source);
    // Prometheus: the server (prom+http://HOST:PORT[/prefix]), a preset id or PromQL, and its unit
    // (empty: the preset's). Credentials come from NIGHTWATT_PROMETHEUS_TOKEN/_PASSWORD, never typed here.
    void setPrometheus(const QString &url, const QString &query, const QString &unit = {});
    // hwmon: the folder to read instead of the system's (empty: the system's).
    void setHwmonRoot(const QString &folder);
    void setIntervalMs(int ms);
    void setSpeed(double speed);
    void setOutputPath(const QString &path);
    // The marker file the training script appends to (may not exist yet); empty: none.
    void setMarkerFile(const QString &path);
    // The last choice (not the output file: a capture never overwrites one unasked).
    void restore(const QSettings &settings);
    void save(QSettings &settings) const;
    // Who would run the sampler (root or not); default: this process.
    void setSamplerEnvironment(const SamplerEnvironment &environment);
    // The run library the capture goes to (default: LibraryConnection::defaultPath()); the output
    // file may not be it.
    void setLibraryPath(const QString &path);
    // Why OK is disabled (empty when the choice can start).
    QString problem() const;

    // Start: when the output file already holds data, asks whether to replace it first.
    void accept() override;

private:
    void validate();
    void browsePath();
    void browseOutput();
    void browseMarkers();
    void browseHwmonRoot();
    Kind kind() const;

    QComboBox *m_kind;
    QLineEdit *m_path;
    QCheckBox *m_fromEnd;
    QDoubleSpinBox *m_speed;
    QLineEdit *m_program;
    QLineEdit *m_sourceText;
    QLineEdit *m_promUrl;
    QComboBox *m_promQuery;
    QComboBox *m_promUnit;
    QLineEdit *m_markers;
    QLineEdit *m_hwmonRoot;
    QSpinBox *m_interval;
    QCheckBox *m_saveOutput;
    QLineEdit *m_output;
    QLabel *m_note;
    QLabel *m_command;
    QDialogButtonBox *m_buttons;
    QString m_problem;
    SamplerEnvironment m_environment = SamplerEnvironment::current();
    QString m_libraryPath;
};

} // namespace nightwatt
