// Formats that read only a few kinds of line (powermetrics) give LineLogParser a filter on how a
// line starts and its last byte; the others are counted and skipped, 64 bytes at a time where
// the processor allows. Every line that passes the filter must still arrive, whole, with its
// number, wherever it falls against those blocks and however the input is fed.
#include "formats/logparser.h"
#include "formats/tracebuilder.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace nightwatt;

class TestLineFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void blockEdges_data();
    void blockEdges();
    void randomInputs_data();
    void randomInputs();
};

namespace {

struct Line
{
    qint64 number;
    QByteArray text;
    bool operator==(const Line &other) const { return number == other.number && text == other.text; }
};

// Starts of one byte, of a few, and longer than the eight bytes the filter compares.
const QByteArrayView kStarts[] = {"*** Sampled system activity (", "M", "OS v"};
constexpr char kLast[] = "W";

bool startsInterestingly(const QByteArray &line)
{
    for (QByteArrayView start : kStarts) {
        if (line.startsWith(start.first(std::min<qsizetype>(start.size(), 8))))
            return true;
    }
    return false;
}

class RecordingParser final : public LineLogParser
{
public:
    RecordingParser()
    {
        setSink(&m_sink);
        setLineFilter({kStarts[0], kStarts[1], kStarts[2]}, kLast);
    }
    std::vector<Line> lines;

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override { lines.push_back({lineNumber, line.toByteArray()}); }

private:
    TraceBuilder m_sink;
};

bool isFiller(char c)
{
    return c == '\r' || c == '\0' || c == ' ' || c == '\t';
}

// What the filter promises, written the plain way: split at newlines (at CRs instead when the
// first line ends in a CR without LF), drop CR, NUL and blanks before them, keep non-empty lines
// that start with (up to eight bytes of) a start or end in a last byte.
std::vector<Line> expectedLines(QByteArray input)
{
    if (input.startsWith("\xEF\xBB\xBF"))
        input.remove(0, 3);
    const qsizetype firstEnd = std::min<qsizetype>(input.indexOf('\r') < 0 ? input.size() : input.indexOf('\r'),
                                                   input.indexOf('\n') < 0 ? input.size() : input.indexOf('\n'));
    if (firstEnd + 1 < input.size() && input[firstEnd] == '\r' && input[firstEnd + 1] != '\n')
        input.replace('\r', '\n');
    std::vector<Line> lines;
    qint64 number = 0;
    qsizetype start = 0;
    for (qsizetype at = input.indexOf('\n'); at >= 0; start = at + 1, at = input.indexOf('\n', start)) {
        ++number;
        QByteArray line = input.mid(start, at - start);
        while (!line.isEmpty() && isFiller(line.back()))
            line.chop(1);
        if (!line.isEmpty() && (startsInterestingly(line) || QByteArrayView(kLast).contains(line.back())))
            lines.push_back({number, line});
    }
    // A last line without a newline goes to the format whatever its bytes (it decides whether a
    // cut-off line counts), unless it is only padding; one that ends in a CR is whole, and filtered.
    QByteArray rest = input.mid(start);
    const bool endsInCr = rest.endsWith('\r');
    const bool padding = std::all_of(rest.begin(), rest.end(), isFiller);
    while (!rest.isEmpty() && isFiller(rest.back()))
        rest.chop(1);
    if (endsInCr) {
        if (!rest.isEmpty() && (startsInterestingly(rest) || QByteArrayView(kLast).contains(rest.back())))
            lines.push_back({number + 1, rest});
    } else if (!padding) {
        lines.push_back({number + 1, rest});
    }
    return lines;
}

std::vector<Line> parsedLines(const QByteArray &input, qsizetype chunk)
{
    RecordingParser parser;
    for (qsizetype offset = 0; offset < input.size(); offset += chunk)
        parser.feed(QByteArrayView(input).sliced(offset, std::min(chunk, input.size() - offset)));
    parser.finish();
    return parser.lines;
}

QByteArray describe(const std::vector<Line> &lines)
{
    QByteArray text;
    for (const Line &line : lines)
        text += QByteArray::number(line.number) + ": " + line.text.toPercentEncoding(" *:") + '\n';
    return text;
}

// A line of dull filler bytes with the given first and last byte (0: a filler byte).
QByteArray line(int length, char first = 0, char last = 0)
{
    QByteArray text(length, 'x');
    if (length > 0 && first)
        text[0] = first;
    if (length > 0 && last)
        text[length - 1] = last;
    return text + '\n';
}

} // namespace

void TestLineFilter::cleanup()
{
    LineLogParser::setVectorScanAllowed(true);
}

