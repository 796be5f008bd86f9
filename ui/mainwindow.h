#pragma once

#include <QMainWindow>
#include <QStringList>

class QPlainTextEdit;

namespace nightwatt {

struct LoadedLog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void openFiles(const QStringList &paths);
    void openSampleRun();

private:
    void showLog(const LoadedLog &log);

    QPlainTextEdit *m_summary = nullptr;
};

} // namespace nightwatt
