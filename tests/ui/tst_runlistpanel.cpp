#include "dashboard.h"
#include "issuesmodel.h"
#include "library/libraryclient.h"
#include "library/runlibrary.h"
#include "mainwindow.h"
#include "panels/runlistpanel.h"
#include "runlibrarymodel.h"
#include "runscenariokeeper.h"
#include "scenariomodel.h"

#include "analysis/tracestats.h"
#include "io/logloader.h"

#include <QAbstractItemModelTester>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace nightwatt;

namespace {

// 100 W every 6 s for 36 s: 100 W × 36 s = 3600 J = 1 Wh.
const QByteArray kOneWh = "time_s,power_w\n0,100\n6,100\n12,100\n18,100\n24,100\n30,100\n36,100\n";
// 250 W every 12 s for 72 s: 250 W × 72 s = 18000 J = 5 Wh.
const QByteArray kFiveWh = "time_s,power_w\n0,250\n12,250\n24,250\n36,250\n48,250\n60,250\n72,250\n";
const QString kRealLog = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m4-mac16_6-macos15-binsquare.txt");

const QChar kUnitSpace(0x202F);

QString cell(RunLibraryModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

} // namespace

class TestRunListPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void openedFilesAreListedWithTheirFigures();
    void renameInPlacePersists();
    void deleteAsksAndRemoves();
    void searchAndSort();
    void refreshShowsRunsAddedElsewhere();
    void scenarioFollowsItsRun();
    void reopenedFileRestoresItsScenario();
    void unusableLibraryIsSaidOnce();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    // Opens both CSV files in `window` and waits until the list holds them.
    void openBoth(MainWindow &window);
    int rowNamed(MainWindow &window, const QString &name);
    void openFromList(MainWindow &window, const QString &name);
    static void type(QWidget *root, const char *name, double value);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_library;
    QString m_one;
    QString m_five;
};

void TestRunListPanel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NightwattTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runlistpanel"));
}

void TestRunListPanel::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = m_dir->filePath(QStringLiteral("library.sqlite"));
    m_one = writeFile(QStringLiteral("one-wh.csv"), kOneWh);
    m_five = writeFile(QStringLiteral("five-wh.csv"), kFiveWh);
}

QString TestRunListPanel::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestRunListPanel::type(QWidget *root, const char *name, double value)
{
    auto *spin = root->findChild<QDoubleSpinBox *>(QString::fromLatin1(name));
    QVERIFY2(spin, name);
    spin->setValue(value);
}

void TestRunListPanel::openBoth(MainWindow &window)
{
    window.openFiles({m_one, m_five});
    QTRY_COMPARE(window.runList()->count(), 2);
    // The last file opened is on the dashboard and, once kept, marked as the library's run.
    QTRY_VERIFY(window.scenarioKeeper()->currentRun() != 0);
    QCOMPARE(window.dashboard()->run()->log->path, m_five);
}

int TestRunListPanel::rowNamed(MainWindow &window, const QString &name)
{
    RunLibraryModel *model = window.runList()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->at(row).name == name)
            return row;
    }
    return -1;
}

// As a person does it: select the row, press Enter.
void TestRunListPanel::openFromList(MainWindow &window, const QString &name)
{
    const int row = rowNamed(window, name);
    QVERIFY(row >= 0);
    window.runList()->selectRun(window.runList()->model()->at(row).id);
    QTest::keyClick(window.runList()->view(), Qt::Key_Return);
    QTRY_COMPARE(window.scenarioModel()->runTitle(), name);
}

