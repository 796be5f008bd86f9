// The widget-drawing commands run headless (no display, no login session): a successful run says
// nothing on stderr, not even what Qt reports about the offscreen setup.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestHeadlessStderr : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void successfulRunIsQuiet_data();
    void successfulRunIsQuiet();
};

namespace {

const QString kLog = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1max-macos13beta-sspdd.txt");

} // namespace

void TestHeadlessStderr::successfulRunIsQuiet_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("export --png") << QStringList{QStringLiteral("export"), kLog};
    QTest::newRow("export --view chart --png") << QStringList{QStringLiteral("export"), kLog, QStringLiteral("--view"), QStringLiteral("chart")};
    QTest::newRow("compare --png") << QStringList{QStringLiteral("compare"), kLog, kLog + QStringLiteral(",grid=FR,label=France")};
}

void TestHeadlessStderr::successfulRunIsQuiet()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A server's batch job: no display, no session (so no runtime directory), no platform chosen.
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR"})
        env.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments << QStringLiteral("--png") << out);
    QVERIFY(process.waitForFinished(120000));
    const QString stdErr = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(QFile::exists(out));
    QCOMPARE(stdErr, QString());
}

QTEST_MAIN(TestHeadlessStderr)
#include "tst_headlessstderr.moc"
