// Training phases from a marker file in the window: File > Load Markers onto the open run, a
// marker file dropped with its log or onto an open run, and one dropped on an empty window.
#include "charts/powerchart.h"
#include "dashboard.h"
#include "issuesmodel.h"
#include "mainwindow.h"
#include "markerloader.h"
#include "panels/phasespanel.h"
#include "runloader.h"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLocale>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace nightwatt;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'700'000'000;

// A run logged once a second for 600 s against the epoch clock: 50 W, 200 W from 100 s to 500 s.
QByteArray powerLog()
{
    QByteArray log = "timestamp,power_w\n";
    for (int i = 0; i <= 600; ++i)
        log += QByteArray::number(kStart + i) + ',' + QByteArray::number(i >= 100 && i < 500 ? 200 : 50) + '\n';
    return log;
}

QByteArray markerLine(qint64 afterStartS, const char *event, const char *label)
{
    return QByteArray::number(kStart + afterStartS) + ',' + event + ',' + label + '\n';
}

// Two epochs and an evaluation; `shiftS` moves them all (a script writing another clock).
QByteArray trainingMarkers(qint64 shiftS = 0)
{
    return "time,event,label\n" + markerLine(shiftS + 100, "start", "epoch 1") + markerLine(shiftS + 250, "stop", "epoch 1")
         + markerLine(shiftS + 250, "start", "eval") + markerLine(shiftS + 300, "stop", "eval")
         + markerLine(shiftS + 300, "start", "epoch 2") + markerLine(shiftS + 500, "stop", "epoch 2");
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

QStringList phaseLabels(const MainWindow &window)
{
    QStringList labels;
    if (const auto &run = window.dashboard()->run()) {
        for (const PhaseFigures &phase : run->phases)
            labels << phase.label;
    }
    return labels;
}

// Every row of the Issues list as "file:line: message".
QStringList issueRows(const IssuesModel &issues)
{
    QStringList rows;
    for (int row = 0; row < issues.rowCount(); ++row) {
        const QVariant line = issues.index(row, IssuesModel::LineColumn).data();
        rows << u"%1:%2: %3"_s.arg(issues.index(row, IssuesModel::FileColumn).data(Qt::ToolTipRole).toString(),
                                   line.isValid() ? line.toString() : u"0"_s,
                                   issues.index(row, IssuesModel::MessageColumn).data().toString());
    }
    return rows;
}

void drop(MainWindow &window, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QDropEvent dropped(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &dropped);
}

} // namespace

class TestMarkerLoading : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void loadMarkersPutsPhasesOnTheOpenRun();
    void badLinesAreIssuesWithFileAndLine();
    void markersOnAnotherClockSayTheOffset();
    void droppedWithItsLogTheMarkersFollowTheLog();
    void droppedOnAnOpenRunTheMarkersGoOntoIt();
    void markerFileAloneAsksForALogFirst();
    void theSameFileTwiceAddsNothing();

private:
    void openLog(MainWindow &window);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_log;
    QString m_markers;
};

void TestMarkerLoading::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"NightwattTests"_s);
    QCoreApplication::setApplicationName(u"tst_markerloading"_s);
}

void TestMarkerLoading::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("NIGHTWATT_LIBRARY", m_dir->filePath(u"library.sqlite"_s).toUtf8());
    m_log = writeFile(*m_dir, u"power.csv"_s, powerLog());
    m_markers = writeFile(*m_dir, u"phases.csv"_s, trainingMarkers());
    QVERIFY(!m_log.isEmpty() && !m_markers.isEmpty());
}

void TestMarkerLoading::openLog(MainWindow &window)
{
    window.openFiles({m_log});
    QTRY_VERIFY(window.dashboard()->run() && window.dashboard()->run()->log->path == m_log);
    QTRY_VERIFY(window.dashboard()->chart()->trace() == &window.dashboard()->run()->trace());
}

void TestMarkerLoading::loadMarkersPutsPhasesOnTheOpenRun()
{
    MainWindow window;
    openLog(window);
    QVERIFY(phaseLabels(window).isEmpty());
    PowerChart *chart = window.dashboard()->chart();
    chart->setVisibleIndices(50, 400);
    const std::shared_ptr<const LoadedLog> before = window.dashboard()->run()->log;

    window.loadMarkers({m_markers});
    QTRY_COMPARE(phaseLabels(window), (QStringList{u"epoch 1"_s, u"eval"_s, u"epoch 2"_s}));
    // The figures follow: epoch 1 is 150 s at 200 W.
    const PhaseFigures &epoch1 = window.dashboard()->run()->phases.at(0);
    QCOMPARE(epoch1.durationS, 150.0);
    QCOMPARE(epoch1.meanW, 200.0);
    QVERIFY(window.dashboard()->phasesPanel()->table()->model()->rowCount() == 3);
    // The chart draws the new run's markers and keeps the zoom the person chose.
    QCOMPARE(chart->trace(), &window.dashboard()->run()->trace());
    QCOMPARE(chart->trace()->markers().size(), 3);
    QCOMPARE(chart->visibleIndices(), (std::pair<double, double>{50, 400}));
    // The run that was shown is not changed under the chart and the library: a new one is shown.
    QVERIFY(before->trace.markers().isEmpty());
    QCOMPARE(window.issuesModel()->rowCount(), 0);
    QVERIFY2(window.statusBar()->currentMessage().contains(u"3 markers from phases.csv"_s), qPrintable(window.statusBar()->currentMessage()));
}

