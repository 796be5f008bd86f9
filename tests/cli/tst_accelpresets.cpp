#include "io/logloader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

// The tegrastats, rocm-smi and amd-smi presets of `nightwatt capture`, run against stand-in
// scripts of those names on PATH (written by this test), and without them.
class TestAccelPresets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void tegrastatsRunsWithTheInterval();
    void rocmSmiIsPolled();
    void missingToolIsNamed_data();
    void missingToolIsNamed();

private:
    struct Run
    {
        int exitCode = -1;
        QString err;
    };
    Run capture(const QStringList &arguments, const QString &path);
    void writeScript(const QString &name, const QByteArray &body);
    QString file(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAccelPresets::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAccelPresets::writeScript(const QString &name, const QByteArray &body)
{
    QFile script(file(name));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\necho \"$@\" >> '" + file(name + QStringLiteral(".args")).toUtf8() + "'\n" + body);
    script.close();
    QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
}

TestAccelPresets::Run TestAccelPresets::capture(const QStringList &arguments, const QString &path)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), path);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), QStringList{QStringLiteral("capture")} + arguments);
    Run result;
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestAccelPresets::tegrastatsRunsWithTheInterval()
{
    // A JetPack 4 Nano line (bare mW, no time prefix), printed every 0.1 s.
    writeScript(QStringLiteral("tegrastats"),
                "while :; do echo 'RAM 936/3964MB (lfb 366x4MB) CPU [10%@102,3%@102] POM_5V_IN 2000/920 POM_5V_GPU 500/0 "
                "POM_5V_CPU 700/119'; sleep 0.1; done\n");
    const QString out = file(QStringLiteral("jetson.txt"));
    const Run r = capture({QStringLiteral("--source"), QStringLiteral("tegrastats"), QStringLiteral("--interval-ms"), QStringLiteral("100"),
                           QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("-o"), out},
                          m_dir->path() + QStringLiteral(":/usr/bin:/bin"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile args(file(QStringLiteral("tegrastats.args")));
    QVERIFY(args.open(QIODevice::ReadOnly));
    QCOMPARE(args.readAll(), QByteArray("--interval 100\n"));
    LoadOptions options;
    options.intervalMs = 100;
    const LoadedLog log = LogLoader::loadFile(out, options);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("tegrastats"));
    QVERIFY(log.trace.size() >= 3);
    QCOMPARE(log.trace.value(log.trace.indexOf(QStringLiteral("input")), 0), 2.0f);
    QCOMPARE(log.trace.timeS(2), 0.2);
}

void TestAccelPresets::rocmSmiIsPolled()
{
    writeScript(QStringLiteral("rocm-smi"),
                QByteArray("cat '" NIGHTWATT_TEST_DATA "/rocm-smi-json-mi100x6-telegraf-rocm571.json'\n"));
    const QString out = file(QStringLiteral("mi100.json"));
    const Run r = capture({QStringLiteral("--source"), QStringLiteral("rocm-smi"), QStringLiteral("--interval-ms"), QStringLiteral("200"),
                           QStringLiteral("--duration"), QStringLiteral("1.1"), QStringLiteral("-o"), out},
                          m_dir->path() + QStringLiteral(":/usr/bin:/bin"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile args(file(QStringLiteral("rocm-smi.args")));
    QVERIFY(args.open(QIODevice::ReadOnly));
    const QList<QByteArray> runs = args.readAll().split('\n');
    QVERIFY(runs.size() >= 3);
    QCOMPARE(runs.first(), QByteArray("--showpower --json"));
    LoadOptions options;
    options.intervalMs = 200;
    const LoadedLog log = LogLoader::loadFile(out, options);
    QVERIFY2(log.ok(), qPrintable(log.error));
    QCOMPARE(log.formatId, QStringLiteral("rocm-smi-json"));
    QVERIFY(log.trace.size() >= 2);
    QCOMPARE(log.trace.timing(), TimingKind::Points);
    QCOMPARE(log.trace.value(log.trace.indexOf(QStringLiteral("gpu5")), 1), 40.0f);
}

void TestAccelPresets::missingToolIsNamed_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("hint");
    QTest::newRow("tegrastats") << QStringLiteral("tegrastats") << QStringLiteral("Jetson");
    QTest::newRow("rocm-smi") << QStringLiteral("rocm-smi") << QStringLiteral("ROCm");
    QTest::newRow("amd-smi") << QStringLiteral("amd-smi") << QStringLiteral("ROCm 6");
}

void TestAccelPresets::missingToolIsNamed()
{
    QFETCH(QString, preset);
    QFETCH(QString, hint);
    const Run r = capture({QStringLiteral("--source"), preset, QStringLiteral("--duration"), QStringLiteral("1")}, file(QStringLiteral("empty")));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("cannot start ") + preset), qPrintable(r.err));
    QVERIFY2(r.err.contains(hint), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestAccelPresets)
#include "tst_accelpresets.moc"
