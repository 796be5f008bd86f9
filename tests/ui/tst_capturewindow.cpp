#include "capturecontroller.h"
#include "capturedialog.h"
#include "capturesession.h"
#include "charts/powerchart.h"
#include "dashboard.h"
#include "issuesmodel.h"
#include "mainwindow.h"
#include "panels/chartpanel.h"
#include "scenariomodel.h"

#include "library/runlibrary.h"
#include "panels/runlistpanel.h"
#include "runlibrarymodel.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QRegularExpression>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QGraphicsView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace nightwatt;

// Live capture in the window, offscreen, with tests/fixtures/fake_sampler as a real child process.
class TestCaptureWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void captureRunsShowsAndStores();
    void captureIsListedWhileItRuns();
    void chartRedrawsAtMost25TimesASecond();
    void zoomingStopsFollowingAndFollowReturns();
    void killedSamplerIsShown();
    void closingTheWindowKeepsTheCapture();
    void dialogBuildsTheSpec();
    void badSourceIsSaidAndNothingStarts();
    void dialogNeverReplacesAFileUnasked();
    void markerFileFromTheDialogReachesTheRun();
    void captureTheLibraryCouldNotStoreIsAnIssue();
    void markerFileIsFollowedWhileCapturing();

private:
    static LiveSourceSpec fakeSampler(int count, int intervalMs, const QStringList &more = {});
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCaptureWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NightwattTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_capturewindow"));
}

void TestCaptureWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // The window's captures go to LibraryConnection::defaultPath(): this test's own library.
    qputenv("NIGHTWATT_LIBRARY", libraryPath().toLocal8Bit());
}

LiveSourceSpec TestCaptureWindow::fakeSampler(int count, int intervalMs, const QStringList &more)
{
    LiveSourceSpec spec;
    spec.program = QStringList{QStringLiteral(NIGHTWATT_FAKE_SAMPLER), QStringLiteral("--count"), QString::number(count),
                               QStringLiteral("--interval-ms"), QString::number(intervalMs)}
        + more;
    return spec;
}

// Start: samples arrive in the chart and the side panels; the status bar says running with the
// elapsed time and sample count; stop: it says stopped and the run is complete in the library.
void TestCaptureWindow::captureRunsShowsAndStores()
{
    MainWindow window;
    window.show();
    CaptureController *capture = window.capture();
    QVERIFY(capture->startAction()->isEnabled());
    QVERIFY(!capture->stopAction()->isEnabled());
    // The Capture menu sits before Help.
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus << action->text().remove(u'&');
    QVERIFY2(menus.indexOf(QStringLiteral("Capture")) >= 0 && menus.indexOf(QStringLiteral("Capture")) < menus.indexOf(QStringLiteral("Help")),
             qPrintable(menus.join(u',')));

    QVERIFY(capture->start(fakeSampler(0, 50)));
    QVERIFY(!capture->startAction()->isEnabled());
    QVERIFY(capture->stopAction()->isEnabled());
    CaptureSession *session = capture->session();
    QCOMPARE(window.dashboard()->chart()->trace(), &session->trace());
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= 10, 10000);
    QVERIFY(window.dashboard()->chart()->pointsDrawn() > 0);
    QVERIFY(window.findChild<QAction *>(QStringLiteral("followLive"))->isChecked());
    // The side panels get the run's figures (from a pool thread, once a second).
    QTRY_VERIFY_WITH_TIMEOUT(window.scenarioModel()->measurement() && window.scenarioModel()->measurement()->samples >= 10, 5000);
    QVERIFY2(window.findChild<QLabel *>(QStringLiteral("channelMeans"))->text().contains(QStringLiteral("CPU")),
             qPrintable(window.findChild<QLabel *>(QStringLiteral("channelMeans"))->text()));
    QTRY_VERIFY_WITH_TIMEOUT(capture->statusText().contains(QStringLiteral("in the library")), 5000);
    const QString running = capture->statusLabel()->text();
    QVERIFY2(running.startsWith(QStringLiteral("● Capture: running · 0:00:0")), qPrintable(running));
    QVERIFY2(running.contains(QStringLiteral(" samples · run:1 in the library")), qPrintable(running));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("runSubtitle"))->text().contains(QStringLiteral("format: powermetrics-text")));
    // To look at it: NIGHTWATT_SCREENSHOT_DIR=DIR keeps what the window showed.
    if (const QString dir = qEnvironmentVariable("NIGHTWATT_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(1500);
        window.grab().save(dir + QStringLiteral("/capture-running.png"));
    }

    QSignalSpy ended(capture, &CaptureController::captureEnded);
    capture->stopAction()->trigger();
    QVERIFY(ended.wait(10000));
    const qsizetype samples = session->trace().size();
    const QString stopped = capture->statusLabel()->text();
    QVERIFY2(stopped.startsWith(QStringLiteral("Capture: stopped · 0:00:0")), qPrintable(stopped));
    QVERIFY2(stopped.endsWith(QStringLiteral(" samples · stored as run:1")), qPrintable(stopped));
    QVERIFY(capture->startAction()->isEnabled());
    QVERIFY(!capture->stopAction()->isEnabled());
    QVERIFY(capture->statusLabel()->isVisible());
    if (const QString dir = qEnvironmentVariable("NIGHTWATT_SCREENSHOT_DIR"); !dir.isEmpty())
        window.grab().save(dir + QStringLiteral("/capture-stopped.png"));

    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const auto run = library.run(1);
    QVERIFY(run);
    QCOMPARE(run->kind, RunKind::Captured);
    QCOMPARE(run->status, RunStatus::Complete);
    QCOMPARE(run->samples, samples);
    // The last figures, computed once the capture ended, are the whole run's.
    QTRY_COMPARE_WITH_TIMEOUT(window.scenarioModel()->measurement()->samples, samples, 5000);
}

