#include "formats/powervalue.h"

#include <QTest>

#include <charconv>
#include <cmath>
#include <random>

using namespace nightwatt;

class TestPowerValue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numbers_data();
    void numbers();
    void fastPathIsExact();
    void plausibility();
};

void TestPowerValue::numbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    QTest::newRow("integer") << QByteArray("6196") << true << 6196.0;
    QTest::newRow("decimal") << QByteArray("72.45") << true << 72.45;
    QTest::newRow("padded") << QByteArray("  28.16 ") << true << 28.16;
    QTest::newRow("plus") << QByteArray("+3") << true << 3.0;
    QTest::newRow("negative") << QByteArray("-0.5") << true << -0.5;
    QTest::newRow("exponent") << QByteArray("9.923355406711232e-05") << true << 9.923355406711232e-05;
    QTest::newRow("many digits") << QByteArray("0.37899999999999995") << true << 0.37899999999999995;
    QTest::newRow("trailing dot") << QByteArray("12.") << true << 12.0;
    QTest::newRow("leading dot") << QByteArray(".5") << true << 0.5;
    QTest::newRow("empty") << QByteArray("") << false << 0.0;
    QTest::newRow("sign only") << QByteArray("-") << false << 0.0;
    QTest::newRow("dot only") << QByteArray(".") << false << 0.0;
    QTest::newRow("two dots") << QByteArray("1.2.3") << false << 0.0;
    QTest::newRow("unit left on") << QByteArray("12 W") << false << 0.0;
    QTest::newRow("decimal comma") << QByteArray("46,35") << false << 0.0;
    QTest::newRow("N/A") << QByteArray("[N/A]") << false << 0.0;
}

void TestPowerValue::numbers()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(double, value);
    const auto parsed = parseNumber(text);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(*parsed, value);
}

void TestPowerValue::fastPathIsExact()
{
    // The fast path must give the same double as a full decimal conversion, bit for bit.
    std::mt19937_64 random(42);
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t mantissa = random() % 1000000000000000ULL;
        const int decimals = int(random() % 16);
        QByteArray text = QByteArray::number(qulonglong(mantissa));
        if (decimals > 0) {
            text = text.rightJustified(decimals + 1, '0');
            text.insert(text.size() - decimals, '.');
        }
        double expected = 0;
        std::from_chars(text.constData(), text.constData() + text.size(), expected);
        const auto parsed = parseNumber(text);
        QVERIFY2(parsed && *parsed == expected, text.constData());
    }
}

void TestPowerValue::plausibility()
{
    QVERIFY(implausiblePowerReason(17.02).isEmpty());
    QVERIFY(implausiblePowerReason(0).isEmpty());
    QVERIFY(implausiblePowerReason(-1).contains(QStringLiteral("negative")));
    QVERIFY(!implausiblePowerReason(std::nan("")).isEmpty());
    QVERIFY(!implausiblePowerReason(INFINITY).isEmpty());
    QVERIFY(!implausiblePowerReason(2.0e6).isEmpty());
}

QTEST_APPLESS_MAIN(TestPowerValue)
#include "tst_powervalue.moc"
