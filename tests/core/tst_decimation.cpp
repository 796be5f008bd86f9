#include "trace/decimation.h"
#include "trace/trace.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace nightwatt;

Q_DECLARE_METATYPE(std::vector<float>)

class TestDecimation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsEveryBucketsExtremes_data();
    void keepsEveryBucketsExtremes();
    void sparseDataComesBackRaw();
    void missingValuesAreSkipped();
    void singleSpikeSurvives();
    void bucketsFollowTheXAxis();
    void subRange();
    void benchmarkMillionSamples();
};

namespace {

std::vector<float> sine(qsizetype n)
{
    std::vector<float> v(static_cast<size_t>(n));
    for (qsizetype i = 0; i < n; ++i)
        v[size_t(i)] = float(10.0 + 5.0 * std::sin(double(i) * 0.013) + (i % 7) * 0.3);
    return v;
}

} // namespace

void TestDecimation::keepsEveryBucketsExtremes_data()
{
    QTest::addColumn<std::vector<float>>("values");
    QTest::addColumn<int>("columns");
    QTest::newRow("1000 samples, 10 columns") << sine(1000) << 10;
    QTest::newRow("uneven: 1003 samples, 7 columns") << sine(1003) << 7;
    QTest::newRow("100000 samples, 800 columns") << sine(100000) << 800;
    std::vector<float> constant(5000, 3.5f);
    QTest::newRow("constant") << constant << 100;
    std::vector<float> withHoles = sine(4000);
    for (size_t i = 0; i < withHoles.size(); i += 3)
        withHoles[i] = kMissing;
    QTest::newRow("every third missing") << withHoles << 50;
}

// The defining property: for every pixel column, the smallest and largest present sample of
// that column (worked out here by brute force) are drawn, and at most four points per column are.
void TestDecimation::keepsEveryBucketsExtremes()
{
    QFETCH(std::vector<float>, values);
    QFETCH(int, columns);
    const qsizetype n = qsizetype(values.size());
    const auto picked = decimateMinMax(values, 0, n, columns);
    QVERIFY(picked.size() <= size_t(columns) * 4);
    QVERIFY(std::is_sorted(picked.begin(), picked.end()));
    QVERIFY(std::adjacent_find(picked.begin(), picked.end()) == picked.end());

    // Sample i belongs to column i × columns / n (integer division): the columns split the
    // index range evenly.
    const auto columnOf = [&](qsizetype i) { return i * columns / n; };
    for (int c = 0; c < columns; ++c) {
        float lo = INFINITY, hi = -INFINITY, pickedLo = INFINITY, pickedHi = -INFINITY;
        for (qsizetype i = 0; i < n; ++i) {
            if (columnOf(i) != c || isMissing(values[size_t(i)]))
                continue;
            lo = std::min(lo, values[size_t(i)]);
            hi = std::max(hi, values[size_t(i)]);
        }
        int inColumn = 0;
        for (qsizetype i : picked) {
            if (columnOf(i) != c)
                continue;
            ++inColumn;
            QVERIFY(!isMissing(values[size_t(i)]));
            pickedLo = std::min(pickedLo, values[size_t(i)]);
            pickedHi = std::max(pickedHi, values[size_t(i)]);
        }
        QVERIFY2(inColumn <= 4, qPrintable(QStringLiteral("column %1 has %2 points").arg(c).arg(inColumn)));
        QCOMPARE(pickedLo, lo);
        QCOMPARE(pickedHi, hi);
    }
}

void TestDecimation::sparseDataComesBackRaw()
{
    const std::vector<float> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // 10 samples over 3 columns is under 4 per column: every sample is drawn.
    const auto picked = decimateMinMax(values, 0, 10, 3);
    QCOMPARE(picked.size(), size_t(10));
    QCOMPARE(picked.front(), 0);
    QCOMPARE(picked.back(), 9);
    QVERIFY(decimateMinMax(values, 0, 0, 3).empty());
    QVERIFY(decimateMinMax({}, 0, 10, 3).empty());
    QVERIFY(decimateMinMax(values, 0, 10, 0).empty());
}

void TestDecimation::missingValuesAreSkipped()
{
    const std::vector<float> values = {1, kMissing, 3, kMissing};
    const auto picked = decimateMinMax(values, 0, 4, 100);
    QCOMPARE(picked, (std::vector<qsizetype>{0, 2}));
    const std::vector<float> allMissing(1000, kMissing);
    QVERIFY(decimateMinMax(allMissing, 0, 1000, 10).empty());
}

void TestDecimation::singleSpikeSurvives()
{
    std::vector<float> values(1'000'000, 5.0f);
    values[654'321] = 90.0f; // one 90 W spike among a million 5 W samples
    values[17] = 0.5f;       // and one dip
    const auto picked = decimateMinMax(values, 0, qsizetype(values.size()), 1000);
    QVERIFY(picked.size() <= 4000);
    QVERIFY(std::find(picked.begin(), picked.end(), 654'321) != picked.end());
    QVERIFY(std::find(picked.begin(), picked.end(), 17) != picked.end());
    // The line still starts and ends where the data does.
    QCOMPARE(picked.front(), 0);
    QCOMPARE(picked.back(), qsizetype(values.size()) - 1);
}

// Samples bunched at the start of the x range (1 s apart for 900 samples, then 100 s apart) fall in
// columns by x: the first 900 s are 900/(899 + 100*100) of the width, so they share few columns.
void TestDecimation::bucketsFollowTheXAxis()
{
    std::vector<double> xs;
    std::vector<float> values;
    for (int i = 0; i < 900; ++i) {
        xs.push_back(i);
        values.push_back(float(i % 10));
    }
    for (int i = 1; i <= 100; ++i) {
        xs.push_back(899 + 100.0 * i);
        values.push_back(1.0f);
    }
    const auto byX = decimateMinMax(values, 0, 1000, 100, xs);
    const auto byIndex = decimateMinMax(values, 0, 1000, 100);
    // By x: the dense part spans columns 0..8 (899 / 10899 × 100 = 8.2) → at most 9 × 4 = 36
    // points, plus the 100 sparse samples at one per column (some columns share the first).
    qsizetype dense = std::count_if(byX.begin(), byX.end(), [](qsizetype i) { return i < 900; });
    QVERIFY2(dense <= 36, qPrintable(QString::number(dense)));
    // By index: the first 900 samples fill 90 of the 100 columns, 10 samples each (0..9): the
    // first (= min) and the last (= max) of each column are drawn, 180 points.
    qsizetype denseByIndex = std::count_if(byIndex.begin(), byIndex.end(), [](qsizetype i) { return i < 900; });
    QCOMPARE(denseByIndex, 180);
    QVERIFY(std::find(byX.begin(), byX.end(), 999) != byX.end());
}

void TestDecimation::subRange()
{
    const auto values = sine(10000);
    const auto picked = decimateMinMax(values, 2000, 3000, 50);
    QVERIFY(!picked.empty());
    QCOMPARE(picked.front(), 2000);
    QCOMPARE(picked.back(), 2999);
    QVERIFY(picked.size() <= 200);
    // Out-of-range bounds are clamped, not trusted.
    QCOMPARE(decimateMinMax(values, 9990, 20000, 100).size(), size_t(10));
}

void TestDecimation::benchmarkMillionSamples()
{
    const auto values = sine(1'000'000);
    std::vector<qsizetype> picked;
    QBENCHMARK {
        picked = decimateMinMax(values, 0, qsizetype(values.size()), 1600);
    }
    QVERIFY(picked.size() <= 6400);
}

QTEST_APPLESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