// fake_sampler prints every 2 ms (500 samples a second): the chart still redraws at most 25
// times a second, and it keeps up (it shows the newest samples within a frame or two).
void TestCaptureWindow::chartRedrawsAtMost25TimesASecond()
{
    MainWindow window;
    window.show();
    QVERIFY(window.capture()->start(fakeSampler(0, 2)));
    CaptureSession *session = window.capture()->session();
    PowerChart *chart = window.dashboard()->chart();
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= 50, 10000);
    const qint64 redrawsBefore = chart->redrawCount();
    const qsizetype samplesBefore = session->trace().size();
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(2000);
    const qint64 redraws = chart->redrawCount() - redrawsBefore;
    const double seconds = double(clock.elapsed()) / 1000.0;
    const qsizetype samples = session->trace().size() - samplesBefore;
    qInfo("%lld samples and %lld redraws in %.2f s: %.1f redraws/s", qlonglong(samples), qlonglong(redraws), seconds,
          double(redraws) / seconds);
    QVERIFY(samples > 200);                       // ~1000 arrived
    QVERIFY(redraws >= 5);                        // it does redraw
    QVERIFY(double(redraws) <= 25.0 * seconds + 2); // 40 ms apart at least (+2 for the edges)
    window.capture()->stop();
    QTRY_VERIFY_WITH_TIMEOUT(session->hasEnded(), 10000);
}

void TestCaptureWindow::zoomingStopsFollowingAndFollowReturns()
{
    MainWindow window;
    window.show();
    QVERIFY(window.capture()->start(fakeSampler(0, 20)));
    CaptureSession *session = window.capture()->session();
    PowerChart *chart = window.dashboard()->chart();
    QAction *follow = window.findChild<QAction *>(QStringLiteral("followLive"));
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= 40, 10000);

    // A zoomed-in view while following keeps its width and moves with the newest sample.
    const double last = double(session->trace().size() - 1);
    chart->setVisibleIndices(last - 20, last);
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= qsizetype(last) + 20, 10000);
    QTest::qWait(100);
    auto [b, e] = chart->visibleIndices();
    QCOMPARE(qRound(e - b), 20);
    QVERIFY2(e >= last + 15, qPrintable(QStringLiteral("%1 vs %2").arg(e).arg(last)));
    QVERIFY(chart->isFollowing());

    // The person pans: free zoom, the view stays where it was put.
    auto *view = chart->findChild<QGraphicsView *>();
    QVERIFY(view);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Left);
    QVERIFY(!chart->isFollowing());
    QVERIFY(!follow->isChecked());
    const auto frozen = chart->visibleIndices();
    const qsizetype sizeNow = session->trace().size();
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= sizeNow + 10, 10000);
    QTest::qWait(100);
    QCOMPARE(chart->visibleIndices(), frozen);

    // Follow again: the same width, ending at the newest sample.
    follow->trigger();
    QVERIFY(chart->isFollowing());
    QTest::qWait(100);
    std::tie(b, e) = chart->visibleIndices();
    QVERIFY2(e >= double(session->trace().size() - 3), qPrintable(QStringLiteral("%1 of %2").arg(e).arg(session->trace().size())));
    window.capture()->stop();
    QTRY_VERIFY_WITH_TIMEOUT(session->hasEnded(), 10000);
}

