#include "formats/perfstatparser.h"

#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

constexpr QByteArrayView kElapsed = "seconds time elapsed";
constexpr QByteArrayView kStatsHeader = "Performance counter stats for";

struct KnownEvent
{
    const char *suffix; // after "energy-"
    const char *id;
    const char *label;
    ChannelRole role;
};

// energy-pkg is the whole package: the reported total. Cores, graphics and DRAM are parts shown
// beside it. psys (platform) covers more than the package; it is the total only when alone.
constexpr KnownEvent kEvents[] = {
    {"pkg", "package", "Package (reported)", ChannelRole::ReportedTotal},
    {"cores", "cores", "Cores", ChannelRole::Auxiliary},
    {"gpu", "gfx", "Graphics", ChannelRole::Auxiliary},
    {"ram", "dram", "DRAM", ChannelRole::Auxiliary},
    {"psys", "psys", "Platform (psys)", ChannelRole::ReportedTotal},
};

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size()).trimmed();
}

bool isNotCounted(QByteArrayView value)
{
    value = value.trimmed();
    return value.startsWith("<not ");
}

// "0.100167441": interval timestamps have nine decimals.
bool looksLikeIntervalTime(QByteArrayView token)
{
    const qsizetype mark = std::max(token.lastIndexOf('.'), token.lastIndexOf(','));
    return mark > 0 && token.size() - mark - 1 == 9;
}

// "S0", "S1-D0", "S0-D0-C3": the prefix --per-socket, --per-die and --per-core print.
bool isAggregateId(QByteArrayView token)
{
    if (token.size() < 2 || token[0] != 'S')
        return false;
    for (char c : token.sliced(1)) {
        if (!(c >= '0' && c <= '9') && c != '-' && c != 'D' && c != 'C')
            return false;
    }
    return true;
}

QList<QByteArrayView> asciiTokens(QByteArrayView text)
{
    QList<QByteArrayView> tokens;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t')
            ++i;
        if (i > start)
            tokens.append(text.sliced(start, i - start));
    }
    return tokens;
}

} // namespace

int PerfStatParser::sniff(QByteArrayView head)
{
    if (head.contains("Joules power/energy-") || head.contains(",Joules,power/energy-") || head.contains(";Joules;power/energy-"))
        return 90;
    if (head.contains(kStatsHeader) && head.contains("energy-"))
        return 70;
    return 0;
}

std::optional<double> PerfStatParser::parseLocaleNumber(QByteArrayView value)
{
    QByteArray cleaned;
    cleaned.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == ' ' || c == '\t' || c == '\'')
            continue;
        // U+202F narrow no-break space, U+2009 thin space (E2 80 xx), U+00A0 no-break space (C2 A0)
        if (c == '\xE2' && i + 2 < value.size() && value[i + 1] == '\x80' && (value[i + 2] == '\xAF' || value[i + 2] == '\x89')) {
            i += 2;
            continue;
        }
        if (c == '\xC2' && i + 1 < value.size() && value[i + 1] == '\xA0') {
            ++i;
            continue;
        }
        cleaned.append(c);
    }
    const qsizetype mark = std::max(cleaned.lastIndexOf('.'), cleaned.lastIndexOf(','));
    QByteArray normal;
    for (qsizetype i = 0; i < cleaned.size(); ++i) {
        if (cleaned[i] == '.' || cleaned[i] == ',') {
            if (i == mark)
                normal.append('.');
            continue;
        }
        normal.append(cleaned[i]);
    }
    return parseNumber(normal);
}

void PerfStatParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('#'))
        return;
    if (trimmed.startsWith(kStatsHeader)) {
        setMode(Mode::Runs);
        startRun();
        return;
    }
    const qsizetype elapsedAt = trimmed.indexOf(kElapsed);
    if (elapsedAt > 0) {
        // "120,002210990 seconds time elapsed" or, with -r, "34.92 +- 0.0007 seconds time elapsed"
        const QList<QByteArrayView> tokens = asciiTokens(trimmed.first(elapsedAt));
        const auto elapsed = tokens.isEmpty() ? std::nullopt : parseLocaleNumber(tokens.front());
        if (!elapsed || !(*elapsed > 0)) {
            reportIssue(lineNumber, QStringLiteral("elapsed time %1 is not a number; run left out").arg(quoteInput(trimmed.first(elapsedAt))));
            m_readings.clear();
            return;
        }
        if (m_mode == Mode::Intervals) {
            flushInterval();
            return;
        }
        setMode(Mode::Runs);
        finishRun(*elapsed, lineNumber);
        return;
    }
    if (!trimmed.contains("energy-"))
        return;
    if (parseCsv(trimmed, lineNumber))
        return;
    const qsizetype unitAt = trimmed.indexOf(" Joules ");
    if (unitAt >= 0) {
        parseEnergyText(trimmed.first(unitAt), asciiTokens(trimmed.sliced(unitAt + 8)).value(0), lineNumber);
        return;
    }
    // "<not counted>      power/energy-pkg/" prints no unit.
    if (trimmed.contains("<not ")) {
        const qsizetype close = trimmed.indexOf('>');
        const QList<QByteArrayView> rest = asciiTokens(trimmed.sliced(close + 1));
        for (const auto &token : rest) {
            if (token.contains("energy-")) {
                parseEnergyText(trimmed.first(close + 1), token, lineNumber);
                return;
            }
        }
    }
}

