// What Nightwatt does with what it reads: logs are opened read-only, sampler programs run
// without a shell, and nothing read from a log is executed or used as a path.
#include "loadhelpers.h"

#include "io/messagetext.h"
#include "library/runlibrary.h"
#include "live/livesourcespec.h"
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
    void issuesQuoteABoundedEscapedExcerpt_data();
    void issuesQuoteABoundedEscapedExcerpt();
    void secretsAreRedacted_data();
    void secretsAreRedacted();
    void storedIssuesAreSafe();
};

namespace {

// Texts a shell would act on: each creates a file named "pwned-N" in the current folder.
QStringList shellTricks()
{
    return {QStringLiteral("$(touch pwned-1)"), QStringLiteral("`touch pwned-2`"), QStringLiteral("; touch pwned-3"),
            QStringLiteral("| touch pwned-4"), QStringLiteral("&& touch pwned-5")};
}

// What a hostile log or server puts into a field: a window-title change, a screen clear, and a
// field far too long to show.
QByteArray hostileField(qsizetype bytes)
{
    return QByteArray("\x1b]0;pwned\x07\x1b[2J") + QByteArray(bytes, 'A');
}

// A message fit for a terminal and a library row: short, and without a control character.
QString unsafeBecause(const QString &message)
{
    if (message.size() > 2 * kQuotedInputChars + 200)
        return QStringLiteral("%1 characters long").arg(message.size());
    for (const QChar c : message) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\t')
            return QStringLiteral("holds control character %1").arg(c.unicode());
    }
    return {};
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

// A field of 5 MB with terminal escape sequences in it: the issue about it quotes at most
// kQuotedInputChars characters, escaped, and says it was cut.
void TestSecurity::issuesQuoteABoundedEscapedExcerpt_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<QString>("words");
    const QByteArray field = hostileField(5'000'000);
    QTest::newRow("csv power") << QByteArray("time_s,power_w\n0,10\n1," + field + "\n2,30\n") << QStringLiteral("is not a number");
    QTest::newRow("csv time") << QByteArray("time_s,power_w\n0,10\n" + field + ",20\n2,30\n") << QStringLiteral("time \"");
    QTest::newRow("nvidia-smi csv") << QByteArray("timestamp, index, power.draw [W]\n2024/01/01 00:00:00.000, 0, 50.00 W\n"
                                                  "2024/01/01 00:00:01.000, 0, " + field + "\n2024/01/01 00:00:02.000, 0, 52.00 W\n")
                                    << QStringLiteral("is not a number");
}

void TestSecurity::issuesQuoteABoundedEscapedExcerpt()
{
    QFETCH(QByteArray, log);
    QFETCH(QString, words);
    const LoadedLog loaded = loadText(log);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QVERIFY(!loaded.issues.isEmpty());
    bool found = false;
    for (const ParseIssue &issue : loaded.issues) {
        const QString why = unsafeBecause(issue.message);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        if (issue.message.contains(words)) {
            found = true;
            QVERIFY2(issue.message.contains(QStringLiteral("\\x1b]0;pwned\\x07\\x1b[2JAAAA")), qPrintable(issue.message));
            QVERIFY2(issue.message.contains(QChar(0x2026)), qPrintable(issue.message));
        }
    }
    QVERIFY2(found, qPrintable(issuesText(loaded).left(2000)));
}

void TestSecurity::secretsAreRedacted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    const QString basic = QString::fromLatin1(QByteArray("dash:hunter2").toBase64());
    QTest::newRow("bare api_key argument") << QStringLiteral("sampler api_key=KEY123 --interval 5") << QStringLiteral("KEY123");
    QTest::newRow("--password= option") << QStringLiteral("sampler --password=hunter2 -i 5") << QStringLiteral("hunter2");
    QTest::newRow("echoed basic header") << QStringLiteral("bad header: Authorization: Basic ") + basic << basic;
    QTest::newRow("basic credentials in a sentence") << QStringLiteral("refused Basic ") + basic + QStringLiteral(" here") << basic;
    QTest::newRow("json member") << QStringLiteral(R"({"user":"dash","password":"hunter2"})") << QStringLiteral("hunter2");
    QTest::newRow("url user info") << QStringLiteral("cannot reach https://dash:hunter2@prom.example/") << QStringLiteral("hunter2");
}

// One redaction for messages, command lines and stored rows.
void TestSecurity::secretsAreRedacted()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QVERIFY2(!safeMessage(text).contains(secret), qPrintable(safeMessage(text)));
    // As one argument, and (for the command lines) as the arguments it would be.
    const QStringList argvs[] = {{QStringLiteral("sampler"), text}, text.startsWith(QLatin1String("sampler ")) ? text.split(u' ') : QStringList()};
    for (const QStringList &argv : argvs) {
        QVERIFY2(!describeCommandLine(argv).contains(secret), qPrintable(describeCommandLine(argv)));
        LiveSourceSpec spec;
        spec.program = argv;
        QVERIFY2(argv.isEmpty() || !spec.describeForLibrary().contains(secret), qPrintable(spec.describeForLibrary()));
    }
    QVERIFY(safeMessage(text).contains(QStringLiteral("***")));
}

// Whatever built an issue, the run library keeps it as it would be shown: no escape sequence, no
// credential, no megabytes.
void TestSecurity::storedIssuesAreSafe()
{
    QTemporaryDir dir;
    LoadedLog log = loadText("time_s,power_w\n0,10\n1,20\n");
    QVERIFY(log.ok());
    const QString hostile = QStringLiteral("Authorization: Bearer s3cr3t-token ") + QString::fromLatin1(hostileField(100'000));
    log.issues.append({2, hostile});
    ++log.issueCount;
    RunLibrary library;
    QVERIFY(library.open(dir.filePath(QStringLiteral("library.sqlite"))));
    const auto id = library.importLog(log, QStringLiteral("sha-of-hostile"));
    QVERIFY(id);
    const LoadedLog stored = library.loadRun(*id);
    QVERIFY(!stored.issues.isEmpty());
    const QString message = stored.issues.last().message;
    QVERIFY(message.size() <= kMaxMessageChars + 1);
    QVERIFY2(!message.contains(QChar(0x1b)), qPrintable(message.left(200)));
    QVERIFY(message.contains(QStringLiteral("\\x1b]0;pwned\\x07")));
    QVERIFY(!message.contains(QStringLiteral("s3cr3t-token")));
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