// The Runs dock lists a capture made in the window as soon as the library holds it, capturing,
// and then as it ended: complete after stop, interrupted when the sampler was killed.
void TestCaptureWindow::captureIsListedWhileItRuns()
{
    MainWindow window;
    window.show();
    const RunLibraryModel *runs = window.runList()->model();
    const auto statusOfRun1 = [runs] {
        const int row = runs->rowOf(1);
        return row < 0 ? std::optional<RunStatus>() : std::optional<RunStatus>(runs->at(row).status);
    };
    QVERIFY(window.capture()->start(fakeSampler(0, 50)));
    QTRY_VERIFY_WITH_TIMEOUT(statusOfRun1() == RunStatus::Capturing, 5000);
    QSignalSpy ended(window.capture(), &CaptureController::captureEnded);
    window.capture()->stop();
    QVERIFY(ended.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(statusOfRun1() == RunStatus::Complete, 5000);

    QVERIFY(window.capture()->start(fakeSampler(5, 20, {QStringLiteral("--die-with"), QString::number(SIGKILL)})));
    QVERIFY(ended.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(2) >= 0 && runs->at(runs->rowOf(2)).status == RunStatus::Interrupted, 5000);
}

// The sampler dies of SIGKILL after 5 samples: the status bar says so (in red), the 5 samples are
// in the library, and the run is interrupted.
void TestCaptureWindow::killedSamplerIsShown()
{
    MainWindow window;
    window.show();
    QSignalSpy ended(window.capture(), &CaptureController::captureEnded);
    QVERIFY(window.capture()->start(fakeSampler(5, 20, {QStringLiteral("--die-with"), QString::number(SIGKILL)})));
    QVERIFY(ended.wait(10000));
    const QString text = window.capture()->statusLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("Capture: killed by signal 9 (SIGKILL) · ")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral(" · 5 samples · stored as run:1")), qPrintable(text));
    QVERIFY(window.capture()->statusLabel()->styleSheet().contains(QStringLiteral("#b22")));
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QCOMPARE(library.run(1)->status, RunStatus::Interrupted);
    QCOMPARE(library.run(1)->samples, 5);
}

// Closing the window mid-capture stops the sampler and stores the run before the window goes.
void TestCaptureWindow::closingTheWindowKeepsTheCapture()
{
    qsizetype shown = 0;
    {
        MainWindow window;
        window.show();
        QVERIFY(window.capture()->start(fakeSampler(0, 20)));
        QTRY_VERIFY_WITH_TIMEOUT(window.capture()->session()->trace().size() >= 10, 10000);
        window.close();
        QVERIFY(window.capture()->session()->hasEnded());
        shown = window.capture()->session()->trace().size();
    }
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    QCOMPARE(library.run(1)->status, RunStatus::Complete);
    QCOMPARE(library.run(1)->samples, shown);
}

