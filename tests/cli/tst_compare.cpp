#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// `summary --grid`, the equivalents options and `compare`, run as a user would.
class TestCompareCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gridRegionInSummary_data();
    void gridRegionInSummary();
    void unknownGridListsCloseMatches();
    void gridGivenTwice();
    void equivalentsEditable();
    void compareMatchesSummary_data();
    void compareMatchesSummary();
    void compareDeltas();
    void compareTextTable();
    void compareUsageErrors_data();
    void compareUsageErrors();
    void comparePng();
    void compareSvgAndPdf();
    void compareNamesFilesByStem();
    void compareWarnsOfEachLogsIssues();
    void gridsCommand();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out, err;
    };
    static Result run(const QStringList &arguments);
    static QJsonObject json(const QStringList &arguments);
};

namespace {

const QString kLog = QStringLiteral(NIGHTWATT_TEST_DATA "/powermetrics-m4-mac16_6-macos15-binsquare.txt");

} // namespace

TestCompareCli::Result TestCompareCli::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NIGHTWATT_EXECUTABLE), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QJsonObject TestCompareCli::json(const QStringList &arguments)
{
    const Result r = run(arguments);
    if (r.exitCode != 0)
        qWarning("%s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

void TestCompareCli::gridRegionInSummary_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("gPerKWh");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("basis");
    QTest::newRow("FR") << "FR" << "FR" << 56.0 << 2023 << "CO2e, lifecycle";
    QTest::newRow("DEU") << "DEU" << "DE" << 380.9 << 2023 << "CO2e, lifecycle";
    // 429.983 lb CO2e/MWh × 0.45359237 = 195.0370 g/kWh.
    QTest::newRow("US-CAMX") << "US-CAMX" << "US-CAMX" << 195.0370080 << 2023 << "CO2e, direct at generation, no T&D losses";
    // 0.81 lb/kWh × 453.59237 = 367.4098 g/kWh, the default.
    QTest::newRow("US-EIA-2023") << "US-EIA-2023" << "US-EIA-2023" << 367.4098197 << 2023 << "CO2 only, utility-scale net generation";
}

void TestCompareCli::gridRegionInSummary()
{
    QFETCH(QString, region);
    QFETCH(QString, code);
    QFETCH(double, gPerKWh);
    QFETCH(int, year);
    QFETCH(QString, basis);
    const QJsonObject o = json({QStringLiteral("summary"), QStringLiteral("--power-w"), QStringLiteral("17.02"), QStringLiteral("--runtime-min"),
                                QStringLiteral("709"), QStringLiteral("--grid"), region, QStringLiteral("--json")});
    const QJsonObject e = o.value(QStringLiteral("emissions")).toObject();
    QVERIFY(qAbs(e.value(QStringLiteral("grid_g_per_kwh")).toDouble() - gPerKWh) < 1e-3);
    QCOMPARE(e.value(QStringLiteral("grid_region")).toString(), code);
    QCOMPARE(e.value(QStringLiteral("grid_year")).toInt(), year);
    QCOMPARE(e.value(QStringLiteral("grid_basis")).toString(), basis);
    const QString source = e.value(QStringLiteral("grid_source")).toString();
    QVERIFY2(source.contains(basis) && source.contains(QString::number(year)), qPrintable(source));
    // 52.2911 kWh a year at the region's intensity.
    QVERIFY(qAbs(e.value(QStringLiteral("co2_kg_per_year")).toDouble() - 52.2911133 * gPerKWh / 1000) < 1e-4);
}

void TestCompareCli::unknownGridListsCloseMatches()
{
    const Result r = run({QStringLiteral("summary"), QStringLiteral("--power-w"), QStringLiteral("17"), QStringLiteral("--runtime-min"),
                          QStringLiteral("700"), QStringLiteral("--grid"), QStringLiteral("US-CAMZ")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("unknown grid region \"US-CAMZ\""), r.err.constData());
    QVERIFY2(r.err.contains("US-CAMX (WECC California)"), r.err.constData());
}

void TestCompareCli::gridGivenTwice()
{
    const Result r = run({QStringLiteral("summary"), QStringLiteral("--power-w"), QStringLiteral("17"), QStringLiteral("--runtime-min"),
                          QStringLiteral("700"), QStringLiteral("--grid"), QStringLiteral("FR"), QStringLiteral("--grid-g-per-kwh"),
                          QStringLiteral("300")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("give the grid once"), r.err.constData());
}

void TestCompareCli::equivalentsEditable()
{
    const QStringList base{QStringLiteral("summary"), QStringLiteral("--power-w"), QStringLiteral("17.02"), QStringLiteral("--runtime-min"),
                           QStringLiteral("709"), QStringLiteral("--json")};
    const QJsonObject defaults = json(base).value(QStringLiteral("equivalents")).toObject();
    // 19,212.27 g ÷ 400 g/mile = 48.03 miles; ÷ 12.4 g/charge = 1,549.4 charges.
    QCOMPARE(defaults.value(QStringLiteral("car_g_per_mile")).toDouble(), 400.0);
    QCOMPARE(qRound(defaults.value(QStringLiteral("car_miles_per_year")).toDouble() * 100), 4803);
    QCOMPARE(qRound(defaults.value(QStringLiteral("phone_charges_per_year")).toDouble()), 1549);
    QVERIFY(defaults.value(QStringLiteral("car_source")).toString().contains(QLatin1String("EPA")));
    QVERIFY(defaults.value(QStringLiteral("phone_source")).toString().contains(QLatin1String("2024")));

    const QJsonObject edited = json(base + QStringList{QStringLiteral("--car-g-per-mile"), QStringLiteral("248.5"),
                                                       QStringLiteral("--phone-g-per-charge"), QStringLiteral("8.22")})
                                   .value(QStringLiteral("equivalents"))
                                   .toObject();
    // 19,212.27 ÷ 248.5 = 77.31; ÷ 8.22 = 2,337.3.
    QCOMPARE(qRound(edited.value(QStringLiteral("car_miles_per_year")).toDouble() * 100), 7731);
    QCOMPARE(qRound(edited.value(QStringLiteral("phone_charges_per_year")).toDouble()), 2337);
    QVERIFY(edited.value(QStringLiteral("car_source")).toString().startsWith(QLatin1String("custom")));

    const Result bad = run(base + QStringList{QStringLiteral("--car-g-per-mile"), QStringLiteral("fast")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains("--car-g-per-mile"));
}

// Each scenario of compare --json is exactly what summary --json gives for the same settings.
void TestCompareCli::compareMatchesSummary_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QStringList>("summaryArguments");
    const QStringList typed{QStringLiteral("--power-w"), QStringLiteral("17.02"), QStringLiteral("--runtime-min"), QStringLiteral("709")};
    QTest::newRow("typed") << "power:17.02" << typed;
    QTest::newRow("typed, three nights") << "power:17.02,runs-per-week=3" << typed + QStringList{QStringLiteral("--runs-per-week"), QStringLiteral("3")};
    QTest::newRow("settings only, France") << "power-w=17.02,grid=FR" << typed + QStringList{QStringLiteral("--grid"), QStringLiteral("FR")};
    QTest::newRow("CPU-only runtime") << "power:17.02,runtime-min=1100,label=CPU"
                                      << QStringList{QStringLiteral("--power-w"), QStringLiteral("17.02"), QStringLiteral("--runtime-min"), QStringLiteral("1100")};
    QTest::newRow("real log") << kLog << QStringList{kLog};
    QTest::newRow("real log, own settings") << kLog + QStringLiteral(",runs-per-week=3,grid=US-CAMX")
                                            << QStringList{kLog, QStringLiteral("--runs-per-week"), QStringLiteral("3"), QStringLiteral("--grid"), QStringLiteral("US-CAMX")};
}

void TestCompareCli::compareMatchesSummary()
{
    QFETCH(QString, scenario);
    QFETCH(QStringList, summaryArguments);
    // The options for all give the runtime; each scenario's own settings override them.
    const QJsonObject compared = json({QStringLiteral("compare"), QStringLiteral("power:17.02"), scenario, QStringLiteral("--runtime-min"),
                                       QStringLiteral("709"), QStringLiteral("--json")});
    const QJsonArray scenarios = compared.value(QStringLiteral("scenarios")).toArray();
    QCOMPARE(scenarios.size(), 2);
    // Later options win in summary as in compare, so the shared runtime goes first.
    const QJsonObject expected = json(QStringList{QStringLiteral("summary"), QStringLiteral("--runtime-min"), QStringLiteral("709")} + summaryArguments
                                      + QStringList{QStringLiteral("--json")});
    QVERIFY(!expected.isEmpty());
    QCOMPARE(scenarios.at(1).toObject(), expected);
}

void TestCompareCli::compareDeltas()
{
    const QJsonObject o = json({QStringLiteral("compare"), QStringLiteral("power:17.02,label=MPS"), QStringLiteral("power:17.02,runtime-min=1100,label=CPU"),
                                QStringLiteral("power:17.02,runs-per-week=3"), QStringLiteral("power:17.02,grid=FR"), QStringLiteral("--runtime-min"),
                                QStringLiteral("709"), QStringLiteral("--json")});
    QCOMPARE(o.value(QStringLiteral("scenarios")).toArray().size(), 4);
    const QJsonArray deltas = o.value(QStringLiteral("deltas")).toArray();
    QCOMPARE(deltas.size(), 3);
    auto figure = [&](int i, const char *section, const char *key, const char *part) {
        return deltas.at(i).toObject().value(QLatin1String(section)).toObject().value(QLatin1String(key)).toObject().value(QLatin1String(part)).toDouble();
    };
    QCOMPARE(deltas.at(0).toObject().value(QStringLiteral("label")).toString(), QStringLiteral("CPU"));
    QCOMPARE(deltas.at(0).toObject().value(QStringLiteral("against")).toString(), QStringLiteral("MPS"));
    // CPU: 1100 / 709 − 1 = +55.148 %.
    QCOMPARE(qRound(figure(0, "scenario", "kwh_per_year", "percent") * 1000), 55148);
    // Three nights: 52.2911 × 2/5 = −20.9164 kWh, −40 %.
    QCOMPARE(qRound(figure(1, "scenario", "kwh_per_year", "absolute") * 10000), -209164);
    QCOMPARE(qRound(figure(1, "scenario", "kwh_per_year", "percent")), -40);
    // France: 2.9283 − 19.2123 = −16.2840 kg CO2, −84.758 %; −16,284 g ÷ 8,887 g/gal = −1.8323 gal.
    QCOMPARE(qRound(figure(2, "emissions", "co2_kg_per_year", "absolute") * 10000), -162840);
    QCOMPARE(qRound(figure(2, "emissions", "co2_kg_per_year", "percent") * 1000), -84758);
    QCOMPARE(qRound(figure(2, "emissions", "gasoline_gallons_per_year", "absolute") * 10000), -18323);
}

void TestCompareCli::compareTextTable()
{
    const Result r = run({QStringLiteral("compare"), QStringLiteral("power:17.02,label=five nights"), QStringLiteral("power:17.02,runs-per-week=3"),
                          QStringLiteral("--runtime-min"), QStringLiteral("709")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("[1] five nights"), r.out.constData());
    QVERIFY2(r.out.contains("31.37 (-40.0 %)"), r.out.constData());
}

void TestCompareCli::compareUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString rt = QStringLiteral("--runtime-min");
    QTest::newRow("one scenario") << QStringList{QStringLiteral("power:17"), rt, QStringLiteral("709")} << 1 << "two or more scenarios";
    QTest::newRow("unknown setting") << QStringList{QStringLiteral("power:17"), QStringLiteral("power:17,nights=3"), rt, QStringLiteral("709")} << 1
                                     << "unknown scenario setting \"nights\"";
    QTest::newRow("no value") << QStringList{QStringLiteral("power:17"), QStringLiteral("power:17,grid"), rt, QStringLiteral("709")} << 1
                              << "expected setting=value";
    QTest::newRow("unknown region") << QStringList{QStringLiteral("power:17"), QStringLiteral("power:17,grid=FX"), rt, QStringLiteral("709")} << 1
                                    << "unknown grid region \"FX\"";
    QTest::newRow("typed without runtime") << QStringList{QStringLiteral("power:17"), QStringLiteral("power:18")} << 1 << "runtime-min";
    QTest::newRow("not a number") << QStringList{QStringLiteral("power:abc"), QStringLiteral("power:18"), rt, QStringLiteral("709")} << 1 << "--power-w";
    QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/run.txt"), QStringLiteral("power:18"), rt, QStringLiteral("709")} << 2
                                  << "/nonexistent/run.txt";
    QTest::newRow("run library") << QStringList{QStringLiteral("run:7"), QStringLiteral("power:18"), rt, QStringLiteral("709")} << 2 << "run:7";
}

void TestCompareCli::compareUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result r = run(QStringList{QStringLiteral("compare")} + arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

namespace {

quint32 bigEndian(const QByteArray &bytes, int at)
{
    return (quint32(quint8(bytes[at])) << 24) | (quint32(quint8(bytes[at + 1])) << 16) | (quint32(quint8(bytes[at + 2])) << 8) | quint8(bytes[at + 3]);
}

} // namespace

void TestCompareCli::compareNamesFilesByStem()
{
    // Legends and headings get the file's stem; the full path is said once, in the notes.
    const QString stem = QStringLiteral("powermetrics-m4-mac16_6-macos15-binsquare");
    const Result r = run({QStringLiteral("compare"), kLog, kLog + QStringLiteral(",grid=FR"), kLog + QStringLiteral(",label=mine")});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("[1] %1\n").arg(stem)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("[2] %1,grid=FR\n").arg(stem)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("[3] mine\n")), qPrintable(out));
    QCOMPARE(out.count(QStringLiteral("    source: %1\n").arg(kLog)), 3);
    const QJsonObject o = json({QStringLiteral("compare"), kLog, kLog + QStringLiteral(",grid=FR"), QStringLiteral("--json")});
    const QJsonObject delta = o.value(QStringLiteral("deltas")).toArray().at(0).toObject();
    QCOMPARE(delta.value(QStringLiteral("against")).toString(), stem);
    QCOMPARE(delta.value(QStringLiteral("label")).toString(), stem + QStringLiteral(",grid=FR"));
}

void TestCompareCli::compareWarnsOfEachLogsIssues()
{
    // Two bad lines in a log that still loads: said on stderr as `summary` says them, once for
    // the log however many scenarios read it; the JSON carries them instead.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("partial.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("time_s,power_w\n0,10\n1,-4\n1.5,x\n2,30\n");
    file.close();
    const Result text = run({QStringLiteral("compare"), path, path + QStringLiteral(",grid=FR")});
    QCOMPARE(text.exitCode, 0);
    const QString err = QString::fromUtf8(text.err);
    QCOMPARE(err.count(QStringLiteral("nightwatt: %1:3: warning: ").arg(path)), 1);
    QCOMPARE(err.count(QStringLiteral("nightwatt: %1:4: warning: ").arg(path)), 1);
    const Result json = run({QStringLiteral("compare"), path, path + QStringLiteral(",grid=FR"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.err, QByteArray());
}

void TestCompareCli::comparePng()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("compare.png"));
    const Result r = run({QStringLiteral("compare"), QStringLiteral("power:17.02"), QStringLiteral("power:17.02,grid=FR"), QStringLiteral("--runtime-min"),
                          QStringLiteral("709"), QStringLiteral("--png"), path, QStringLiteral("--size"), QStringLiteral("900x500")});
    QCOMPARE(r.exitCode, 0);
    QFile png(path);
    QVERIFY(png.open(QIODevice::ReadOnly));
    const QByteArray bytes = png.readAll();
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit at bytes 16 and 20.
    QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
    QCOMPARE(bytes.mid(12, 4), QByteArray("IHDR"));
    QCOMPARE(bigEndian(bytes, 16), 900u);
    QCOMPARE(bigEndian(bytes, 20), 500u);
    // A blank 900×500 image compresses to about a kilobyte; bars, axes and text do not.
    QVERIFY2(bytes.size() > 10000, qPrintable(QString::number(bytes.size())));
}

void TestCompareCli::compareSvgAndPdf()
{
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("compare.svg"));
    const QString pdfPath = dir.filePath(QStringLiteral("compare.pdf"));
    const Result r = run({QStringLiteral("compare"), QStringLiteral("power:17.02,label=US"), QStringLiteral("power:17.02,grid=FR,label=France"),
                          QStringLiteral("--runtime-min"), QStringLiteral("709"), QStringLiteral("--svg"), svgPath, QStringLiteral("--pdf"), pdfPath});
    QCOMPARE(r.exitCode, 0);
    QFile svgFile(svgPath);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svg = svgFile.readAll();
    // Bars as shapes and labels as text, never one embedded picture.
    QVERIFY(svg.contains("<text") && svg.contains("France</text>") && svg.contains("CO2 per year"));
    QVERIFY(svg.contains("<path") || svg.contains("<rect") || svg.contains("<polygon"));
    QVERIFY(!svg.contains("<image"));
    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.readAll().startsWith("%PDF-"));
}

void TestCompareCli::gridsCommand()
{
    const Result all = run({QStringLiteral("grids"), QStringLiteral("--json")});
    QCOMPARE(all.exitCode, 0);
    const QJsonArray regions = QJsonDocument::fromJson(all.out).object().value(QStringLiteral("regions")).toArray();
    QCOMPARE(regions.size(), 100); // 69 countries + 28 eGRID + 3 EIA
    const Result camx = run({QStringLiteral("grids"), QStringLiteral("california")});
    QCOMPARE(camx.exitCode, 0);
    QVERIFY2(camx.out.contains("US-CAMX") && camx.out.contains("195.0") && camx.out.contains("2023"), camx.out.constData());
    QCOMPARE(run({QStringLiteral("grids"), QStringLiteral("atlantis")}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCompareCli)
#include "tst_compare.moc"
