#include "formats/intelpowergadgetparser.h"

#include "formats/powervalue.h"
#include "formats/rfc4180.h"
#include "io/messagetext.h"
#include "formats/timeoutlier.h"

#include <QRegularExpression>

#include <cmath>

namespace nightwatt {

namespace {

constexpr QByteArrayView kElapsedColumn = "Elapsed Time (sec)";

struct KindChannel
{
    const char *name;
    const char *id;
    const char *label;
    ChannelRole role;
};

// Processor power is the whole package (cores + graphics + uncore): a reported total. Its parts
// are shown beside it, never added to it.
constexpr KindChannel kKindChannels[] = {
    {"Processor", "package", "Package (reported)", ChannelRole::ReportedTotal},
    {"IA", "cores", "Cores (IA)", ChannelRole::Auxiliary},
    {"GT", "gt", "Graphics (GT)", ChannelRole::Auxiliary},
    {"DRAM", "dram", "DRAM", ChannelRole::Auxiliary},
};

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size()).trimmed();
}

} // namespace

int IntelPowerGadgetParser::sniff(QByteArrayView head)
{
    const qsizetype newline = head.indexOf('\n');
    const QByteArrayView first = newline < 0 ? head : head.first(newline);
    if (!first.contains(kElapsedColumn))
        return 0;
    if (first.contains("Processor Power_0(Watt)") || first.contains("Cumulative Processor Energy_0"))
        return 90;
    return first.contains("Power_0(Watt)") ? 70 : 0;
}

void IntelPowerGadgetParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_state == State::Footer) {
        parseFooter(line);
        return;
    }
    if (line.trimmed().isEmpty()) {
        // The totals that follow the first blank line are not samples.
        if (m_state == State::Rows) {
            releaseHeldRow();
            m_state = State::Footer;
        }
        return;
    }
    const rfc4180::Record record = rfc4180::splitRecord(line);
    if (m_state == State::Header) {
        readHeader(record.fields, lineNumber);
        return;
    }
    if (record.fields.size() == 1 && line.contains(" = ")) {
        releaseHeldRow();
        m_state = State::Footer;
        parseFooter(line);
        return;
    }
    if (record.unbalancedQuote || record.fields.size() != m_columnCount) {
        reportIssue(lineNumber, QStringLiteral("row has %1 fields where the header has %2; left out")
                                    .arg(record.fields.size())
                                    .arg(m_columnCount));
        return;
    }
    parseRow(record.fields, lineNumber);
}

void IntelPowerGadgetParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_state == State::Rows) {
        const rfc4180::Record record = rfc4180::splitRecord(line);
        if (record.unbalancedQuote || record.fields.size() != m_columnCount) {
            reportIssue(lineNumber, QStringLiteral("last row is cut off (no newline at end of file); left out"));
            return;
        }
    }
    parseLine(line, lineNumber);
}

void IntelPowerGadgetParser::readHeader(const QList<QByteArray> &fields, qint64 lineNumber)
{
    static const QRegularExpression power(QStringLiteral("^(\\w+) Power_(\\d+)\\(Watt\\)$"));
    static const QRegularExpression counter(QStringLiteral("^Cumulative (\\w+) Energy_(\\d+)\\(Joules\\)$"));
    m_columnCount = fields.size();
    for (int i = 0; i < fields.size(); ++i) {
        const QString name = text(fields[i]);
        if (name == QLatin1StringView(kElapsedColumn.data(), kElapsedColumn.size())) {
            m_elapsedColumn = i;
            continue;
        }
        const QRegularExpressionMatch powerMatch = power.match(name);
        const QRegularExpressionMatch counterMatch = counter.match(name);
        const QRegularExpressionMatch &match = powerMatch.hasMatch() ? powerMatch : counterMatch;
        if (!match.hasMatch())
            continue;
        const KindChannel *known = nullptr;
        for (const auto &candidate : kKindChannels) {
            if (match.captured(1) == QLatin1StringView(candidate.name))
                known = &candidate;
        }
        if (!known)
            continue;
        auto kind = std::find_if(m_kinds.begin(), m_kinds.end(), [&](const Kind &k) { return k.name == match.captured(1); });
        if (kind == m_kinds.end()) {
            Kind added;
            added.name = match.captured(1);
            m_kinds.push_back(added);
            kind = m_kinds.end() - 1;
        }
        (powerMatch.hasMatch() ? kind->powerColumns : kind->counterColumns).append(i);
    }
    if (m_elapsedColumn < 0 || m_kinds.empty()) {
        reportIssue(lineNumber, QStringLiteral("header has no \"Elapsed Time (sec)\" or no power column; not an Intel Power Gadget log"));
        m_kinds.clear();
        m_state = State::Footer; // nothing more can be read
        return;
    }
    sink()->setTiming(TimingKind::Windowed);
    for (const auto &candidate : kKindChannels) {
        for (auto &kind : m_kinds) {
            if (kind.name == QLatin1StringView(candidate.name))
                kind.channel = sink()->channel({QString::fromLatin1(candidate.id), QString::fromLatin1(candidate.label), candidate.role});
        }
    }
    for (auto &kind : m_kinds) {
        // Counters are usable only when every package that has a power column has one.
        if (kind.counterColumns.size() != kind.powerColumns.size() && !kind.powerColumns.isEmpty())
            kind.counterColumns.clear();
    }
    m_state = State::Rows;
}

