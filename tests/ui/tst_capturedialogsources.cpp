#include "capturedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

// The hwmon, tegrastats, rocm-smi and amd-smi sources in the Start capture dialog: the spec it
// builds is the one `nightwatt capture` builds from the command line the dialog shows, and a
// source that cannot start here is refused before Start, in the words the CLI refuses it with.
class TestCaptureDialogSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void samplerSpecIsTheCommandLines_data();
    void samplerSpecIsTheCommandLines();
    void missingSamplerIsRefusedBeforeStart_data();
    void missingSamplerIsRefusedBeforeStart();
    void hwmonFolderIsPartOfTheSpec();
    void hwmonWithoutSensorsIsRefusedBeforeStart();

private:
    void writeFile(const QString &path, const QByteArray &text, bool executable = false);
    bool startEnabled(const CaptureDialog &dialog) const
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_path;
};

void TestCaptureDialogSources::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("bin")));
    // Samplers are looked up on PATH: only the ones a test writes are there.
    m_path = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(m_dir->filePath(QStringLiteral("bin"))));
}

void TestCaptureDialogSources::cleanup()
{
    qputenv("PATH", m_path);
}

void TestCaptureDialogSources::writeFile(const QString &path, const QByteArray &text, bool executable)
{
    const QString file = m_dir->filePath(path);
    QVERIFY(QDir().mkpath(QFileInfo(file).path()));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(text);
    out.close();
    if (executable)
        QVERIFY(out.setPermissions(out.permissions() | QFileDevice::ExeOwner));
}

void TestCaptureDialogSources::samplerSpecIsTheCommandLines_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("source");
    QTest::newRow("tegrastats") << int(CaptureDialog::Tegrastats) << QStringLiteral("tegrastats");
    QTest::newRow("rocm-smi") << int(CaptureDialog::RocmSmi) << QStringLiteral("rocm-smi");
    QTest::newRow("amd-smi") << int(CaptureDialog::AmdSmi) << QStringLiteral("amd-smi");
}

void TestCaptureDialogSources::samplerSpecIsTheCommandLines()
{
    QFETCH(int, kind);
    QFETCH(QString, source);
    writeFile(QStringLiteral("bin/") + source, "#!/bin/sh\n", true);
    CaptureDialog dialog;
    dialog.setKind(CaptureDialog::Kind(kind));
    dialog.setIntervalMs(500);
    // What `nightwatt capture --source SOURCE --interval-ms 500` reads from its options.
    const LiveSourceSpec spec = dialog.spec();
    QCOMPARE(spec.source, source);
    QVERIFY(spec.program.isEmpty());
    QCOMPARE(spec.intervalMs.value_or(0), 500.0);
    QVERIFY(!spec.speed);
    QVERIFY(spec.hwmonRoot.isEmpty());
    QVERIFY(spec.raplRoot.isEmpty());
    QCOMPARE(dialog.commandLine(), QStringLiteral("nightwatt capture --source %1 --interval-ms 500").arg(source));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(startEnabled(dialog));
}

void TestCaptureDialogSources::missingSamplerIsRefusedBeforeStart_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("whereItComesFrom");
    QTest::newRow("tegrastats") << int(CaptureDialog::Tegrastats) << QStringLiteral("tegrastats") << QStringLiteral("Jetson's L4T");
    QTest::newRow("rocm-smi") << int(CaptureDialog::RocmSmi) << QStringLiteral("rocm-smi") << QStringLiteral("AMD ROCm");
    QTest::newRow("amd-smi") << int(CaptureDialog::AmdSmi) << QStringLiteral("amd-smi") << QStringLiteral("ROCm 6 and newer");
    QTest::newRow("nvidia-smi") << int(CaptureDialog::NvidiaSmi) << QStringLiteral("nvidia-smi") << QStringLiteral("NVIDIA driver");
}

void TestCaptureDialogSources::missingSamplerIsRefusedBeforeStart()
{
    QFETCH(int, kind);
    QFETCH(QString, source);
    QFETCH(QString, whereItComesFrom);
    CaptureDialog dialog;
    dialog.setKind(CaptureDialog::Kind(kind));
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("cannot start %1: not found on PATH. ").arg(source)), qPrintable(dialog.problem()));
    QVERIFY2(dialog.problem().contains(whereItComesFrom), qPrintable(dialog.problem()));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("captureNote"))->text(), dialog.problem());
    QVERIFY(!startEnabled(dialog));
    // Installed later (the dialog is checked again as anything in it changes).
    writeFile(QStringLiteral("bin/") + source, "#!/bin/sh\n", true);
    dialog.setIntervalMs(2000);
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(startEnabled(dialog));
}

void TestCaptureDialogSources::hwmonFolderIsPartOfTheSpec()
{
    writeFile(QStringLiteral("hwmon/hwmon0/name"), "amdgpu\n");
    writeFile(QStringLiteral("hwmon/hwmon0/power1_average"), "29000000\n");
    const QString root = m_dir->filePath(QStringLiteral("hwmon"));
    CaptureDialog dialog;
    dialog.setKind(CaptureDialog::Hwmon);
    dialog.setIntervalMs(250);
    dialog.setHwmonRoot(root);
    // `nightwatt capture --source hwmon --interval-ms 250 --hwmon-root ROOT`
    const LiveSourceSpec spec = dialog.spec();
    QCOMPARE(spec.source, QStringLiteral("hwmon"));
    QCOMPARE(spec.hwmonRoot, root);
    QCOMPARE(spec.intervalMs.value_or(0), 250.0);
    QVERIFY(spec.program.isEmpty());
    QCOMPARE(dialog.commandLine(), QStringLiteral("nightwatt capture --source hwmon --interval-ms 250 --hwmon-root ") + root);
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(startEnabled(dialog));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("captureNote"))->text().contains(QStringLiteral("hwmon power sensors in ") + root));

    // The folder is optional: empty is the system's, and nothing of it goes into the spec.
    dialog.setHwmonRoot({});
    QVERIFY(dialog.spec().hwmonRoot.isEmpty());
    QCOMPARE(dialog.commandLine(), QStringLiteral("nightwatt capture --source hwmon --interval-ms 250"));
}

void TestCaptureDialogSources::hwmonWithoutSensorsIsRefusedBeforeStart()
{
    writeFile(QStringLiteral("hwmon/hwmon0/name"), "k10temp\n");
    writeFile(QStringLiteral("hwmon/hwmon0/temp1_input"), "53000\n");
    const QString root = m_dir->filePath(QStringLiteral("hwmon"));
    CaptureDialog dialog;
    dialog.setKind(CaptureDialog::Hwmon);
    dialog.setHwmonRoot(root);
    // The CLI fails with the same words: "no hwmon power sensor under ROOT (...)".
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("no hwmon power sensor under %1 (").arg(root)), qPrintable(dialog.problem()));
    QVERIFY(!startEnabled(dialog));
    if (const QString dir = qEnvironmentVariable("NIGHTWATT_SCREENSHOT_DIR"); !dir.isEmpty()) {
        dialog.show();
        QTest::qWait(200);
        dialog.grab().save(dir + QStringLiteral("/capture-dialog-hwmon.png"));
        dialog.setKind(CaptureDialog::Tegrastats);
        QTest::qWait(100);
        dialog.grab().save(dir + QStringLiteral("/capture-dialog-tegrastats.png"));
    }
}

QTEST_MAIN(TestCaptureDialogSources)
#include "tst_capturedialogsources.moc"