void TestRunListPanel::openedFilesAreListedWithTheirFigures()
{
    MainWindow window(m_library);
    QAbstractItemModelTester tester(window.runList()->model());
    window.openFiles({m_one, m_five, kRealLog});
    QTRY_COMPARE(window.runList()->count(), 3);
    RunLibraryModel *model = window.runList()->model();
    const int one = rowNamed(window, QStringLiteral("one-wh.csv"));
    const int five = rowNamed(window, QStringLiteral("five-wh.csv"));
    QVERIFY(one >= 0 && five >= 0);
    QCOMPARE(cell(model, one, RunLibraryModel::EnergyColumn), QStringLiteral("1.00"));
    QCOMPARE(cell(model, five, RunLibraryModel::EnergyColumn), QStringLiteral("5.00"));
    QCOMPARE(cell(model, one, RunLibraryModel::DurationColumn), QStringLiteral("36.0") + kUnitSpace + u's');
    QCOMPARE(cell(model, five, RunLibraryModel::DurationColumn), QStringLiteral("72.0") + kUnitSpace + u's');
    QCOMPARE(cell(model, one, RunLibraryModel::FormatColumn), QStringLiteral("csv"));
    QVERIFY(model->index(one, RunLibraryModel::FormatColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("CSV with a time column")));
    QCOMPARE(cell(model, one, RunLibraryModel::StatusColumn), QStringLiteral("complete"));
    // No clock in the file: the date is when it entered the library, today.
    QVERIFY(cell(model, one, RunLibraryModel::DateColumn).startsWith(QDate::currentDate().toString(Qt::ISODate)));
    QCOMPARE(model->headerData(RunLibraryModel::EnergyColumn, Qt::Horizontal).toString(), QStringLiteral("Energy (Wh)"));

    // The real log: the same energy `summary` reports (analyzeTrace of the file), to 2 decimals.
    const int real = rowNamed(window, QStringLiteral("powermetrics-m4-mac16_6-macos15-binsquare.txt"));
    QVERIFY(real >= 0);
    const TraceStats stats = analyzeTrace(LogLoader::loadFile(kRealLog).trace);
    QVERIFY(stats.total.energyWh && *stats.total.energyWh > 0);
    const double wh = *stats.total.energyWh;
    QCOMPARE(cell(model, real, RunLibraryModel::EnergyColumn),
             wh >= 1 ? QLocale().toString(wh, 'f', 2) : QLocale().toString(wh, 'g', 3));
    QCOMPARE(cell(model, real, RunLibraryModel::FormatColumn), QStringLiteral("powermetrics-text"));
    // The shown run (the last opened) is the bold one.
    QTRY_VERIFY(model->index(real, 0).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model->index(one, 0).data(Qt::FontRole).value<QFont>().bold());

    // Opening the same bytes again adds nothing.
    window.openFiles({m_one});
    QTRY_COMPARE(window.runList()->model()->shownRun(), model->at(one).id);
    QCOMPARE(window.runList()->count(), 3);
}

void TestRunListPanel::renameInPlacePersists()
{
    qint64 id = 0;
    {
        MainWindow window(m_library);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        openBoth(window);
        const int row = rowNamed(window, QStringLiteral("one-wh.csv"));
        id = window.runList()->model()->at(row).id;
        window.runList()->selectRun(id);
        QTableView *view = window.runList()->view();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_F2);
        auto *editor = view->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Baseline, idle laptop"));
        // Listening before Enter: the library thread may answer while the list is being checked.
        QSignalSpy renamed(window.library(), &LibraryClient::runRenamed);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(window.runList()->model()->at(window.runList()->model()->rowOf(id)).name, QStringLiteral("Baseline, idle laptop"));
        // Enter committed the edit and did not open the run: the five-Wh run is still shown.
        QCOMPARE(window.dashboard()->run()->log->path, m_five);
        QTRY_COMPARE(renamed.count(), 1);
        QCOMPARE(renamed.first().at(0).toLongLong(), id);
    }
    RunLibrary library;
    QVERIFY(library.open(m_library));
    QCOMPARE(library.run(id)->name, QStringLiteral("Baseline, idle laptop"));
}