bool PerfStatParser::parseEnergyText(QByteArrayView beforeUnit, QByteArrayView event, qint64 lineNumber)
{
    // "46,35" or, with -I, "0.100167441   0.14" (interval end, then the value)
    QList<QByteArrayView> tokens = asciiTokens(beforeUnit);
    if (tokens.isEmpty())
        return false;
    std::optional<double> timeS;
    QByteArrayView valueText = beforeUnit.trimmed();
    if (tokens.size() >= 2 && looksLikeIntervalTime(tokens.front())) {
        timeS = parseLocaleNumber(tokens.front());
        valueText = valueText.sliced(tokens.front().size()).trimmed();
        tokens.removeFirst();
    }
    // --per-socket / --per-die: "S0        1      23,45" (aggregate id, CPUs counted, value).
    // The sockets' figures are summed into one sample.
    if (tokens.size() >= 3 && isAggregateId(tokens[0])) {
        const qsizetype countEnd = (tokens[1].data() + tokens[1].size()) - valueText.data();
        valueText = valueText.sliced(countEnd).trimmed();
    }
    addReading(timeS, valueText, event, std::nullopt, lineNumber);
    return true;
}

bool PerfStatParser::parseCsv(QByteArrayView line, qint64 lineNumber)
{
    // -x SEP: "value,unit,event,run-time,pct,…" or, with -I, "time,value,unit,event,…"
    const qsizetype unitAt = line.indexOf("Joules");
    qsizetype eventAt = line.indexOf("energy-");
    char separator = 0;
    if (unitAt > 0 && line[unitAt - 1] != ' ')
        separator = line[unitAt - 1];
    else if (isNotCounted(line) && eventAt > 0) {
        // "<not counted>,,power/energy-pkg/,0,100.00,,"
        const qsizetype close = line.indexOf('>');
        if (close > 0 && close + 1 < line.size() && line[close + 1] != ' ')
            separator = line[close + 1];
    }
    if (separator == 0)
        return false;
    const QList<QByteArrayView> fields = [&] {
        QList<QByteArrayView> out;
        qsizetype start = 0;
        for (qsizetype i = 0; i <= line.size(); ++i) {
            if (i == line.size() || line[i] == separator) {
                out.append(line.sliced(start, i - start).trimmed());
                start = i + 1;
            }
        }
        return out;
    }();
    int eventField = -1;
    for (int i = 0; i < fields.size(); ++i) {
        if (fields[i].contains("energy-")) {
            eventField = i;
            break;
        }
    }
    if (eventField < 2)
        return false;
    std::optional<double> timeS;
    if (eventField >= 3 && looksLikeIntervalTime(fields[eventField - 3]))
        timeS = parseLocaleNumber(fields[eventField - 3]);
    std::optional<double> runTimeS;
    if (eventField + 1 < fields.size()) {
        if (const auto ns = parseNumber(fields[eventField + 1]); ns && *ns > 0)
            runTimeS = *ns / 1.0e9;
    }
    addReading(timeS, fields[eventField - 2], fields[eventField], runTimeS, lineNumber);
    return true;
}

int PerfStatParser::channelFor(QByteArrayView event)
{
    // Registered first so the package, not psys, is the reported total when both are counted.
    if (!m_packageRegistered) {
        sink()->channel({QStringLiteral("package"), QStringLiteral("Package (reported)"), ChannelRole::ReportedTotal});
        m_packageRegistered = true;
    }
    // A damaged line can put another token where the event was: it is named as it reads.
    const qsizetype at = event.indexOf("energy-");
    QByteArrayView suffix = at < 0 ? event : event.sliced(at + 7);
    while (!suffix.isEmpty() && (suffix.back() == '/' || suffix.back() == ','))
        suffix.chop(1);
    for (const auto &known : kEvents) {
        if (suffix == QByteArrayView(known.suffix))
            return sink()->channel({QString::fromLatin1(known.id), QString::fromLatin1(known.label), known.role});
    }
    const QString name = text(suffix);
    return sink()->channel({name, name, ChannelRole::Auxiliary});
}

void PerfStatParser::setMode(Mode mode)
{
    if (m_mode == Mode::Unknown) {
        m_mode = mode;
        sink()->setTiming(TimingKind::Windowed);
    }
}