void TestCaptureWindow::dialogBuildsTheSpec()
{
    CaptureDialog dialog;
    dialog.setKind(CaptureDialog::Program);
    dialog.setProgram(QStringLiteral("sampler --label \"two words\" -i 5")); // QProcess::splitCommand: double quotes group
    LiveSourceSpec spec = dialog.spec();
    QCOMPARE(spec.program, (QStringList{QStringLiteral("sampler"), QStringLiteral("--label"), QStringLiteral("two words"),
                                        QStringLiteral("-i"), QStringLiteral("5")}));
    QCOMPARE(dialog.commandLine(), QStringLiteral("nightwatt capture -- sampler --label 'two words' -i 5"));
    QVERIFY(dialog.problem().isEmpty());

    dialog.setKind(CaptureDialog::Replay);
    dialog.setPath(QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt"));
    dialog.setSpeed(4);
    spec = dialog.spec();
    QCOMPARE(spec.source, QStringLiteral("replay:" NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt"));
    QCOMPARE(*spec.speed, 4.0);
    QVERIFY(dialog.problem().isEmpty());
    dialog.setPath(m_dir->filePath(QStringLiteral("missing.txt")));
    QVERIFY2(dialog.problem().endsWith(QStringLiteral("missing.txt is not a file.")), qPrintable(dialog.problem()));

    dialog.setKind(CaptureDialog::NvidiaSmi);
    dialog.setIntervalMs(500);
    dialog.setOutputPath(QStringLiteral("/tmp/gpu run.csv"));
    QCOMPARE(dialog.commandLine(), QStringLiteral("nightwatt capture --source nvidia-smi --interval-ms 500 -o '/tmp/gpu run.csv'"));
    QCOMPARE(dialog.outputPath(), QStringLiteral("/tmp/gpu run.csv"));

    dialog.setKind(CaptureDialog::CommandLine);
    dialog.setSourceText(QStringLiteral("gpu"));
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("unknown source \"gpu\"")), qPrintable(dialog.problem()));
    dialog.setSourceText(QStringLiteral("follow:/tmp/run.txt"));
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(dialog.spec().source, QStringLiteral("follow:/tmp/run.txt"));

    // Prometheus: the server and a preset or PromQL with its unit, the same options as the CLI.
    dialog.setOutputPath({});
    dialog.setKind(CaptureDialog::Prometheus);
    dialog.setPrometheus(QStringLiteral("http://127.0.0.1:9090"), QStringLiteral("dcgm"));
    QVERIFY2(dialog.problem().contains(QStringLiteral("prom+http://HOST:PORT")), qPrintable(dialog.problem()));
    dialog.setPrometheus(QStringLiteral("prom+http://127.0.0.1:9090"), QStringLiteral("sum(my_power_milliwatts)"), QStringLiteral("mW"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    spec = dialog.spec();
    QCOMPARE(spec.source, QStringLiteral("prom+http://127.0.0.1:9090"));
    QCOMPARE(spec.prometheus.query, QStringLiteral("sum(my_power_milliwatts)"));
    QCOMPARE(spec.prometheus.unit, QStringLiteral("mW"));
    QCOMPARE(dialog.commandLine(), QStringLiteral("nightwatt capture --source prom+http://127.0.0.1:9090 --interval-ms 500 "
                                                  "--query 'sum(my_power_milliwatts)' --unit mW"));
    dialog.setPrometheus(QStringLiteral("prom+http://127.0.0.1:9090"), QString());
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("Choose a preset")), qPrintable(dialog.problem()));

    // powermetrics as an ordinary user: Start is off, and the dialog says what to do instead
    // (sudo in a terminal, follow a file powermetrics writes, or a sudoers rule); no password.
    dialog.setSamplerEnvironment(SamplerEnvironment{false});
    dialog.setKind(CaptureDialog::Powermetrics);
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("powermetrics only runs as root, and Nightwatt never asks for, passes or stores a password")),
             qPrintable(dialog.problem()));
    QVERIFY(dialog.problem().contains(QStringLiteral("sudo nightwatt capture --source powermetrics --interval-ms 500")));
    QVERIFY(dialog.problem().contains(QStringLiteral("NOPASSWD: /usr/bin/powermetrics")));
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("captureNote"))->text(), dialog.problem());
    // As root, with powermetrics where a Mac has it (a stand-in on PATH), nothing stands in the way.
    QVERIFY(QFile::copy(QStringLiteral(NIGHTWATT_FAKE_SAMPLER), m_dir->filePath(QStringLiteral("powermetrics"))));
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(m_dir->path()));
    dialog.setSamplerEnvironment(SamplerEnvironment{true});
    qputenv("PATH", path);
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog.setSamplerEnvironment(SamplerEnvironment{false});

    if (const QString dir = qEnvironmentVariable("NIGHTWATT_SCREENSHOT_DIR"); !dir.isEmpty()) {
        dialog.setKind(CaptureDialog::Program);
        dialog.show();
        QTest::qWait(200);
        dialog.grab().save(dir + QStringLiteral("/capture-dialog.png"));
        dialog.setKind(CaptureDialog::Powermetrics);
        QTest::qWait(100);
        dialog.grab().save(dir + QStringLiteral("/capture-dialog-powermetrics.png"));
    }
    // Nothing in the dialog takes a password.
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>())
        QVERIFY(edit->echoMode() == QLineEdit::Normal);
}