void TestRunListPanel::deleteAsksAndRemoves()
{
    qint64 id = 0;
    {
        MainWindow window(m_library);
        openBoth(window);
        QStringList asked;
        bool answer = false;
        window.runList()->setDeleteConfirmation([&](const QString &name) {
            asked.append(name);
            return answer;
        });
        id = window.runList()->model()->at(rowNamed(window, QStringLiteral("one-wh.csv"))).id;
        window.runList()->selectRun(id);
        QTableView *view = window.runList()->view();
        QTest::keyClick(view, Qt::Key_Delete); // answered No
        QCOMPARE(asked, QStringList{QStringLiteral("one-wh.csv")});
        answer = true;
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(asked.size(), 2);
        QTRY_COMPARE(window.runList()->count(), 1);
        QCOMPARE(window.runList()->model()->at(0).name, QStringLiteral("five-wh.csv"));
    }
    RunLibrary library;
    QVERIFY(library.open(m_library));
    QVERIFY(!library.run(id));
    QCOMPARE(library.runs().size(), 1);
}

void TestRunListPanel::searchAndSort()
{
    MainWindow window(m_library);
    openBoth(window);
    QTableView *view = window.runList()->view();
    QAbstractItemModel *shown = view->model();
    view->sortByColumn(RunLibraryModel::EnergyColumn, Qt::DescendingOrder);
    QCOMPARE(shown->index(0, RunLibraryModel::EnergyColumn).data().toString(), QStringLiteral("5.00"));
    view->sortByColumn(RunLibraryModel::DurationColumn, Qt::AscendingOrder);
    QCOMPARE(shown->index(0, RunLibraryModel::NameColumn).data().toString(), QStringLiteral("one-wh.csv"));
    QTest::keyClicks(window.runList()->searchBox(), QStringLiteral("FIVE"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, RunLibraryModel::NameColumn).data().toString(), QStringLiteral("five-wh.csv"));
    window.runList()->searchBox()->clear();
    QCOMPARE(shown->rowCount(), 2);
}

// A capture (another thread or program) adds runs; refresh() lists them and their status.
void TestRunListPanel::refreshShowsRunsAddedElsewhere()
{
    MainWindow window(m_library);
    openBoth(window);
    {
        RunLibrary other;
        QVERIFY(other.open(m_library));
        QVERIFY(other.importFile(writeFile(QStringLiteral("third.csv"), "time_s,power_w\n0,2\n1,2\n")).ok());
    }
    QCOMPARE(window.runList()->count(), 2);
    window.runList()->refresh();
    QTRY_COMPARE(window.runList()->count(), 3);
    const int row = rowNamed(window, QStringLiteral("third.csv"));
    // 2 W for 1 s = 2 J = 0.000556 Wh: three significant digits.
    QCOMPARE(cell(window.runList()->model(), row, RunLibraryModel::EnergyColumn), QStringLiteral("0.000556"));
}

// Change the runtime and the nights a week on run A, look at run B (nothing saved: the current
// assumptions, with B's own measured runtime), change B, go back to A: A's are back exactly.
void TestRunListPanel::scenarioFollowsItsRun()
{
    qint64 oneId = 0;
    {
        MainWindow window(m_library);
        openBoth(window);
        ScenarioModel *model = window.scenarioModel();
        openFromList(window, QStringLiteral("one-wh.csv"));
        QCOMPARE(model->inputs().runtimeMin, 36.0 / 60); // measured: 36 s
        oneId = window.scenarioKeeper()->currentRun();
        type(window.dashboard(), "runtimeMin", 123.25);
        type(window.dashboard(), "runsPerWeek", 3);

        openFromList(window, QStringLiteral("five-wh.csv"));
        QCOMPARE(model->inputs().runtimeMin, 72.0 / 60); // its own measured runtime
        QCOMPARE(model->runtimeSource(), ScenarioModel::RuntimeSource::Measured);
        QCOMPARE(model->inputs().runsPerWeek, 3.0); // nothing saved for it: the current assumptions
        type(window.dashboard(), "runsPerWeek", 6);

        QSignalSpy restored(window.scenarioKeeper(), &RunScenarioKeeper::restored);
        openFromList(window, QStringLiteral("one-wh.csv"));
        QTRY_COMPARE(restored.count(), 1);
        QCOMPARE(model->inputs().runtimeMin, 123.25);
        QCOMPARE(model->runtimeSource(), ScenarioModel::RuntimeSource::Typed);
        QCOMPARE(model->inputs().runsPerWeek, 3.0);
        QCOMPARE(model->inputs().meanPowerW, 100.0); // measured, unchanged
        QCOMPARE(model->powerSource(), ScenarioModel::PowerSource::Measured);
        // 100 W × 123.25 min = 205.42 Wh a run; × 3 × 52 = 32.045 kWh a year.
        QCOMPARE(qRound(model->result().kwhPerYear * 1000), 32045);

        openFromList(window, QStringLiteral("five-wh.csv"));
        QTRY_COMPARE(model->inputs().runsPerWeek, 6.0);
        QCOMPARE(model->inputs().runtimeMin, 72.0 / 60);
    }
    // Kept in the library for next time.
    RunLibrary library;
    QVERIFY(library.open(m_library));
    const QList<SavedScenario> saved = library.scenarios(oneId);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().inputs.runtimeMin, 123.25);
    QCOMPARE(saved.first().inputs.runsPerWeek, 3.0);
}

