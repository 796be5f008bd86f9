#include "mainwindow.h"

#include "io/logloader.h"
#include "report/runsummary.h"

#include <QFontDatabase>
#include <QFutureWatcher>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace nightwatt {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_summary(new QPlainTextEdit(this))
{
    setWindowTitle(QStringLiteral("Nightwatt"));
    m_summary->setReadOnly(true);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setCentralWidget(m_summary);
    resize(1100, 720);
}

void MainWindow::openSampleRun()
{
    openFiles({QStringLiteral(":/sample/sample-run.txt")});
}

void MainWindow::openFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        statusBar()->showMessage(tr("Loading %1…").arg(path));
        auto *watcher = new QFutureWatcher<LoadedLog>(this);
        connect(watcher, &QFutureWatcher<LoadedLog>::finished, this, [this, watcher] {
            showLog(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run([path] { return LogLoader::loadFile(path); }));
    }
}

void MainWindow::showLog(const LoadedLog &log)
{
    if (!log.ok()) {
        statusBar()->showMessage(tr("%1: %2").arg(log.path, log.error));
        return;
    }
    RunSummary summary;
    summary.input = summaryInputFromLog(log);
    applyMeasurementToScenario(*summary.input, summary.scenario);
    summary.result = computeScenario(summary.scenario);
    m_summary->setPlainText(summaryToText(summary));
    statusBar()->showMessage(tr("Loaded %1").arg(log.path));
}

} // namespace nightwatt
