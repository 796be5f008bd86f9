// What Nightwatt does with what it reads: logs are opened read-only, sampler programs run
// without a shell, and nothing read from a log is executed or used as a path.
#include "loadhelpers.h"

#include "live/programsource.h"
#include "report/runsummary.h"

#include <QDir>
#include <QDirIterator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <unistd.h>

using namespace nightwatt;
using namespace nightwatt::test;

class TestSecurity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logsAreOpenedReadOnly();
    void samplerArgumentsNeverMeetAShell();
    void logTextIsNeverRunOrOpened();
    void parsersNeverTouchFilesOrProcesses();
};

namespace {

// Texts a shell would act on: each creates a file named "pwned-N" in the current folder.
QStringList shellTricks()
{
    return {QStringLiteral("$(touch pwned-1)"), QStringLiteral("`touch pwned-2`"), QStringLiteral("; touch pwned-3"),
            QStringLiteral("| touch pwned-4"), QStringLiteral("&& touch pwned-5")};
}

bool anythingPwned(const QDir &dir)
{
    return !dir.entryList({QStringLiteral("pwned-*")}, QDir::Files).isEmpty();
}

} // namespace

// A log loads from a read-only file system, where opening a file for writing fails even for
// root. Needs root to mount one, so it is skipped otherwise.
void TestSecurity::logsAreOpenedReadOnly()
{
    if (::geteuid() != 0)
        QSKIP("needs root to mount a read-only file system");
    QTemporaryDir dir;
    const QByteArray mountPoint = QFile::encodeName(dir.path());
    if (::mount("nightwatt-test", mountPoint.constData(), "tmpfs", 0, "size=1m") != 0)
        QSKIP("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)");
    const auto unmount = qScopeGuard([&] { ::umount2(mountPoint.constData(), MNT_DETACH); });
    const QString path = dir.filePath(QStringLiteral("run.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("time_s,power_w\n0,10\n1,20\n2,30\n");
    }
    QCOMPARE(::mount("nightwatt-test", mountPoint.constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m"), 0);
    QFile writable(path);
    QVERIFY(!writable.open(QIODevice::ReadWrite)); // the file system refuses writers, root or not
    const LoadedLog log = LogLoader::loadFile(path);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.trace.size(), qsizetype(3));
}

// The sampler's arguments go to it as argv, byte for byte: the fake sampler echoes its --stderr
// text back, and none of the shell tricks in it ran.
void TestSecurity::samplerArgumentsNeverMeetAShell()
{
    QTemporaryDir dir;
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto back = qScopeGuard([&] { QDir::setCurrent(previous); });
    const QString tricks = shellTricks().join(u' ');
    ProgramSource source({QStringLiteral(NIGHTWATT_FAKE_SAMPLER),
                          {QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--exit-code"), QStringLiteral("3"),
                           QStringLiteral("--stderr"), tricks},
                          {}});
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.status().state, LiveStatus::State::Exited, 10000);
    QVERIFY2(source.standardErrorTail().contains(tricks), qPrintable(source.standardErrorTail()));
    QVERIFY(!anythingPwned(QDir(dir.path())));
}

// Text from a log (cells, metadata, file names it mentions) is data: loading and summarising a
// log full of shell tricks and paths neither runs anything nor creates, opens or changes a file.
void TestSecurity::logTextIsNeverRunOrOpened()
{
    QTemporaryDir dir;
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto back = qScopeGuard([&] { QDir::setCurrent(previous); });
    const QString victim = dir.filePath(QStringLiteral("victim.txt"));
    {
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("untouched\n");
    }
    QByteArray csv = "time_s,power_w,note\n";
    QByteArray powermetrics = "Machine model: " + victim.toUtf8() + "\nOS version: $(touch pwned-9)\n";
    int t = 0;
    for (const QString &trick : shellTricks() + QStringList{victim, QStringLiteral("../../../../etc/passwd"), QStringLiteral("file:///etc/shadow")}) {
        csv += QByteArray::number(t++) + ",10," + trick.toUtf8() + '\n';
        powermetrics += "*** Sampled system activity (Tue Aug 16 23:39:5" + QByteArray::number(t % 10) + " 2022 +0200) (1000.00ms elapsed) ***\n"
                        + "CPU Power: 1000 mW\nGPU Power: " + trick.toUtf8() + " mW\n" + trick.toUtf8() + '\n';
    }
    for (const QByteArray &bytes : {csv, powermetrics}) {
        const LoadedLog log = loadText(bytes);
        QVERIFY2(log.ok(), qPrintable(log.error + QStringLiteral("\n") + QString::fromUtf8(bytes) + issuesText(log)));
        RunSummary summary;
        summary.input = summaryInputFromLog(log);
        applyMeasurementToScenario(*summary.input, summary.scenario);
        summary.result = computeScenario(summary.scenario);
        QVERIFY(!summaryToJson(summary).isEmpty());
        QVERIFY(!summaryToText(summary).isEmpty());
    }
    QVERIFY(!anythingPwned(QDir(dir.path())));
    QFile file(victim);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("untouched\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("victim.txt")});
}

// The format readers are fed bytes and never open files or start programs themselves, so
// nothing a log says can become a path or a command. A new reader that does is caught here.
void TestSecurity::parsersNeverTouchFilesOrProcesses()
{
    const QString formats = QStringLiteral(NIGHTWATT_TEST_DATA "/../../core/formats");
    QDirIterator sources(formats, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files);
    int checked = 0;
    while (sources.hasNext()) {
        QFile file(sources.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray code = file.readAll();
        for (const char *forbidden : {"QFile", "QDir", "QProcess", "QLibrary", "QSaveFile", "fopen", "popen", "system(", "exec",
                                      "std::ifstream", "std::ofstream", "::open("}) {
            QVERIFY2(!code.contains(forbidden), qPrintable(file.fileName() + QStringLiteral(" uses ") + QLatin1String(forbidden)));
        }
        ++checked;
    }
    QVERIFY2(checked >= 26, qPrintable(QString::number(checked))); // 13 readers, a .h and a .cpp each, at least
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