// Weeks later: a new window, the same file opened from disk again.
void TestRunListPanel::reopenedFileRestoresItsScenario()
{
    {
        MainWindow window(m_library);
        openBoth(window); // five-wh.csv shown
        type(window.dashboard(), "runtimeMin", 600);
        type(window.dashboard(), "pue", 1.4);
    } // closed within the save delay: the edit is written on the way out
    QSettings().clear(); // the window's own memory of the assumptions is not what restores them
    MainWindow window(m_library);
    QSignalSpy restored(window.scenarioKeeper(), &RunScenarioKeeper::restored);
    window.openFiles({m_five});
    QTRY_COMPARE(restored.count(), 1);
    QCOMPARE(window.scenarioModel()->inputs().runtimeMin, 600.0);
    QCOMPARE(window.scenarioModel()->inputs().pue, 1.4);
    QCOMPARE(window.runList()->count(), 2);
}

void TestRunListPanel::unusableLibraryIsSaidOnce()
{
    const QString broken = writeFile(QStringLiteral("broken.sqlite"), "not a database at all\n");
    MainWindow window(broken);
    window.openFiles({m_one, m_five});
    QTRY_VERIFY(window.dashboard()->run() && window.dashboard()->run()->log->path == m_five);
    QTRY_COMPARE(window.issuesModel()->rowCount(), 1);
    const QString message = window.issuesModel()->index(0, IssuesModel::MessageColumn).data().toString();
    QVERIFY2(message.contains(QStringLiteral("not a Nightwatt run library")), qPrintable(message));
    auto *notice = window.runList()->findChild<QLabel *>(QStringLiteral("runListNotice"));
    QVERIFY(notice && notice->text().contains(QStringLiteral("cannot be used")));
    QCOMPARE(window.runList()->count(), 0);
    // The figures still work.
    QCOMPARE(window.scenarioModel()->inputs().meanPowerW, 250.0);
    type(window.dashboard(), "runsPerWeek", 2);
    QCOMPARE(window.scenarioKeeper()->currentRun(), 0); // no library run: nothing to save
    // Whatever the library thread had queued has answered once this request has. Earlier
    // requests may still be answering when the spy is attached: wait for this one's own answer.
    QSignalSpy failed(window.library(), &LibraryClient::failed);
    window.library()->listRuns();
    const auto listingAnswered = [&failed] {
        return std::any_of(failed.cbegin(), failed.cend(),
                           [](const QList<QVariant> &args) { return args.first().toString().startsWith(QStringLiteral("listing the runs")); });
    };
    QTRY_VERIFY(listingAnswered());
    QCOMPARE(window.issuesModel()->rowCount(), 1);
}

QTEST_MAIN(TestRunListPanel)
#include "tst_runlistpanel.moc"
