// The power chart's unit follows the magnitude of the run (Auto), a chosen unit stays, and the
// axis reads like a figure: its title names the unit, its ticks are round numbers in the
// locale's style.
#include "charts/powerchart.h"
#include "charts/powerunit.h"

#include "trace/trace.h"

#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace nightwatt;

namespace {

// `channels` channels named gpu0.., each a ramp from 0 to `peakWatts`.
Trace rampTrace(int channels, double peakWatts)
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    const int n = 50;
    std::vector<double> times(n);
    std::vector<std::vector<float>> values(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(n)));
    for (int c = 0; c < channels; ++c)
        trace.ensureChannel({QStringLiteral("gpu%1").arg(c), QStringLiteral("GPU %1").arg(c), ChannelRole::Component});
    for (int i = 0; i < n; ++i) {
        times[size_t(i)] = i;
        for (int c = 0; c < channels; ++c)
            values[size_t(c)][size_t(i)] = float(peakWatts * i / (n - 1));
    }
    std::vector<std::span<const float>> columns;
    for (const auto &v : values)
        columns.emplace_back(v);
    trace.appendColumns(times, {}, columns);
    return trace;
}

// On screen, so that the axes are laid out and their labels are whole, not elided.
bool showTrace(PowerChart &chart, const Trace &trace)
{
    chart.resize(800, 500);
    chart.show();
    if (!QTest::qWaitForWindowExposed(&chart))
        return false;
    chart.setTrace(&trace);
    chart.redrawNow();
    return true;
}

QStringList chartTexts(const PowerChart &chart)
{
    QStringList texts;
    for (QGraphicsItem *item : chart.findChild<QGraphicsView *>()->scene()->items()) {
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
            texts << text->toPlainText();
    }
    return texts;
}

} // namespace

class TestChartUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void autoFollowsThePeak_data();
    void autoFollowsThePeak();
    void chosenUnitStays();
    void ticksUseTheLocalesSeparators();
    void savedChoiceReadsBack();
};

void TestChartUnits::autoFollowsThePeak_data()
{
    QTest::addColumn<double>("peakWatts");
    QTest::addColumn<QString>("title");
    QTest::newRow("laptop rails, 6 W") << 6.0 << QStringLiteral("Power (mW)");
    QTest::newRow("one GPU, 300 W") << 300.0 << QStringLiteral("Power (W)");
    QTest::newRow("rack, 40 kW") << 40000.0 << QStringLiteral("Power (kW)");
}

void TestChartUnits::autoFollowsThePeak()
{
    QFETCH(double, peakWatts);
    QFETCH(QString, title);
    const Trace trace = rampTrace(1, peakWatts);
    PowerChart chart;
    QVERIFY(showTrace(chart, trace));
    QCOMPARE(chart.powerUnit(), PowerUnit::Auto);
    QVERIFY2(chartTexts(chart).contains(title), qPrintable(chartTexts(chart).join(u'|')));
}

void TestChartUnits::chosenUnitStays()
{
    const Trace trace = rampTrace(1, 40000.0);
    PowerChart chart;
    QVERIFY(showTrace(chart, trace));
    chart.setPowerUnit(PowerUnit::Watts);
    chart.redrawNow();
    QCOMPARE(chart.shownPowerUnit(), PowerUnit::Watts);
    QVERIFY(chartTexts(chart).contains(QStringLiteral("Power (W)")));
}

void TestChartUnits::ticksUseTheLocalesSeparators()
{
    // A 9 kW peak reads in W: the ticks run to thousands.
    const Trace trace = rampTrace(1, 9000.0);
    PowerChart chart;
    QVERIFY(showTrace(chart, trace));
    QCOMPARE(chart.shownPowerUnit(), PowerUnit::Watts);
    const QStringList texts = chartTexts(chart);
    const QRegularExpression grouped(QStringLiteral("^\\d{1,3}(,\\d{3})+$"));
    const QRegularExpression ungrouped(QStringLiteral("^\\d{4,}(\\.\\d+)?$"));
    bool sawGrouped = false;
    for (const QString &text : texts) {
        QVERIFY2(!ungrouped.match(text).hasMatch(), qPrintable(text));
        QVERIFY2(!text.endsWith(QStringLiteral(".0")), qPrintable(text));
        sawGrouped = sawGrouped || grouped.match(text).hasMatch();
    }
    QVERIFY2(sawGrouped, qPrintable(texts.join(u'|')));
}

void TestChartUnits::savedChoiceReadsBack()
{
    // What earlier versions saved keeps its meaning; nothing saved means Auto.
    QCOMPARE(unitFromSetting(QStringLiteral("mW")), PowerUnit::Milliwatts);
    QCOMPARE(unitFromSetting(QStringLiteral("W")), PowerUnit::Watts);
    QCOMPARE(unitFromSetting(QString()), PowerUnit::Auto);
    for (PowerUnit unit : {PowerUnit::Auto, PowerUnit::Milliwatts, PowerUnit::Watts, PowerUnit::Kilowatts})
        QCOMPARE(unitFromSetting(unitSettingValue(unit)), unit);
}

QTEST_MAIN(TestChartUnits)
#include "tst_chartunits.moc"