void TestMarkerLoading::badLinesAreIssuesWithFileAndLine()
{
    MainWindow window;
    openLog(window);
    const QString marked = writeFile(*m_dir, u"marked.csv"_s, trainingMarkers() + "soon,start,epoch 3\n" + markerLine(550, "stop", "epoch 9"));
    window.loadMarkers({marked});
    QTRY_COMPARE(phaseLabels(window).size(), 3);
    QCOMPARE(issueRows(*window.issuesModel()),
             (QStringList{marked + u":8: time \"soon\" is not a date, epoch seconds or elapsed seconds; line left out"_s,
                          marked + u":9: stop of \"epoch 9\" without a start; line left out"_s}));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"2 issues, see Issues"_s), qPrintable(window.statusBar()->currentMessage()));

    // A file that is not a marker file at all (loaded from the menu, not sniffed) is one error.
    window.loadMarkers({m_log});
    QTRY_VERIFY(issueRows(*window.issuesModel()).contains(m_log + u":1: error: not a marker file: the first line must be the header time,event,label"_s));
    QCOMPARE(phaseLabels(window).size(), 3);
}

void TestMarkerLoading::markersOnAnotherClockSayTheOffset()
{
    MainWindow window;
    openLog(window);
    // Written in UTC against a log in local time five hours behind.
    const QString utc = writeFile(*m_dir, u"utc.csv"_s, trainingMarkers(5 * 3600));
    window.loadMarkers({utc});
    const QString offset = u"the markers lie 4 h 51 min after the log's end (they begin 5 h 1 min after its start): another clock or time zone?"_s;
    QTRY_VERIFY2(issueRows(*window.issuesModel()).contains(utc + u":0: "_s + offset), qPrintable(issueRows(*window.issuesModel()).join(u'\n')));
    QVERIFY(window.findChild<QDockWidget *>(u"issuesDock"_s)->isVisibleTo(&window));
    // Said where the person looks, not only in the list.
    QVERIFY2(window.statusBar()->currentMessage().contains(offset), qPrintable(window.statusBar()->currentMessage()));
}

void TestMarkerLoading::droppedWithItsLogTheMarkersFollowTheLog()
{
    MainWindow window;
    // Named as the other would be: sniffing tells them apart, not the names.
    const QString markers = writeFile(*m_dir, u"gpu-power.txt"_s, trainingMarkers());
    const QString log = writeFile(*m_dir, u"markers.csv"_s, powerLog());
    drop(window, {markers, log});
    QTRY_COMPARE(phaseLabels(window), (QStringList{u"epoch 1"_s, u"eval"_s, u"epoch 2"_s}));
    QCOMPARE(window.dashboard()->run()->log->path, log);
    QCOMPARE(window.issuesModel()->rowCount(), 0);
}

void TestMarkerLoading::droppedOnAnOpenRunTheMarkersGoOntoIt()
{
    MainWindow window;
    openLog(window);
    drop(window, {m_markers});
    QTRY_COMPARE(phaseLabels(window).size(), 3);
    QCOMPARE(window.dashboard()->run()->log->path, m_log);
}

void TestMarkerLoading::markerFileAloneAsksForALogFirst()
{
    MainWindow window;
    drop(window, {m_markers});
    QCOMPARE(issueRows(*window.issuesModel()),
             (QStringList{m_markers + u":0: error: a marker file holds the phases of a run, not its power: open the run's log first, "
                                      "then load the markers onto it (File ▸ Load Markers…, or drop both together)"_s}));
    QVERIFY(window.statusBar()->currentMessage().startsWith(u"Open a log first"_s));
    // Not read as a log (it has none of a log's power).
    QTest::qWait(50);
    QVERIFY(!window.dashboard()->run());
    QVERIFY(!window.loader()->isBusy());
    QCOMPARE(window.issuesModel()->rowCount(), 1);
}

void TestMarkerLoading::theSameFileTwiceAddsNothing()
{
    MainWindow window;
    openLog(window);
    window.loadMarkers({m_markers, m_markers});
    QTRY_COMPARE(phaseLabels(window).size(), 3);
    window.loadMarkers({m_markers});
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(u"No new markers in phases.csv"_s));
    QCOMPARE(phaseLabels(window).size(), 3);
}

QTEST_MAIN(TestMarkerLoading)
#include "tst_markerloading.moc"
