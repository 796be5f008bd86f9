#pragma once

#include "compare/scenariolibrary.h"

#include <QMainWindow>
#include <QSize>

class QAction;
class QLabel;
class QPainter;

namespace nightwatt {

class CompareContent;
class CompareModel;

// The Compare window: scenarios as columns (CompareContent), with the Compare menu: add the main
// window's current run, range or typed power; duplicate a column with one assumption changed;
// save the scenarios to the run library and reopen them; export the comparison to PNG, SVG or PDF.
class CompareView : public QMainWindow
{
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);

    CompareModel *model() const { return m_model; }
    QAction *addCurrentAction() const { return m_addCurrent; }
    // The library the scenarios are saved to and listed from (default: LibraryConnection's).
    void setLibraryPath(const QString &path) { m_libraryPath = path; }

    // Saves every column as a scenario named "<title> · <column>", on a worker thread; emits
    // saved() when done. A save already running is not started twice.
    void saveToLibrary(const QString &title);
    // Adds saved scenarios as columns (their runs' traces are not loaded: the chart is flat).
    void openScenarios(const QList<scenariolibrary::Listed> &scenarios);
    // Writes the comparison at `size` to `path`, PNG, SVG or PDF by its suffix.
    bool exportTo(const QString &path, QSize size);

    // The comparison laid out at `size` off screen, the same widgets as on screen.
    static void paint(QPainter &painter, CompareModel *model, QSize size);

Q_SIGNALS:
    void addCurrentRequested();
    void saved(const QString &error);

private:
    void createMenus();
    void offerDuplicate(int index, QWidget *anchor);
    void saveDialog();
    void openDialog();
    void exportDialog();
    void showMessage(const QString &text);

    CompareModel *m_model;
    CompareContent *m_content;
    QAction *m_addCurrent = nullptr;
    QString m_libraryPath;
    bool m_saving = false;
};

} // namespace nightwatt