void TestLineFilter::blockEdges_data()
{
    QTest::addColumn<QByteArray>("input");
    // Inputs are read from their start in 64-byte blocks: put the lines that matter at their edges.
    for (int offset : {0, 1, 30, 31, 32, 33, 61, 62, 63, 64, 65, 127, 128}) {
        const QByteArray pad = offset > 0 ? line(offset - 1) : QByteArray();
        QTest::addRow("power line ends at %d", offset) << pad.left(std::max(0, offset - 3)) + line(2, 0, 'W') + line(200);
        QTest::addRow("header starts at %d", offset) << pad + "*** Sampled system activity (x\n" + line(200);
        QTest::addRow("section title at %d", offset) << pad + "**** GPU usage ****\n" + line(200);
        QTest::addRow("header cut to 8 bytes at %d", offset) << pad + "*** Samp\n" + line(200);
        QTest::addRow("header cut to 7 bytes at %d", offset) << pad + "*** Sam\n" + line(200);
        QTest::addRow("one-byte start at %d", offset) << pad + line(1, 'M') + line(200);
        QTest::addRow("four-byte start at %d", offset) << pad + "OS v\nOS \nOS version: 15\n" + line(200);
        QTest::addRow("CR line at %d", offset) << pad + QByteArray("CPU Power: 5 mW\r\n") + line(200);
        QTest::addRow("NUL padding at %d", offset) << pad + QByteArray(7, '\0') + '\n' + line(3, 0, 'W') + line(200);
        QTest::addRow("empty lines at %d", offset) << pad + "\n\n\nW\n\n*\n" + line(200);
        QTest::addRow("long line from %d", offset) << pad + line(300, 'M') + line(300, 0, 'W') + "*** Sampled" + line(300);
        QTest::addRow("dull W inside at %d", offset) << pad + line(60, 'x', 'x').replace('x', 'W').append("xx\n") + line(200);
    }
    QTest::newRow("input that is one interesting line") << QByteArray("GPU Power: 12352 mW");
    QTest::newRow("a BOM before a header") << QByteArray("\xEF\xBB\xBF*** Sampled system activity (\nxx\n") + line(100);
    QTest::newRow("no newline at all") << QByteArray(500, 'x');
}

void TestLineFilter::blockEdges()
{
    QFETCH(QByteArray, input);
    const std::vector<Line> expected = expectedLines(input);
    QVERIFY(!expected.empty() || !input.contains("*** Samp"));
    for (bool vector : {true, false}) {
        LineLogParser::setVectorScanAllowed(vector);
        for (qsizetype chunk : {qsizetype(1), qsizetype(7), qsizetype(64), qsizetype(65), input.size()}) {
            const std::vector<Line> lines = parsedLines(input, std::max<qsizetype>(chunk, 1));
            QVERIFY2(lines == expected, qPrintable(QStringLiteral("vector %1, chunks of %2:\n%3\nexpected:\n%4")
                                                       .arg(vector)
                                                       .arg(chunk)
                                                       .arg(QString::fromLatin1(describe(lines)), QString::fromLatin1(describe(expected)))));
        }
    }
}

void TestLineFilter::randomInputs_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 40; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void TestLineFilter::randomInputs()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    // Bytes the filter and the scanner care about, often, among dull ones.
    static constexpr char kAlphabet[] = {'\n', '\n', '\n', '\r', '\0', '*', 'M', 'O', 'W', 'm', 'x', 'x', 'x', ' ', '\t', '1', '\xC3'};
    const int meanLine = 2 + int(random.bounded(120));
    QByteArray input;
    // Line starts the filter compares, whole, cut short, or nearly right.
    static const QByteArray kLineStarts[] = {"*** Sampled system activity (", "*** Samp", "*** Sam", "**** GPU", "M", "OS v", "OS ", "O"};
    while (input.size() < 6000) {
        if (random.bounded(3) == 0)
            input += kLineStarts[random.bounded(int(std::size(kLineStarts)))];
        const int length = int(random.bounded(2 * meanLine));
        for (int i = 0; i < length; ++i)
            input += random.bounded(4) == 0 ? kAlphabet[random.bounded(int(sizeof kAlphabet))] : 'x';
        input += '\n';
    }
    if (random.bounded(2))
        input.chop(1 + int(random.bounded(40)));
    const std::vector<Line> expected = expectedLines(input);
    for (bool vector : {true, false}) {
        LineLogParser::setVectorScanAllowed(vector);
        const qsizetype chunk = 1 + qsizetype(random.bounded(300));
        for (qsizetype size : {chunk, input.size()}) {
            const std::vector<Line> lines = parsedLines(input, size);
            QCOMPARE(lines.size(), expected.size());
            QVERIFY2(lines == expected, qPrintable(QStringLiteral("vector %1, chunks of %2").arg(vector).arg(size)));
        }
    }
}

QTEST_GUILESS_MAIN(TestLineFilter)
#include "tst_linefilter.moc"