void TestCaptureWindow::badSourceIsSaidAndNothingStarts()
{
    MainWindow window;
    LiveSourceSpec spec;
    spec.source = QStringLiteral("gpu");
    QVERIFY(!window.capture()->start(spec));
    QVERIFY(!window.capture()->session());
    QVERIFY(window.capture()->startAction()->isEnabled());
}

// An output file that holds data is replaced only when the person says so; the log being
// replayed (or the run library) cannot be the output at all.
void TestCaptureWindow::dialogNeverReplacesAFileUnasked()
{
    const QString out = m_dir->filePath(QStringLiteral("last-week.txt"));
    {
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("last week's capture\n");
    }
    const QString log = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt");
    CaptureDialog dialog;
    dialog.setLibraryPath(libraryPath());
    dialog.setKind(CaptureDialog::Replay);
    dialog.setPath(log);
    dialog.setOutputPath(out);
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(dialog.commandLine().endsWith(QStringLiteral(" --overwrite"))); // the same answer in a terminal

    QString asked;
    const auto answerNextQuestion = [&asked](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, [&asked, button] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(button)->click();
            }
        });
    };
    dialog.show();
    answerNextQuestion(QMessageBox::No);
    dialog.accept();
    QVERIFY2(asked.contains(out), qPrintable(asked));
    QVERIFY(dialog.isVisible()); // not started: the person chooses another file or says yes
    asked.clear();
    answerNextQuestion(QMessageBox::Yes);
    dialog.accept();
    QVERIFY(!asked.isEmpty());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    dialog.setOutputPath(log);
    QVERIFY2(dialog.problem().contains(QStringLiteral("which this capture reads or writes")), qPrintable(dialog.problem()));
    dialog.setOutputPath(libraryPath());
    QVERIFY2(dialog.problem().contains(QStringLiteral("which this capture reads or writes")), qPrintable(dialog.problem()));
}

// The dialog's marker file (not there yet when the capture starts) is followed: its phases reach
// the chart's trace while capturing and the run in the library, and a phase still open at the
// end is closed at the capture's last sample, with an issue saying so.
void TestCaptureWindow::markerFileFromTheDialogReachesTheRun()
{
    const QString markers = m_dir->filePath(QStringLiteral("phases.csv"));
    CaptureDialog dialog;
    dialog.setLibraryPath(libraryPath());
    dialog.setKind(CaptureDialog::Program);
    dialog.setProgram(QStringLiteral(NIGHTWATT_FAKE_SAMPLER " --count 0 --interval-ms 50"));
    auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("captureMarkers"));
    QVERIFY(field);
    QVERIFY(field->isVisibleTo(&dialog));
    field->setText(m_dir->path());
    QVERIFY2(dialog.problem().contains(QStringLiteral("is a folder")), qPrintable(dialog.problem()));
    field->clear();
    QTest::keyClicks(field, markers);
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QCOMPARE(dialog.spec().markerFile, markers);
    QVERIFY2(dialog.commandLine().contains(QStringLiteral(" --markers ") + markers + u' '), qPrintable(dialog.commandLine()));

    MainWindow window;
    window.show();
    CaptureController *capture = window.capture();
    QVERIFY(capture->start(dialog.spec()));
    CaptureSession *session = capture->session();
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= 5, 10000);
    {
        // Seconds from the first sample: fake_sampler's clock is a fixed day in 2026.
        QFile file(markers);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("time,event,label\n0.1,start,epoch 1\n0.2,stop,epoch 1\n0.25,mark,checkpoint\n0.3,start,epoch 2\n");
    }
    // epoch 1 and the checkpoint, and epoch 2 open from its start.
    QTRY_COMPARE_WITH_TIMEOUT(session->trace().markers().size(), qsizetype(3), 5000);
    QVERIFY(session->trace().markers().last().open);
    QSignalSpy ended(capture, &CaptureController::captureEnded);
    capture->stopAction()->trigger();
    QVERIFY(ended.wait(10000));

    const Trace &shown = session->trace();
    const double firstS = shown.startS();
    const QList<Marker> expected = {{MarkerKind::Epoch, QStringLiteral("epoch 1"), firstS + 0.1, firstS + 0.2},
                                    {MarkerKind::Marker, QStringLiteral("checkpoint"), firstS + 0.25, std::nullopt},
                                    {MarkerKind::Epoch, QStringLiteral("epoch 2"), firstS + 0.3, shown.endS()}};
    QCOMPARE(shown.markers(), expected);
    RunLibrary library;
    QVERIFY(library.open(libraryPath()));
    const LoadedLog run = library.loadRun(session->libraryRunId());
    QVERIFY2(run.ok(), qPrintable(run.error));
    QCOMPARE(run.trace.markers(), expected);
    QStringList issues;
    for (const ParseIssue &issue : run.issues)
        issues << issue.message;
    QVERIFY2(issues.contains(QStringLiteral("marker file phases.csv, line 5: \"epoch 2\" has no stop; closed at the log's end")),
             qPrintable(issues.join(u'\n')));
}

