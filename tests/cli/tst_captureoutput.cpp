// `nightwatt capture -o FILE` never destroys data: not the run library, not the log it reads,
// not a file that already holds something (unless --overwrite), and a capture that never
// started leaves the path as it was.
#include "nightwattrun.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TestCaptureOutput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void libraryIsNeverTheOutput_data();
    void libraryIsNeverTheOutput();
    void sourceIsNeverTheOutput_data();
    void sourceIsNeverTheOutput();
    void existingFileIsKeptUnlessOverwrite();
    void helpSaysThePolicy();
    void captureThatNeverStartedCreatesNothing();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString library() const { return path(QStringLiteral("library.sqlite")); }
    static QString log() { return QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1-macbookair10_1-codecarbon.txt"); }
    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // The ways of naming `target` differently: itself, through "..", a symlink, a hard link.
    QString spelling(const QString &how, const QString &target) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCaptureOutput::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("sub")));
}

QString TestCaptureOutput::spelling(const QString &how, const QString &target) const
{
    const QString name = QFileInfo(target).fileName();
    if (how == QLatin1String("dotdot"))
        return path(QStringLiteral("sub/../") + name);
    const QString other = path(QStringLiteral("sub/other-name"));
    if (how == QLatin1String("symlink"))
        return QFile::link(target, other) ? other : QString();
    if (how == QLatin1String("hard link"))
        return ::link(QFile::encodeName(target).constData(), QFile::encodeName(other).constData()) == 0 ? other : QString();
    return target;
}

void TestCaptureOutput::libraryIsNeverTheOutput_data()
{
    QTest::addColumn<QString>("how");
    for (const char *how : {"itself", "dotdot", "symlink", "hard link"})
        QTest::newRow(how) << QString::fromLatin1(how);
}

// Even with --overwrite: the library is never a capture's output.
void TestCaptureOutput::libraryIsNeverTheOutput()
{
    QFETCH(QString, how);
    QCOMPARE(runNightwatt({QStringLiteral("import"), QStringLiteral("--library"), library(), log()}).exitCode, 0);
    const QByteArray before = readAll(library());
    QVERIFY(!before.isEmpty());
    const QString output = spelling(how, library());
    QVERIFY(!output.isEmpty());
    const NightwattRun run = runNightwatt({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("--source"),
                               QStringLiteral("replay:") + log(), QStringLiteral("--speed"), QStringLiteral("100000"), QStringLiteral("-o"),
                               output, QStringLiteral("--overwrite")});
    QVERIFY2(run.err.contains(QStringLiteral("-o %1 is %2, which this capture reads or writes").arg(output, library())), qPrintable(run.err));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(readAll(library()), before);
}

void TestCaptureOutput::sourceIsNeverTheOutput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("how");
    for (const char *kind : {"replay:", "follow:"}) {
        for (const char *how : {"itself", "dotdot", "symlink", "hard link"})
            QTest::addRow("%s %s", kind, how) << QString::fromLatin1(kind) << QString::fromLatin1(how);
    }
}

void TestCaptureOutput::sourceIsNeverTheOutput()
{
    QFETCH(QString, kind);
    QFETCH(QString, how);
    const QString source = path(QStringLiteral("run.txt"));
    QVERIFY(QFile::copy(log(), source));
    const QByteArray before = readAll(source);
    const QString output = spelling(how, source);
    QVERIFY(!output.isEmpty());
    const NightwattRun run = runNightwatt({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("--source"), kind + source,
                               QStringLiteral("--duration"), QStringLiteral("0.2"), QStringLiteral("-o"), output, QStringLiteral("--overwrite")});
    QVERIFY2(run.err.contains(QStringLiteral("which this capture reads or writes")), qPrintable(run.err));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(readAll(source), before);
    QVERIFY(!QFile::exists(library())); // refused before anything was opened
}

void TestCaptureOutput::existingFileIsKeptUnlessOverwrite()
{
    const QString out = path(QStringLiteral("out.txt"));
    {
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("last week's capture\n");
    }
    const QStringList replay{QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("--source"),
                             QStringLiteral("replay:") + log(), QStringLiteral("--speed"), QStringLiteral("100000"), QStringLiteral("-o"), out};
    const NightwattRun refused = runNightwatt(replay);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("-o %1 already holds data; give --overwrite to replace it").arg(out)), qPrintable(refused.err));
    QCOMPARE(readAll(out), QByteArray("last week's capture\n"));

    const NightwattRun replaced = runNightwatt(replay + QStringList{QStringLiteral("--overwrite")});
    QVERIFY2(replaced.exitCode == 0, qPrintable(replaced.err));
    QCOMPARE(readAll(out), readAll(log()));

    // An empty file holds nothing to lose.
    const QString empty = path(QStringLiteral("empty.txt"));
    QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
    QStringList intoEmpty = replay;
    intoEmpty.last() = empty;
    const NightwattRun filled = runNightwatt(intoEmpty);
    QVERIFY2(filled.exitCode == 0, qPrintable(filled.err));
    QCOMPARE(readAll(empty), readAll(log()));
}

void TestCaptureOutput::helpSaysThePolicy()
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), {QStringLiteral("capture"), QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(30000));
    const QString help = QString::fromUtf8(process.readAllStandardOutput()).simplified();
    QVERIFY2(help.contains(QStringLiteral("-o never replaces a file that holds data unless --overwrite is given")), qPrintable(help));
    QVERIFY2(help.contains(QStringLiteral("never names the run library, the source or another input")), qPrintable(help));
    QVERIFY(help.contains(QStringLiteral("--overwrite")));
}

// The sampler cannot be started: no empty -o file appears, and a file that was there (replacing
// it was allowed) keeps what it had; the run library gets no run either.
void TestCaptureOutput::captureThatNeverStartedCreatesNothing()
{
    const QString out = path(QStringLiteral("never.txt"));
    const NightwattRun run = runNightwatt({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("-o"), out, QStringLiteral("--"),
                               QStringLiteral("/nonexistent/sampler")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(!QFile::exists(out), qPrintable(run.err));

    const QString kept = path(QStringLiteral("kept.txt"));
    {
        QFile file(kept);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("still here\n");
    }
    const NightwattRun again = runNightwatt({QStringLiteral("capture"), QStringLiteral("--library"), library(), QStringLiteral("-o"), kept,
                                 QStringLiteral("--overwrite"), QStringLiteral("--"), QStringLiteral("/nonexistent/sampler")});
    QCOMPARE(again.exitCode, 3);
    QCOMPARE(readAll(kept), QByteArray("still here\n"));
}

QTEST_GUILESS_MAIN(TestCaptureOutput)
#include "tst_captureoutput.moc"