void IntelPowerGadgetParser::parseRow(const QList<QByteArray> &fields, qint64 lineNumber)
{
    const std::optional<double> elapsed = parseNumber(fields[m_elapsedColumn]);
    if (!elapsed || !std::isfinite(*elapsed)) {
        reportIssue(lineNumber, QStringLiteral("elapsed time %1 is not a number; row left out").arg(quoteInput(fields[m_elapsedColumn])));
        return;
    }
    if (m_heldRow) {
        const HeldRow held = std::move(*m_heldRow);
        m_heldRow.reset();
        if (isIsolatedTimeOutlier(m_lastElapsedS, held.elapsedS, *elapsed))
            reportIssue(held.line, QStringLiteral("elapsed time %1 s is far from the rows before and after it; row left out").arg(held.elapsedS));
        else
            readRow(held.fields, held.elapsedS, held.line);
    }
    // Every later window starts where this row's ends: a far elapsed time waits for the next row,
    // which tells a pause from a garbled figure.
    if (isFarTimeJump(m_lastElapsedS, *elapsed)) {
        m_heldRow = HeldRow{fields, *elapsed, lineNumber};
        return;
    }
    readRow(fields, *elapsed, lineNumber);
}

void IntelPowerGadgetParser::releaseHeldRow()
{
    if (!m_heldRow)
        return;
    const HeldRow held = std::move(*m_heldRow);
    m_heldRow.reset();
    readRow(held.fields, held.elapsedS, held.line);
}

void IntelPowerGadgetParser::endOfInput()
{
    releaseHeldRow();
}

void IntelPowerGadgetParser::readRow(const QList<QByteArray> &fields, double elapsedS, qint64 lineNumber)
{
    const double windowS = elapsedS - m_lastElapsedS;
    if (!(windowS > 0)) {
        reportIssue(lineNumber, QStringLiteral("elapsed time %1 s does not advance; row left out").arg(elapsedS));
        return;
    }
    m_values.assign(m_kinds.size() + 4, kMissing);
    for (auto &kind : m_kinds) {
        std::optional<double> watts;
        // The counters start at zero with the elapsed time, so even the first row has a delta.
        if (!kind.counterColumns.isEmpty()) {
            double sum = 0;
            bool complete = true;
            for (int column : std::as_const(kind.counterColumns)) {
                const auto joules = parseNumber(fields[column]);
                complete = complete && joules.has_value();
                sum += joules.value_or(0);
            }
            if (complete) {
                const double delta = sum - kind.lastCounterJ;
                if (kind.counterKnown && delta >= 0)
                    watts = delta / windowS;
                else if (kind.counterKnown)
                    reportIssue(lineNumber, QStringLiteral("cumulative %1 energy went down; the power column is used").arg(kind.name));
                kind.lastCounterJ = sum;
            }
            kind.counterKnown = complete;
        }
        if (!watts && !kind.powerColumns.isEmpty()) {
            double sum = 0;
            bool complete = true;
            for (int column : std::as_const(kind.powerColumns)) {
                const auto power = parseNumber(fields[column]);
                complete = complete && power.has_value();
                sum += power.value_or(0);
            }
            if (complete)
                watts = sum;
            else
                reportIssue(lineNumber, QStringLiteral("%1 power is not a number; left out").arg(kind.name));
        }
        if (!watts || kind.channel < 0)
            continue;
        if (const QString problem = implausiblePowerReason(*watts); !problem.isEmpty()) {
            reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(kind.name, problem));
            continue;
        }
        if (size_t(kind.channel) >= m_values.size())
            m_values.resize(size_t(kind.channel) + 1, kMissing);
        m_values[size_t(kind.channel)] = float(*watts);
    }
    sink()->sample(m_lastElapsedS, float(windowS), m_values, lineNumber);
    m_lastElapsedS = elapsedS;
}

void IntelPowerGadgetParser::parseFooter(QByteArrayView line)
{
    // "Total Elapsed Time (sec) = 1.231120": kept as metadata, a cross-check of the samples.
    QByteArrayView content = line.trimmed();
    if (content.startsWith('"') && content.endsWith('"') && content.size() >= 2)
        content = content.sliced(1, content.size() - 2);
    const qsizetype equals = content.indexOf(" = ");
    if (equals <= 0)
        return;
    sink()->metadata(QStringLiteral("footer: ") + text(content.first(equals)), text(content.sliced(equals + 3)));
}

} // namespace nightwatt
