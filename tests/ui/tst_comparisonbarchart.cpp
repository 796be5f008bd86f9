#include "charts/channelstyle.h"
#include "charts/comparisonbarchart.h"
#include "report/comparison.h"

#include <QImage>
#include <QTest>

using namespace nightwatt;

class TestComparisonBarChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawsEveryScenario();
    void emptyComparisonStillDraws();
};

namespace {

RunSummary typed(double powerW, double gridGPerKWh)
{
    RunSummary s;
    s.scenario.meanPowerW = powerW;
    s.scenario.gridGPerKWh = gridGPerKWh;
    s.result = computeScenario(s.scenario);
    return s;
}

// Pixels of exactly this colour: bars are filled flat, so each scenario's colour must appear.
int pixelsOf(const QImage &image, QRgb colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            count += (line[x] & 0xffffff) == (colour & 0xffffff) ? 1 : 0;
    }
    return count;
}

} // namespace

void TestComparisonBarChart::drawsEveryScenario()
{
    ScenarioComparison c;
    c.scenarios = {typed(17.02, 367.41), typed(17.02, 56.0), typed(34.04, 367.41)};
    c.labels = {QStringLiteral("US"), QStringLiteral("France"), QStringLiteral("double")};
    const QImage image = renderComparisonChart(c, QSize(1200, 600));
    QCOMPARE(image.size(), QSize(1200, 600));
    const int blue = pixelsOf(image, paletteColor(0).rgb()), orange = pixelsOf(image, paletteColor(1).rgb()), red = pixelsOf(image, paletteColor(2).rgb());
    QVERIFY2(blue > 500 && orange > 500 && red > 500, qPrintable(QStringLiteral("%1 %2 %3").arg(blue).arg(orange).arg(red)));
    // The doubled power's bars are taller than the first's in all three panels, so it covers more
    // pixels; France's CO2 and gasoline bars are about 15 % of the US ones, so it covers fewer.
    QVERIFY(red > blue);
    QVERIFY(orange < blue);
    // Not blank: a good share of the image is not the white background.
    QVERIFY(image.width() * image.height() - pixelsOf(image, 0xffffff) > 20000);
}

void TestComparisonBarChart::emptyComparisonStillDraws()
{
    const QImage image = renderComparisonChart(ScenarioComparison(), QSize(400, 300));
    QCOMPARE(image.size(), QSize(400, 300));
}

QTEST_MAIN(TestComparisonBarChart)
#include "tst_comparisonbarchart.moc"