// Another program locks the library mid-capture to its end: the run cannot be stored whole, and
// the Issues panel says how much of it the library keeps.
void TestCaptureWindow::captureTheLibraryCouldNotStoreIsAnIssue()
{
    MainWindow window;
    window.show();
    CaptureController *capture = window.capture();
    QSignalSpy ended(capture, &CaptureController::captureEnded);
    QVERIFY(capture->start(fakeSampler(30, 100)));
    QTRY_VERIFY_WITH_TIMEOUT(capture->statusText().contains(QStringLiteral("run:1 in the library")), 10000);
    QTest::qWait(700); // a commit
    QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
    holder.setDatabaseName(libraryPath());
    QVERIFY(holder.open());
    {
        QSqlQuery q(holder);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(ended.wait(30000));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    }
    holder.close();
    holder = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    const IssuesModel *issues = window.issuesModel();
    QStringList messages;
    for (int row = 0; row < issues->rowCount(); ++row)
        messages << issues->data(issues->index(row, IssuesModel::MessageColumn)).toString();
    QVERIFY2(messages.join(u'\n').contains(QRegularExpression(QStringLiteral(
                 "run library: the run library could not store the whole capture: run:1 keeps \\d+ of its 30 samples and is marked interrupted"))),
             qPrintable(messages.join(u'\n')));
}

// A marker file loaded onto a running capture is read as the training script appends to it: the
// phase is open from its start, closes at its stop, and a bad line is an issue with its line.
void TestCaptureWindow::markerFileIsFollowedWhileCapturing()
{
    MainWindow window;
    window.show();
    QVERIFY(window.capture()->start(fakeSampler(0, 20)));
    CaptureSession *session = window.capture()->session();
    QTRY_VERIFY_WITH_TIMEOUT(session->trace().size() >= 5, 10000);
    const QString path = m_dir->filePath(QStringLiteral("markers.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    file.write("time,event,label\n0.02,start,epoch 1\n");
    window.loadMarkers({path});
    const auto markers = [&] { return session->trace().markers(); };
    QTRY_COMPARE_WITH_TIMEOUT(markers().size(), qsizetype(1), 5000);
    QVERIFY(markers().first().open);
    QCOMPARE(markers().first().label, QStringLiteral("epoch 1"));
    QCOMPARE(markers().first().startS, session->trace().startS() + 0.02);

    file.write("0.04,stop,epoch 1\nlater,mark,checkpoint\n");
    QTRY_VERIFY_WITH_TIMEOUT(markers().size() == 1 && !markers().first().open, 5000);
    QCOMPARE(markers().first().endS, std::optional<double>(session->trace().startS() + 0.04));
    const auto markerIssueLines = [&] {
        QStringList lines;
        IssuesModel *issues = window.issuesModel();
        for (int row = 0; row < issues->rowCount(); ++row) {
            if (issues->index(row, IssuesModel::FileColumn).data(Qt::ToolTipRole).toString() == path)
                lines << issues->index(row, IssuesModel::LineColumn).data().toString();
        }
        return lines;
    };
    QTRY_COMPARE_WITH_TIMEOUT(markerIssueLines(), QStringList{QStringLiteral("4")}, 5000);

    // A phase still open when the capture stops closes at its last sample.
    file.write("0.06,start,eval\n");
    QTRY_COMPARE_WITH_TIMEOUT(markers().size(), qsizetype(2), 5000);
    QSignalSpy ended(window.capture(), &CaptureController::captureEnded);
    window.capture()->stopAction()->trigger();
    QVERIFY(ended.wait(10000));
    QCOMPARE(markers().size(), qsizetype(2));
    QVERIFY(!markers().last().open);
    QCOMPARE(markers().last().endS, std::optional<double>(session->trace().endS()));
}

QTEST_MAIN(TestCaptureWindow)
#include "tst_capturewindow.moc"