void PerfStatParser::addReading(std::optional<double> timeS, QByteArrayView valueText, QByteArrayView event,
                                std::optional<double> runTimeS, qint64 lineNumber)
{
    if (timeS) {
        setMode(Mode::Intervals);
        if (m_mode != Mode::Intervals) {
            reportIssue(lineNumber, QStringLiteral("interval line in a log of whole runs; left out"));
            return;
        }
        if (m_intervalTimeS && *m_intervalTimeS != *timeS)
            flushInterval();
        m_intervalTimeS = timeS;
    } else {
        setMode(Mode::Runs);
        if (m_mode != Mode::Runs) {
            reportIssue(lineNumber, QStringLiteral("line without interval time in an interval log; left out"));
            return;
        }
    }
    const int channel = channelFor(event);
    if (runTimeS) {
        // -x prints no "Performance counter stats" header: a repeated event starts the next run.
        const bool repeated = std::any_of(m_readings.begin(), m_readings.end(),
                                          [channel](const Reading &r) { return r.channel == channel; });
        if (repeated && m_csvRunTimeS)
            finishRun(*m_csvRunTimeS, m_readingsLine);
        m_csvRunTimeS = std::max(m_csvRunTimeS.value_or(0), *runTimeS);
    }
    if (m_readings.empty())
        m_readingsLine = lineNumber;
    Reading reading{channel, std::nullopt};
    if (!isNotCounted(valueText)) {
        reading.joules = parseLocaleNumber(valueText);
        if (!reading.joules || *reading.joules < 0)
            reportIssue(lineNumber, QStringLiteral("energy %1 is not a number; left out").arg(quoteInput(valueText)));
    }
    m_readings.push_back(reading);
}

void PerfStatParser::startRun()
{
    if (!m_readings.empty()) {
        if (m_csvRunTimeS) {
            finishRun(*m_csvRunTimeS, m_readingsLine);
        } else {
            reportIssue(m_readingsLine, QStringLiteral("run without a \"seconds time elapsed\" line; left out"));
            m_readings.clear();
        }
    }
}

void PerfStatParser::finishRun(double elapsedS, qint64 lineNumber)
{
    if (m_readings.empty())
        return;
    const RunTimeline::Placement placement = m_runs.place(sink(), {}, elapsedS);
    ++m_runCount;
    emitSample(placement.startS, elapsedS, lineNumber);
    m_csvRunTimeS.reset();
}

void PerfStatParser::flushInterval()
{
    if (m_readings.empty() || !m_intervalTimeS)
        return;
    const double windowS = *m_intervalTimeS - m_lastIntervalEndS;
    if (!(windowS > 0)) {
        reportIssue(m_readingsLine, QStringLiteral("interval time does not advance; left out"));
        m_readings.clear();
        return;
    }
    emitSample(m_lastIntervalEndS, windowS, m_readingsLine);
    m_lastIntervalEndS = *m_intervalTimeS;
}

void PerfStatParser::emitSample(double startS, double windowS, qint64 lineNumber)
{
    std::vector<float> values;
    bool any = false;
    for (const auto &reading : m_readings) {
        if (size_t(reading.channel) >= values.size())
            values.resize(size_t(reading.channel) + 1, kMissing);
        if (!reading.joules)
            continue;
        const double watts = *reading.joules / windowS;
        if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
            reportIssue(lineNumber, problem + QStringLiteral("; left out"));
            continue;
        }
        float &value = values[size_t(reading.channel)];
        value = isMissing(value) ? float(watts) : value + float(watts); // per-socket lines add up
        any = true;
    }
    m_readings.clear();
    if (any)
        sink()->sample(startS, float(windowS), values, m_readingsLine);
}

void PerfStatParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // "46,3" may be the start of "46,35": a value or elapsed line is trusted only when it got to
    // its last words ("… power/energy-pkg/", "… seconds time elapsed"), or with -x to the
    // separators after the event (run time, percentage, metric, unit).
    const bool matters = line.contains("energy-") || line.contains("elapsed") || line.contains("Joules");
    if (matters && !endsWhole(line.trimmed())) {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    parseLine(line, lineNumber);
}

bool PerfStatParser::endsWhole(QByteArrayView line)
{
    if (line.contains(kElapsed))
        return line.endsWith(kElapsed);
    const qsizetype event = line.indexOf("energy-");
    const qsizetype eventEnd = event < 0 ? -1 : line.indexOf('/', event);
    if (eventEnd < 0)
        return false;
    const QByteArrayView after = line.sliced(eventEnd + 1).trimmed();
    if (after.isEmpty())
        return true;
    if (after.front() == '(') // -r: "( +-  1.24% )"
        return after.back() == ')';
    return after.count(after.front()) >= 4;
}

void PerfStatParser::endOfInput()
{
    if (m_mode == Mode::Intervals) {
        flushInterval();
    } else if (!m_readings.empty()) {
        if (m_csvRunTimeS)
            finishRun(*m_csvRunTimeS, m_readingsLine);
        else
            reportIssue(m_readingsLine, QStringLiteral("last run has no \"seconds time elapsed\" line (cut off?); left out"));
        m_readings.clear();
    }
    if (m_mode == Mode::Runs) {
        sink()->metadata(QStringLiteral("runs"), QString::number(m_runCount));
        sink()->metadata(QStringLiteral("timing"),
                         QStringLiteral("perf prints no clock: each run is one window of its elapsed time, runs placed back to back"));
    }
}

} // namespace nightwatt
