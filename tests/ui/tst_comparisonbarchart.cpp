#include "charts/channelstyle.h"
#include "charts/comparisonbarchart.h"
#include "report/comparison.h"

#include <QFont>
#include <QImage>
#include <QTest>

using namespace nightwatt;

class TestComparisonBarChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawsEveryScenario();
    void emptyComparisonStillDraws();
    void legendWrapsLongNames();
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


void TestComparisonBarChart::legendWrapsLongNames()
{
    // A file stem with no spaces, far wider than the strip, beside two short names.
    const QStringList entries = {QStringLiteral("[1] ") + QString(160, u'x'), QStringLiteral("[2] France"), QStringLiteral("[3] US")};
    const QFontMetricsF metrics{QFont()};
    const qreal width = 400;
    const QList<LegendPlacement> places = layoutComparisonLegend(entries, metrics, width);
    QCOMPARE(places.size(), entries.size());
    for (qsizetype i = 0; i < places.size(); ++i) {
        const QRectF text = places.at(i).text;
        QVERIFY(text.left() >= 0 && text.right() <= width);
        // Every character fits in the entry's rectangle: nothing is cut or elided.
        const QRectF needed = metrics.boundingRect(QRectF(text.topLeft(), QSizeF(text.width(), 1e6)), Qt::TextWrapAnywhere, entries.at(i));
        QVERIFY2(needed.height() <= text.height() + 0.5 && needed.width() <= text.width() + 0.5, qPrintable(entries.at(i)));
    }
    QVERIFY(places.at(0).text.height() > 2 * metrics.height());
    // The short names share the row under the long one.
    QVERIFY(places.at(1).text.top() >= places.at(0).text.bottom());
    QCOMPARE(places.at(2).text.top(), places.at(1).text.top());
}

QTEST_MAIN(TestComparisonBarChart)
#include "tst_comparisonbarchart.moc"
