#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

class TestExportCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesPngOfTheAskedSize_data();
    void writesPngOfTheAskedSize();
    void reportIsVectorWithFiguresAndSources();
    void pdfHoldsOnePageOfTheReport();
    void errors_data();
    void errors();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString stdErr;
};

Run runNightwatt(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Headless: no display at all, as on a server; the command picks the offscreen platform.
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    // Qt warns on stderr without a runtime directory; give it one so stderr holds only our lines.
    static QTemporaryDir runtimeDir;
    QFile::setPermissions(runtimeDir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

// Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian), without QtGui.
QSize pngSize(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR")
        return {};
    return {int(qFromBigEndian<quint32>(head.constData() + 16)), int(qFromBigEndian<quint32>(head.constData() + 20))};
}

const QString kLog = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m1max-macos13beta-sspdd.txt");

} // namespace

void TestExportCommand::writesPngOfTheAskedSize_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("dashboard, default size") << QStringList{} << QSize(1600, 1000);
    QTest::newRow("chart, default size") << QStringList{QStringLiteral("--view"), QStringLiteral("chart")} << QSize(1200, 600);
    QTest::newRow("chart 640x360") << QStringList{QStringLiteral("--view"), QStringLiteral("chart"), QStringLiteral("--size"), QStringLiteral("640x360")}
                                   << QSize(640, 360);
    QTest::newRow("dashboard 1280x800 with scenario options")
        << QStringList{QStringLiteral("--size"), QStringLiteral("1280x800"), QStringLiteral("--runtime-min"), QStringLiteral("709")}
        << QSize(1280, 800);
}

void TestExportCommand::writesPngOfTheAskedSize()
{
    QFETCH(QStringList, options);
    QFETCH(QSize, expected);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.png"));
    const Run run = runNightwatt(QStringList{QStringLiteral("export"), kLog, QStringLiteral("--png"), out} + options);
    QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
    QCOMPARE(pngSize(out), expected);
}

void TestExportCommand::reportIsVectorWithFiguresAndSources()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.svg"));
    const Run run = runNightwatt({QStringLiteral("export"), kLog, QStringLiteral("--svg"), out, QStringLiteral("--runtime-min"), QStringLiteral("709")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    // Vector: the traces are polylines, the words are text, and nothing is a picture of widgets.
    QVERIFY(svg.contains(QStringLiteral("<polyline")) || svg.contains(QStringLiteral("<path")));
    QVERIFY(svg.contains(QStringLiteral("<text")));
    QVERIFY(!svg.contains(QStringLiteral("<image")));
    // A report: the panels' figures as labelled text and the sources, not the window's controls.
    for (const QString &words : {QStringLiteral("Energy per year"), QStringLiteral("Same CO₂ as burning"), QStringLiteral("Typical runtime"),
                                 QStringLiteral(">709.0"), QStringLiteral("Sources."), QStringLiteral("EPA-420-F-11-041")})
        QVERIFY2(svg.contains(words), qPrintable(words));
    QVERIFY(!svg.contains(QStringLiteral("Shift+drag")));
    for (const QString &control : {QStringLiteral("Measured"), QStringLiteral("Reset zoom"), QStringLiteral("Select range"), QStringLiteral("X axis:")})
        QVERIFY2(!svg.contains(QStringLiteral(">") + control + QStringLiteral("<")), qPrintable(control));
}

void TestExportCommand::pdfHoldsOnePageOfTheReport()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.pdf"));
    const Run run = runNightwatt({QStringLiteral("export"), kLog, QStringLiteral("--pdf"), out, QStringLiteral("--size"), QStringLiteral("1200x800")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QCOMPARE(pdf.count("/MediaBox"), 1);
    // 1200x800 pixels at 96 dpi: a 900x600 point page.
    QVERIFY(pdf.contains("/MediaBox [0 0 900.000000 600.000000]"));
}

void TestExportCommand::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString missing = QStringLiteral("/nonexistent/run.txt");
    QTest::newRow("missing file") << QStringList{missing, QStringLiteral("--png"), QStringLiteral("OUT")} << 2
                                  << QStringLiteral("nightwatt: /nonexistent/run.txt: no such file");
    QTest::newRow("not a power log") << QStringList{QStringLiteral(NIGHTWATT_TEST_DATA "/PROVENANCE.md"), QStringLiteral("--png"), QStringLiteral("OUT")}
                                     << 2 << QStringLiteral("not a power log");
    QTest::newRow("no --png") << QStringList{kLog} << 1 << QStringLiteral("export needs --png, --svg or --pdf OUT");
    QTest::newRow("no file") << QStringList{QStringLiteral("--png"), QStringLiteral("OUT")} << 1 << QStringLiteral("export takes one FILE");
    QTest::newRow("bad size") << QStringList{kLog, QStringLiteral("--png"), QStringLiteral("OUT"), QStringLiteral("--size"), QStringLiteral("big")} << 1
                              << QStringLiteral("--size takes WxH");
    QTest::newRow("tiny size") << QStringList{kLog, QStringLiteral("--png"), QStringLiteral("OUT"), QStringLiteral("--size"), QStringLiteral("10x10")} << 1
                               << QStringLiteral("--size takes WxH");
    QTest::newRow("bad view") << QStringList{kLog, QStringLiteral("--png"), QStringLiteral("OUT"), QStringLiteral("--view"), QStringLiteral("table")} << 1
                              << QStringLiteral("--view takes chart or dashboard");
}

void TestExportCommand::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const int out = arguments.indexOf(QStringLiteral("OUT"));
    if (out >= 0)
        arguments[out] = dir.filePath(QStringLiteral("out.png"));
    const Run run = runNightwatt(QStringList{QStringLiteral("export")} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.stdErr.contains(message), qPrintable(run.stdErr));
    QVERIFY(run.stdErr.startsWith(QStringLiteral("nightwatt: ")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.png"))));
}

QTEST_GUILESS_MAIN(TestExportCommand)
#include "tst_exportcommand.moc"
